"""Imbalance checks and change explanations on constructed series."""

from dataclasses import replace

from jiceng.scorecard.explain import explain_change
from jiceng.scorecard.imbalance import (
    MonthPoint,
    PowerDelegation,
    check_township,
    cut_removed_support,
    empowerment_added_burden,
)
from jiceng.scorecard.index import TownshipFacts, score_township


def series(hours, staff=20.0, tasks=None, backlog=None, start=(2025, 1)):
    out = []
    for i, h in enumerate(hours):
        y, m = divmod(start[0] * 12 + start[1] - 1 + i, 12)
        out.append(
            MonthPoint(
                f"{y}-{m + 1:02d}",
                ledger_hours=h,
                available_staff=staff if not isinstance(staff, list) else staff[i],
                tasks_admitted=None if tasks is None else tasks[i],
                tickets_backlog=None if backlog is None else backlog[i],
            )
        )
    return out


def test_power_without_people_followed_by_rising_hours_is_flagged():
    s = series([200, 200, 200, 200, 260, 280, 300])  # power in 2025-04
    found = empowerment_added_burden(
        "甲镇", s, [PowerDelegation("农村宅基地执法", "2025-04", 0, 0.0)]
    )
    assert len(found) == 1
    flag = found[0]
    assert flag.kind == "empowerment_added_burden" and flag.level == "red"
    assert "农村宅基地执法" in flag.reasons[0] and "上升" in flag.reasons[1]


def test_power_with_people_or_flat_hours_or_more_staff_is_not_flagged():
    rising = series([200, 200, 200, 200, 260, 280, 300])
    assert not empowerment_added_burden(
        "甲镇", rising, [PowerDelegation("某项执法", "2025-04", staff_added=2)]
    )
    flat = series([200, 200, 200, 200, 205, 198, 202])
    assert not empowerment_added_burden("甲镇", flat, [PowerDelegation("某项执法", "2025-04")])
    # hours rise, but staff rose even more: the load per person did not grow
    more_staff = series([200, 200, 200, 200, 260, 280, 300], staff=[20, 20, 20, 20, 30, 30, 30])
    assert not empowerment_added_burden(
        "甲镇", more_staff, [PowerDelegation("某项执法", "2025-04")]
    )


def test_too_early_to_judge_a_fresh_delegation():
    s = series([200, 200, 200, 200, 300])  # only one month after
    assert not empowerment_added_burden("甲镇", s, [PowerDelegation("某项执法", "2025-04")])


def test_fewer_tasks_but_more_unresolved_tickets_is_flagged():
    s = series([100] * 6, tasks=[10, 10, 10, 6, 5, 5], backlog=[1, 1, 2, 3, 4, 6])
    found = cut_removed_support("甲镇", s, "2025-06")
    assert len(found) == 1 and found[0].kind == "cut_removed_support"
    assert (
        "减少" in found[0].reasons[0]
        and "2 件" in found[0].reasons[1]
        and "6 件" in found[0].reasons[1]
    )


def test_fewer_tasks_with_a_steady_backlog_is_a_genuine_cut():
    steady = series([100] * 6, tasks=[10, 10, 10, 6, 5, 5], backlog=[2, 2, 2, 2, 2, 3])
    assert not cut_removed_support("甲镇", steady, "2025-06")
    more_tasks = series([100] * 6, tasks=[5, 5, 5, 10, 10, 10], backlog=[1, 1, 1, 3, 4, 6])
    assert not cut_removed_support("甲镇", more_tasks, "2025-06")
    short = series([100] * 3, tasks=[10, 5, 5], backlog=[1, 4, 6])
    assert not cut_removed_support("甲镇", short, "2025-03")


FACTS = TownshipFacts(
    township="甲镇",
    month="2025-07",
    ledger_hours=300.0,
    available_staff=20.0,
    previous_hours_per_staff=10.0,
    caps_broken=0,
    hidden_shifts=0,
    tickets_dispatched=3,
    tickets_resolved=3,
    tickets_resolved_on_time=3,
    ratings=3,
    ratings_satisfied=3,
)


def test_check_township_lists_red_before_low_confidence():
    score = score_township(FACTS)
    s = series([200, 200, 200, 200, 260, 280, 300])
    found = check_township(score, s, [PowerDelegation("某项执法", "2025-04")])
    kinds = [f.kind for f in found]
    assert kinds[0] == "empowerment_added_burden"
    assert "low_confidence" in kinds  # 3 of 3 tickets on time and satisfied: too few to trust
    assert all(f.level == "yellow" for f in found if f.kind == "low_confidence")
    # a delegation long past the window is not judged again
    old = check_township(score, s, [PowerDelegation("某项执法", "2024-01")])
    assert "empowerment_added_burden" not in [f.kind for f in old]


def test_explain_change_names_the_indicators_that_moved():
    before = score_township(replace(FACTS, month="2025-06", ledger_hours=200.0))
    after = score_township(replace(FACTS, ledger_hours=400.0, hidden_shifts=1))
    changes = {c.subscore: c for c in explain_change(before, after)}
    burden = changes["burden"]
    assert burden.delta > 0 and "负担加重" in burden.sentences[0]
    text = " ".join(burden.sentences)
    assert "人均负担工时" in text and "隐性负担" in text
    assert "index" in changes
    first = explain_change(None, after)
    assert first[0].sentences == ("没有上月数据可比",)
