from datetime import date

import pytest

from jiceng.capacity.policy import monthly_hours_per_person
from jiceng.capacity.secondments import month_overlaps, seconded_persons_in_month, secondment_events
from jiceng.capacity.workload import (
    WorkloadInput,
    assess_workload,
    estimate_task_hours,
    rank_workloads,
)


def test_statutory_month_is_174_hours():
    assert monthly_hours_per_person() == pytest.approx(174.0)


def test_ratio_levels_on_constructed_townships():
    # 10 people, 2 seconded: 8 × 174 = 1392 available hours.
    light = WorkloadInput(
        "甲镇",
        "2025-03",
        task_hours=200,
        ledger_hours=100,
        staff_in_post=10,
        seconded_out=2,
        task_count=5,
    )
    heavy = WorkloadInput(
        "乙镇",
        "2025-03",
        task_hours=900,
        ledger_hours=300,
        staff_in_post=10,
        seconded_out=2,
        task_count=30,
    )
    middle = WorkloadInput(
        "丙乡", "2025-03", task_hours=500, ledger_hours=250, staff_in_post=10, seconded_out=2
    )
    results = {r.township: r for r in rank_workloads([light, heavy, middle])}
    assert results["甲镇"].available_hours == pytest.approx(1392)
    assert (
        results["甲镇"].ratio == pytest.approx(300 / 1392, abs=1e-4)
        and results["甲镇"].level == "normal"
    )
    assert results["丙乡"].level == "warn" and results["丙乡"].highlighted
    assert results["乙镇"].level == "over"
    assert [r.township for r in rank_workloads([light, heavy, middle])] == ["乙镇", "丙乡", "甲镇"]
    assert any("超负荷线" in reason for reason in results["乙镇"].reasons)
    assert any("借调外出 2 人" in reason for reason in results["乙镇"].reasons)


def test_thresholds_are_configurable():
    data = WorkloadInput("甲镇", "2025-03", task_hours=300, ledger_hours=0, staff_in_post=10)
    assert assess_workload(data).level == "normal"  # 300 / 1740 ≈ 17 %
    assert assess_workload(data, warn=0.1, over=0.5).level == "warn"
    assert assess_workload(data, warn=0.1, over=0.15).level == "over"
    with pytest.raises(ValueError):
        assess_workload(data, warn=0.9, over=0.5)


def test_secondment_reduces_supply_and_no_staff_is_over_or_unknown():
    base = WorkloadInput("甲镇", "2025-03", task_hours=400, ledger_hours=0, staff_in_post=5)
    away = WorkloadInput(
        "甲镇", "2025-03", task_hours=400, ledger_hours=0, staff_in_post=5, seconded_out=3
    )
    assert assess_workload(away).ratio > assess_workload(base).ratio
    empty = WorkloadInput("乙镇", "2025-03", task_hours=0, ledger_hours=0, staff_in_post=0)
    assert assess_workload(empty).level == "unknown" and assess_workload(empty).ratio is None
    all_gone = WorkloadInput(
        "乙镇", "2025-03", task_hours=10, ledger_hours=0, staff_in_post=2, seconded_out=2
    )
    assert assess_workload(all_gone).level == "over"


def test_task_hours_come_from_the_policy_table_and_flags():
    plain = estimate_task_hours("basic")
    flagged = estimate_task_hours("basic", ["excessive_traces", "meeting_burden"])
    assert flagged.hours > plain.hours and "形式主义" in flagged.reason
    assert estimate_task_hours("cooperating").hours < plain.hours
    assert estimate_task_hours("unknown-category").hours == estimate_task_hours("none").hours
    assert estimate_task_hours("basic", ["excessive_traces"], given_hours=3).hours == 3


def test_secondment_becomes_monthly_ledger_events():
    rows = secondment_events(
        township="甲镇",
        borrower="县某局",
        persons=2,
        start=date(2025, 1, 16),
        end=date(2025, 3, 31),
        reason="专班",
    )
    assert [r["date"] for r in rows] == ["2025-01-16", "2025-02-01", "2025-03-01"]
    assert all(r["type"] == "secondment" and r["channel"] == "formal" for r in rows)
    assert float(rows[1]["hours"]) == pytest.approx(2 * 174)
    assert float(rows[0]["hours"]) == pytest.approx(2 * 174 * 16 / 31, abs=0.1)
    assert month_overlaps(date(2025, 2, 1), date(2025, 1, 1)) == []


def test_persons_away_are_prorated_within_a_month():
    periods = [(2, date(2025, 4, 16), None), (1, date(2025, 1, 1), date(2025, 3, 31))]
    assert seconded_persons_in_month(periods, date(2025, 4, 1)) == pytest.approx(1.0)
    assert seconded_persons_in_month(periods, date(2025, 3, 1)) == pytest.approx(1.0)
