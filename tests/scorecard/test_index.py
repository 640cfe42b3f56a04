"""The index on constructed township-months: each sub-score, missing data, confidence, ranking."""

from dataclasses import replace

import pytest

from jiceng.scorecard.index import (
    Source,
    TownshipFacts,
    line_score,
    quadrant,
    rank,
    score_indicator,
    score_township,
)
from jiceng.scorecard.policy import load_policy
from jiceng.scorecard.stats import smoothed_rate

BASE = TownshipFacts(
    township="甲镇",
    month="2025-06",
    township_id=1,
    ledger_hours=200.0,
    available_staff=20.0,
    previous_hours_per_staff=10.0,
    caps_broken=0,
    hidden_shifts=0,
    powers_total=4,
    powers_resourced=4,
    staff_authorised=25,
    staff_actual=25,
    turnover=0.0,
    training_coverage=1.0,
    services_active=2,
    tickets_dispatched=20,
    tickets_resolved=20,
    tickets_resolved_on_time=20,
    tickets_reopened=0,
    ratings=20,
    ratings_satisfied=20,
    sources={
        "hours_per_staff": Source(
            "台账：甲镇 2025-06 已记入事件工时合计", "/ledger/events/?township=1&month=2025-06"
        )
    },
)


def test_line_score_runs_both_ways_and_clips():
    assert line_score(20, 0, 40) == 50
    assert line_score(80, 0, 40) == 100
    assert line_score(0.1, 0.3, 0.0) == pytest.approx(
        66.67, abs=0.01
    )  # falling line: lower is better
    assert line_score(-1, 0, 40) == 0
    with pytest.raises(ValueError):
        line_score(1, 2, 2)


def test_burden_rises_with_hours_per_staff_and_hidden_shifts():
    light = score_township(BASE)
    heavy = score_township(replace(BASE, ledger_hours=800.0, hidden_shifts=2, caps_broken=3))
    assert light.indicator("hours_per_staff").value == pytest.approx(10.0)
    assert light.indicator("hours_per_staff").score == pytest.approx(25.0)
    assert heavy.burden > light.burden
    assert heavy.indicator("hidden_shifts").score == 100
    # burden enters the index as (100 − burden): more burden, lower index
    assert heavy.index < light.index


def test_trend_compares_with_previous_months():
    rising = score_township(replace(BASE, ledger_hours=260.0))  # 13 h/person against 10: +30 %
    item = rising.indicator("hours_trend")
    assert item.value == pytest.approx(0.3)
    assert item.score == 100
    falling = score_township(replace(BASE, ledger_hours=140.0)).indicator("hours_trend")
    assert falling.score == 0


def test_felt_burden_is_scored_beside_the_measured_one():
    felt = score_township(
        replace(BASE, felt_hours_per_week=5.0, felt_responses=12, felt_heavier_share=0.5)
    )
    item = felt.indicator("felt_hours")
    assert item.score == 50 and "12 份" in item.reasons[0]
    hidden = score_township(replace(BASE, felt_hours_per_week=None, felt_responses=3))
    assert not hidden.indicator("felt_hours").has_data  # too few answers: not shown, not scored


def test_empowerment_counts_powers_with_people_staffing_turnover_training_services():
    full = score_township(BASE)
    assert full.empowerment == 100
    weak = score_township(
        replace(
            BASE,
            powers_resourced=1,
            staff_actual=19,
            turnover=0.25,
            training_coverage=0.2,
            services_active=0,
        )
    )
    assert weak.indicator("powers_resourced").value == pytest.approx(0.25)
    assert weak.indicator("staffing").score == pytest.approx(line_score(19 / 25, 0.7, 1.0))
    assert weak.indicator("turnover").score == 0
    assert weak.empowerment < 40


def test_pending_powers_are_left_out_and_failing_services_do_not_count():
    f = replace(
        BASE,
        powers_total=3,
        powers_pending=3,
        powers_resourced=0,
        services_active=2,
        services_failing=2,
    )
    s = score_township(f)
    assert not s.indicator("powers_resourced").has_data
    assert s.indicator("purchased_services").value == 0


