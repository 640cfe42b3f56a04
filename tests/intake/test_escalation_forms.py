"""层层加码 said in the other ways notices say it: quotas named otherwise or in Chinese numerals,
frequencies named by their period, time limits in hours or minutes, and a deadline given only in
the text. Our own wording; each has its trap (an equal requirement, a date before 报送)."""

from jiceng.intake.escalation import EscalationDetector, _amount, _frequencies
from jiceng.intake.records import Upstream

from .factories import make_task

detector = EscalationDetector("层层加码", "规定")


def escalated(body: str, upstream: Upstream, deadline_days: int | None = None) -> list[str]:
    flags, reasons = detector.detect(
        make_task(body, upstream=upstream, deadline_days=deadline_days)
    )
    assert len(flags) == len(reasons)
    return [f.evidence for f in flags]


def test_a_quota_naming_its_thing_otherwise_is_compared_by_its_unit() -> None:
    up = Upstream("市人社局", None, "帮扶困难人员就业不少于30人")
    assert escalated("今年各街道不少于45人，请做好登记。", up) == ["45人"]
    assert escalated("今年各街道不少于30人，请做好登记。", up) == []


def test_two_upstream_quotas_in_one_unit_leave_an_unnamed_thing_unread() -> None:
    up = Upstream("市人社局", None, "帮扶就业不少于30人，技能培训不少于50人")
    assert escalated("今年各街道不少于45人，请做好登记。", up) == []


def test_quotas_and_rates_in_chinese_numerals() -> None:
    assert _amount("两百") == 200 and _amount("一百二十") == 120 and _amount("三千") == 3000
    up = Upstream("省应急厅", None, "编织袋不少于两百只")
    assert escalated("各村储备编织袋不少于五百只。", up) == ["五百只"]
    assert escalated("各村储备编织袋不少于两百只。", up) == []
    up = Upstream("市卫健委", None, "签约覆盖率达到百分之七十")
    assert escalated("家庭医生签约覆盖率要达到百分之九十。", up)
    assert escalated("家庭医生签约覆盖率要达到百分之七十。", up) == []


def test_frequencies_named_by_their_period_or_said_with_their_count() -> None:
    up = Upstream("省河长办", None, "镇级河长一个月至少巡一次河")
    assert escalated("县里要求镇级河长每周巡河一次。", up)
    assert escalated("请镇级河长按时巡河，一个月至少巡一次。", up) == []
    up = Upstream("市防办", None, "汛期实行周报")
    assert escalated("汛期各镇实行日报，隔天汇总一次。", up)
    assert escalated("每两周报一次进展。", Upstream("市防办", None, "每月报送一次进展"))
    assert escalated("每两周报一次进展。", Upstream("市防办", None, "每周报送一次进展")) == []


def test_a_date_before_reporting_is_no_frequency() -> None:
    assert [m.value for m in _frequencies("请于5月报送，周日报送汇总表。")] == []
    assert escalated("请于每月5日报送上月情况。", Upstream("市局", None, "按月报送")) == []


def test_a_time_limit_in_hours_or_minutes_tightened() -> None:
    up = Upstream("市应急预案", None, "发现险情后2小时内报告县级部门")
    assert escalated("发现险情须在30分钟内电话报告我局。", up) == ["30分钟内"]
    assert escalated("发现险情须在两个小时内报告我局。", up) == []
    assert escalated("发现险情后半小时内报告。", up) == ["半小时内"]


def test_a_deadline_given_only_in_the_text() -> None:
    up = Upstream("省厅", None, "一个月内完成摸底登记")
    assert escalated("请抓紧摸底。", up, deadline_days=10)
    assert escalated("请抓紧摸底。", up, deadline_days=30) == []
    up = Upstream("省厅", 30, "完成摸底登记")
    assert escalated("请于15日内完成摸底登记。", up) == ["15日内"]
    # the longest limit stated is the deadline: a shorter one times a part of the work
    assert escalated("3日内报送联络员，30日内完成摸底登记。", up) == []
