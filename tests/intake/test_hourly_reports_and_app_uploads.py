"""Reporting every few hours against a daily upstream report is 层层加码 (加密报送频次); photos
uploaded through an app named before the verb, or posted to a group with a long name, are
digital formalism (sample README convention). Our own wording."""

from jiceng.intake.escalation import EscalationDetector
from jiceng.intake.records import Upstream

from .factories import flags_of, make_task

detector = EscalationDetector("层层加码", "规定")
DAILY = Upstream("市防指通知", None, "汛期每天报送一次水库巡查情况")


def escalated(body: str) -> bool:
    flags, _ = detector.detect(make_task(body, upstream=DAILY))
    return any(f.code == "escalation" for f in flags)


def test_reports_every_few_hours_against_a_daily_report_escalate():
    assert escalated("县里要求各乡水库巡查情况每3小时报一次，夜间照常。")
    assert escalated("各乡每两个小时报告一次巡查情况。")


def test_a_daily_report_as_upstream_asks_is_not_escalation():
    assert not escalated("各乡水库巡查情况每天报一次。")


def test_photos_uploaded_through_a_named_app_or_posted_to_a_long_named_group():
    assert "digital_formalism" in flags_of(
        "每次走访都要在“邻里通”APP上传照片，没上传的视为未走访。"
    )
    posted = "每次送达须拍摄签收照片并发到县局与各乡建立的“协同办理”工作群。"
    assert "digital_formalism" in flags_of(posted)
    uploaded = "每天至少上传5张巡山照片到“护林通”APP。"
    assert "digital_formalism" in flags_of(uploaded)