def test_service_results_on_time_reopen_and_satisfaction():
    good = score_township(BASE)
    # 20 of 20 on time, smoothed with 10 neutral cases at 75 %: (20 + 7.5) / 30
    assert good.indicator("on_time").score == pytest.approx(
        line_score(27.5 / 30, 0.5, 1.0), abs=0.01
    )
    assert good.service > 80
    poor = score_township(
        replace(BASE, tickets_resolved_on_time=10, tickets_reopened=6, ratings_satisfied=10)
    )
    assert poor.indicator("on_time").value == 0.5 and poor.indicator(
        "reopen_rate"
    ).value == pytest.approx(0.3)
    assert poor.service < 25 < good.service - 50


def test_missing_indicators_reweight_and_say_so():
    no_tickets = replace(
        BASE,
        tickets_dispatched=0,
        tickets_resolved=0,
        tickets_resolved_on_time=0,
        ratings=0,
        ratings_satisfied=0,
    )
    s = score_township(no_tickets)
    assert s.service is None
    assert s.index is not None  # the other two carry the index
    assert any("服务成效指数没有任何可用数据" in r for r in s.reasons)
    partial = score_township(replace(BASE, turnover=None))
    assert partial.subscores["empowerment"].coverage == pytest.approx(0.85)


def test_perfect_satisfaction_on_few_tickets_is_low_confidence_and_not_top():
    few = replace(BASE, township="乙镇", ratings=3, ratings_satisfied=3)
    many = replace(BASE, township="丙镇", ratings=50, ratings_satisfied=45)
    few_item = score_township(few).indicator("satisfaction")
    assert few_item.value == 1.0 and few_item.confidence == "low"
    assert few_item.score < score_township(many).indicator("satisfaction").score
    assert "低置信度" in " ".join(few_item.reasons)
    order = [s.township for s in rank([score_township(few), score_township(many)], by="service")]
    assert order == ["丙镇", "乙镇"]


def test_smoothed_rate():
    assert smoothed_rate(0, 0, 0.75, 10) == 0.75  # no evidence: the neutral rate
    assert smoothed_rate(3, 3, 0.75, 10) == pytest.approx(10.5 / 13)
    assert smoothed_rate(900, 1000, 0.75, 10) == pytest.approx(0.9, abs=0.002)
    with pytest.raises(ValueError):
        smoothed_rate(4, 3, 0.75, 10)


def test_one_bad_ticket_does_not_sink_a_township():
    one = score_township(
        replace(
            BASE,
            tickets_dispatched=1,
            tickets_resolved_on_time=0,
            tickets_resolved=1,
            ratings=1,
            ratings_satisfied=0,
        )
    )
    assert one.indicator("on_time").confidence == "low"
    assert 30 < one.indicator("on_time").score < 50  # near the middle, not 0


def test_reopen_rate_with_few_cases_is_scored_pessimistically():
    item = score_indicator(
        "reopen_rate", replace(BASE, tickets_resolved=2, tickets_reopened=0), load_policy()
    )
    assert item.value == 0 and item.confidence == "low" and 50 < item.score < 100


def test_indicator_carries_its_source_and_policy():
    item = score_township(BASE).indicator("hours_per_staff")
    assert item.source.url == "/ledger/events/?township=1&month=2025-06"
    assert "若干规定" in item.policy


def test_rank_sorts_and_puts_missing_last():
    a = score_township(replace(BASE, township="甲", ledger_hours=600.0))
    b = score_township(replace(BASE, township="乙"))
    c = score_township(
        replace(BASE, township="丙", tickets_dispatched=0, tickets_resolved=0, ratings=0)
    )
    assert [s.township for s in rank([a, b])] == ["乙", "甲"]
    assert [s.township for s in rank([a, b, c], by="burden", descending=True)][0] == "甲"
    assert [s.township for s in rank([a, b, c], by="service")][-1] == "丙"


def test_quadrant_finds_the_pony_pulling_a_big_cart():
    pony = score_township(
        replace(
            BASE,
            ledger_hours=900.0,
            hidden_shifts=2,
            caps_broken=3,
            previous_hours_per_staff=20.0,
            powers_resourced=0,
            staff_actual=17,
            turnover=0.3,
            training_coverage=0.1,
            services_active=0,
        )
    )
    code, label = quadrant(pony)
    assert code == "heavy_weak" and "小马拉大车" in label
    assert quadrant(score_township(BASE))[0] == "light_strong"
