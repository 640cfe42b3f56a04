"""Round 6: more visits within the same period is more frequent visiting — "每周不少于3次" goes
beyond "每周1次" although both say 每周 (label rule: escalation is judged against upstream)."""

from jiceng.intake.escalation import EscalationDetector
from jiceng.intake.records import Upstream

from .factories import make_task

detector = EscalationDetector("层层加码", "规定")


def codes(body: str, requirement: str) -> list[str]:
    up = Upstream("市农业农村局", None, requirement)
    return [f.code for f in detector.detect(make_task(body, upstream=up))[0]]


def test_more_visits_in_the_same_period_is_escalation() -> None:
    body = "为体现高标准，各镇农技员每周须到村不少于3次，指导春耕生产。"
    assert codes(body, "农技员每周下村指导不少于1次") == ["escalation"]


def test_the_same_count_in_the_same_period_is_not() -> None:
    body = "各镇农技员每周到村指导一次，发现问题及时报告。"
    assert codes(body, "农技员每周下村指导不少于1次") == []


def test_going_to_the_place_is_the_same_kind_as_patrolling() -> None:
    body = "各镇安全员每月须到现场不少于4次，查看尾矿库坝体。"
    assert codes(body, "乡镇安全员每月巡查尾矿库不少于1次") == ["escalation"]
