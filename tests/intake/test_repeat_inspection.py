"""One more round of inspection on top of one already held is inspection burden; a notice that
promises no extra check or appraisal is not. Our own wording."""

import pytest

from jiceng.intake.flags import FlagDetector, load_flag_specs

from .factories import make_task


def codes(body: str) -> set[str]:
    return {f.code for f in FlagDetector(load_flag_specs()).detect(make_task(body), None)}


def test_another_round_after_the_city_check_is_flagged() -> None:
    body = "上月省检查组已来过一次。为压实责任，县里决定再开展一轮全覆盖检查，请各乡做好准备。"
    assert "inspection_burden" in codes(body)


@pytest.mark.parametrize(
    "body",
    [
        "市里已检查过，县里不再组织一轮检查，请各乡抓好整改。",
        "请各乡做好冬季救助，县里不另行组织检查评比。",
        "请各乡组织人员对辖区桥梁开展一次全面排查。",
    ],
)
def test_promises_and_own_patrols_are_not_flagged(body: str) -> None:
    found = codes(body)
    assert "inspection_burden" not in found
    assert "creation_activity" not in found
