from datetime import date

from jiceng.capacity.powers import PowerFacts, assess_power
from jiceng.capacity.retention import PayGroup, RetentionFacts, assess_retention, county_pay_average
from jiceng.capacity.training import Attendance, training_coverage

TODAY = date(2025, 6, 30)


def test_power_without_people_budget_or_training_is_a_hidden_burden():
    bare = assess_power(PowerFacts("违法建设查处", date(2025, 1, 2)), as_of=TODAY)
    assert bare.hidden_burden and set(bare.missing) == {"人员", "经费", "培训"}
    assert any("隐性负担" in r for r in bare.reasons)
    staffed_only = assess_power(
        PowerFacts("宅基地审批", date(2025, 1, 2), staff_added=2), as_of=TODAY
    )
    assert staffed_only.hidden_burden and staffed_only.missing == ["经费", "培训"]
    full = assess_power(PowerFacts("宅基地审批", date(2025, 1, 2), 2, 30000, True), as_of=TODAY)
    assert not full.hidden_burden and not full.missing


def test_recent_power_is_pending_not_yet_flagged():
    recent = assess_power(PowerFacts("林木采伐初审", date(2025, 6, 1)), as_of=TODAY)
    assert not recent.hidden_burden and recent.pending and "过渡期" in recent.reasons[-1]


def test_training_coverage_and_who_is_left_behind():
    records = [
        Attendance("甲镇", "policy_law", "lecture", hours=30, attendees=10),
        Attendance("甲镇", "skills", "case_study", hours=20, attendees=10),
        Attendance("甲镇", "mass_work", "site_visit", hours=10, attendees=10),
        Attendance("乙镇", "policy_law", "lecture", hours=4, attendees=5),
    ]
    report = training_coverage(records, {"甲镇": 10, "乙镇": 20, "丙乡": 8}, months=6)
    rows = {r.township: r for r in report.townships}
    assert (
        rows["甲镇"].hours_per_person == 60
        and rows["甲镇"].coverage == 1.0
        and not rows["甲镇"].left_behind
    )
    assert rows["乙镇"].hours_per_person == 1 and rows["乙镇"].left_behind
    assert rows["乙镇"].topics_missing == ["skills", "mass_work"]
    assert rows["丙乡"].person_hours == 0 and rows["丙乡"].left_behind
    assert report.topics_left_behind["mass_work"] == ["丙乡", "乙镇"]
    assert (
        "policy_law" not in report.topics_left_behind
        or "甲镇" not in report.topics_left_behind["policy_law"]
    )
    assert report.by_topic_format[("policy_law", "lecture")] == 320


def test_retention_turnover_vacancy_and_pay_without_small_groups():
    pay = [
        PayGroup("甲镇", "clerk", 10, 4500),
        PayGroup("乙镇", "clerk", 10, 5500),
        PayGroup("甲镇", "section", 1, 9000),
        PayGroup("乙镇", "section", 1, 9500),
    ]
    average = county_pay_average(pay)
    assert average["clerk"] == 5000
    result = assess_retention(
        RetentionFacts(
            "甲镇", 20, joined=1, left=2, transferred_out=1, promoted=0, vacancy_days=(30, 400)
        ),
        pay,
        average,
    )
    assert result.turnover == 0.15 and "turnover" in result.flags
    assert result.longest_vacancy_days == 400 and "vacancy" in result.flags
    assert result.pay_ratios["clerk"] == 0.9 and "pay" not in result.flags  # exactly at the line
    assert result.pay_ratios["section"] is None  # a group of one is never shown
    assert not any("9000" in r for r in result.reasons)
