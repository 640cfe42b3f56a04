"""Round 7b: the township's own funds named any way (镇级资金, 乡经费, 街道自有资金) paying for the
department's service is paying on its behalf (label rule 3), as 镇财政 already was."""

import pytest

from tests.intake.factories import asked_kinds as kinds


@pytest.mark.parametrize(
    "text",
    [
        "今年起请各镇与保洁公司签约，按每公里300元从镇级资金中支付河道保洁费。",
        "病媒消杀的药剂费用请各乡从乡经费列支。",
    ],
)
def test_township_funds_paying_the_department_s_service(text: str) -> None:
    assert "payment" in kinds(text)


def test_county_funds_are_not() -> None:
    assert "payment" not in kinds("保洁费由县级资金按原标准拨付，请各镇做好保洁员管理。")
