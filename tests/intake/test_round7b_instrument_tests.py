"""Round 7b: testing done with the instrument in hand ("带上噪声检测仪", "用甲醛检测设备") or one
by one ("逐户检测") is the department's professional test, not a check by eye."""

import pytest

from tests.intake.factories import asked_kinds as kinds


@pytest.mark.parametrize(
    "text",
    [
        "请各乡安排人员使用噪声检测仪，到夜间施工工地测量噪声值。",
        "请各镇对辖区幼儿园新装修教室逐家检测甲醛浓度，填写记录表。",
    ],
)
def test_instrument_tests_are_professional(text: str) -> None:
    assert "professional" in kinds(text)


def test_looking_one_by_one_is_not() -> None:
    assert "professional" not in kinds("请各镇对辖区小作坊逐家查看灭火器配置，发现问题督促整改。")
