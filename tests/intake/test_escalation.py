from jiceng.intake.escalation import EscalationDetector, _deadline_dates
from jiceng.intake.records import Upstream

from .factories import make_task

detector = EscalationDetector("层层加码", "规定")


def found(task) -> list:
    flags, reasons = detector.detect(task)
    assert len(flags) == len(reasons)
    return flags


def test_no_upstream_no_escalation() -> None:
    assert found(make_task("请每天报送进度。", deadline_days=1)) == []


def test_shorter_deadline_than_upstream() -> None:
    up = Upstream("省厅通知", 30, "一个月内完成摸底")
    flags = found(make_task("请于15日内完成摸底并报送。", deadline_days=15, upstream=up))
    assert [f.code for f in flags] == ["escalation"]
    assert flags[0].evidence == "15日内"


def test_equal_or_longer_deadline_is_not_escalation() -> None:
    up = Upstream("省厅通知", 30, "一个月内完成摸底")
    assert found(make_task("请按期完成摸底。", deadline_days=30, upstream=up)) == []
    assert found(make_task("请按期完成摸底。", deadline_days=40, upstream=up)) == []


def test_higher_quota_than_upstream() -> None:
    up = Upstream("市局通知", None, "年底前建档率达到85%")
    flags = found(make_task("乡里要求年底前建档率必须达到100%。", upstream=up))
    assert flags and flags[0].evidence.endswith("100%")


def test_equal_quota_is_not_escalation() -> None:
    up = Upstream("市局通知", None, "年底前建档率达到85%")
    assert found(make_task("请确保年底前建档率达到85%。", upstream=up)) == []


def test_more_frequent_reporting_than_upstream() -> None:
    up = Upstream("市局通知", None, "每季度报送一次进展")
    flags = found(make_task("请各乡每周五报送进展情况。", upstream=up))
    assert flags and "每周" in flags[0].evidence


def test_twice_a_day_is_more_than_daily() -> None:
    up = Upstream("市局通知", None, "每天报送一次火点情况")
    assert found(make_task("每天上午、下午两次报送火点情况。", upstream=up))
    assert found(make_task("每天下午报送一次火点情况。", upstream=up)) == []


def test_same_frequency_is_not_escalation() -> None:
    up = Upstream("市局通知", None, "按月报送巡访情况")
    assert found(make_task("请每月5日前报送上月巡访情况。", upstream=up)) == []


def test_a_start_date_or_an_event_date_is_no_deadline():
    assert _deadline_dates("排查于4月8日开始，30日内完成。") == []
    assert _deadline_dates("定于3月12日上午举办业务培训。") == []
    assert [d for d, _, _ in _deadline_dates("请于4月8日前报送。")] == [408]
