""" "不得代替" is a meeting demand only when a meeting is named. Our own wording."""

from jiceng.intake.flags import FlagDetector, load_flag_specs

from .factories import make_task


def codes(body: str) -> set[str]:
    return {f.code for f in FlagDetector(load_flag_specs()).detect(make_task(body), None)}


def test_township_must_not_replace_the_department_in_enforcement() -> None:
    body = "发现违规经营的，请及时移交县市场监管局处理，乡里不得代替部门执法。"
    assert "meeting_burden" not in codes(body)


def test_no_substitute_at_the_meeting_is_a_meeting_demand() -> None:
    body = "周一召开全县调度会议，各乡党委书记须本人到场，不得派他人代替。"
    assert "meeting_burden" in codes(body)
