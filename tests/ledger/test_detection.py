"""Detection on constructed monthly series: each pattern, told apart, with the right month."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from jiceng.ledger.detection import Finding, detect, detect_from_monthly
from jiceng.ledger.generator import generate_county, township_names
from jiceng.ledger.series import aggregate_monthly, month_index, month_name

START = month_index("2023-01")
MONTHS = 24


def county(
    special: dict[str, str],
    *,
    change_at: int = 13,
    plain: int = 10,
    seed: int = 3,
    county_trim: float = 0.0,
    county_informal_rise: float = 0.0,
) -> dict[str, dict[str, tuple[float, float]]]:
    """A county of noisy plain townships plus the named ``special`` ones.

    Patterns change level at month ``change_at`` (0-based); a county-wide trim and informal
    rise from month 8 on apply to everyone.
    """
    rng = np.random.default_rng(seed)
    names = {f"平安{i}镇": "plain" for i in range(plain)} | special
    series: dict[str, dict[str, tuple[float, float]]] = {}
    for name, pattern in names.items():
        formal_level = rng.uniform(70, 130)
        informal_level = formal_level * 0.22
        months: dict[str, tuple[float, float]] = {}
        for m in range(MONTHS):
            f, i = formal_level, informal_level
            if m >= 8:
                f *= 1 - county_trim
                i *= 1 + county_informal_rise
            after = m >= change_at
            if pattern == "shift" and after:
                f -= 0.35 * formal_level
                i += 0.35 * formal_level * 1.2
            elif pattern == "genuine" and after:
                f -= 0.35 * formal_level
            elif pattern == "partial" and after:
                f -= 0.35 * formal_level
                i += 0.35 * formal_level * 0.25
            elif pattern == "growth" and after:
                f *= 1.35
                i *= 1.4
            elif pattern == "informal_growth" and after:
                i *= 2.2
            elif pattern == "spike" and m in (change_at, change_at + 1):
                i *= 3.0
                f *= 1.8
            f *= rng.normal(1, 0.12)
            i *= rng.normal(1, 0.1)
            months[month_name(START + m)] = (max(f, 0.0), max(i, 0.0))
        series[name] = months
    return series


def by_township(findings: list[Finding]) -> dict[str, Finding]:
    return {f.township: f for f in findings}


def test_hidden_shift_is_found_with_its_month_and_evidence() -> None:
    found = by_township(detect_from_monthly(county({"转移镇": "shift"})))
    finding = found["转移镇"]
    assert finding.pattern == "hidden_shift"
    assert finding.month is not None
    assert abs(month_index(finding.month) - (START + 13)) <= 2
    assert "正式渠道" in finding.evidence and "非正式渠道" in finding.evidence
    assert any(ch.isdigit() for ch in finding.evidence)
    assert finding.details["ratio"] >= 0.6
    assert not any(f.pattern == "hidden_shift" for f in found.values() if f.township != "转移镇")


@pytest.mark.parametrize("change_at", [6, 10, 16])
def test_shift_month_follows_the_change_wherever_it_starts(change_at: int) -> None:
    found = by_township(detect_from_monthly(county({"转移乡": "shift"}, change_at=change_at)))
    assert found["转移乡"].pattern == "hidden_shift"
    assert abs(month_index(found["转移乡"].month or "") - (START + change_at)) <= 2


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("genuine", "genuine_reduction"),
        ("partial", "partial_reduction"),
        ("growth", "growth"),
        ("informal_growth", "informal_growth"),
        ("spike", "spike"),
    ],
)
def test_other_patterns_are_not_a_hidden_shift(pattern: str, expected: str) -> None:
    found = by_township(detect_from_monthly(county({"对照镇": pattern})))
    assert "对照镇" in found
    assert found["对照镇"].pattern == expected
    assert all(f.pattern != "hidden_shift" for f in found.values())


def test_plain_townships_raise_nothing() -> None:
    assert detect_from_monthly(county({})) == []


def test_county_wide_trim_and_informal_rise_flag_nobody() -> None:
    """A county-wide drive moves every township alike: that is nobody's hidden shift."""
    series = county({}, plain=12, county_trim=0.3, county_informal_rise=1.0)
    assert all(f.pattern != "hidden_shift" for f in detect_from_monthly(series))


def test_shift_stands_out_against_a_county_wide_trend() -> None:
    series = county({"转移镇": "shift"}, county_trim=0.15, county_informal_rise=0.3)
    found = by_township(detect_from_monthly(series))
    assert found["转移镇"].pattern == "hidden_shift"
    assert all(f.pattern != "hidden_shift" for f in found.values() if f.township != "转移镇")


def test_too_short_a_series_is_not_judged() -> None:
    series = {
        name: {k: v for k, v in months.items() if k < "2023-06"}
        for name, months in county({"转移镇": "shift"}, change_at=3).items()
    }
    assert detect_from_monthly(series) == []


def test_events_and_monthly_sums_give_the_same_findings() -> None:
    names = township_names(16, seed=5)
    patterns = {names[0]: "shift", names[1]: "genuine", names[2]: "informal_growth"}
    plan, stream = generate_county(
        names, start=date(2023, 1, 1), months=30, seed=11, patterns=patterns
    )
    events = list(stream)
    from_events = detect(events)
    assert from_events == detect_from_monthly(aggregate_monthly(events))
    shift = by_township(from_events).get(names[0])
    assert shift is not None and shift.pattern == "hidden_shift"
    start = next(p.start for p in plan.townships if p.township == names[0])
    assert abs(month_index(shift.month or "") - month_index(start or "")) <= 2
    assert all(f.township == names[0] for f in from_events if f.pattern == "hidden_shift")
