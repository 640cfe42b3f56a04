"""Round 7b: only a date said as a deadline (…前, …完成, 于…) is compared with the upstream
deadline — not the day the work starts ("自3月1日起") nor the notice's own date on its sign-off
line."""

from jiceng.intake.escalation import EscalationDetector
from jiceng.intake.records import Upstream

from .factories import make_task

detector = EscalationDetector("层层加码", "规定")
UP = "省林业局：6月30日前完成春季造林核查"


def codes(body: str) -> list[str]:
    up = Upstream("省林业局", None, UP)
    return [f.code for f in detector.detect(make_task(body, upstream=up))[0]]


def test_start_date_and_sign_off_date_are_not_deadlines() -> None:
    body = "春季造林核查自4月1日起开展，6月30日前完成并报县林业局。\n县林业局\n2025年3月20日"
    assert codes(body) == []


def test_an_earlier_deadline_is_still_escalation() -> None:
    body = "春季造林核查请于5月31日前完成，逾期不候。\n县林业局\n2025年3月20日"
    assert codes(body) == ["escalation"]


def test_a_bare_report_verb_with_what_is_reported_is_reporting() -> None:
    up = Upstream("市农业农村局", None, "各县每月5日前报送耕地保护进度")
    body = "从下周起各镇每周一上午报上周耕地保护进度表，请安排专人负责。"
    flags = detector.detect(make_task(body, upstream=up))[0]
    assert [f.code for f in flags] == ["escalation"]
