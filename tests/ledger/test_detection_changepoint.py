"""The change-point detector on constructed series: the county pattern, late shifts, dips and
spikes that coincide with growth, and the evidence a reviewer reads."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from jiceng.ledger.detection import Finding, detect_from_monthly, load_thresholds
from jiceng.ledger.series import county_pattern, month_index, month_name, segment_levels

START = month_index("2023-01")

# (month offset, formal level, informal level) -> (formal, informal) expected hours
Shape = Callable[[int, float, float], tuple[float, float]]


def plain(m: int, f: float, i: float) -> tuple[float, float]:
    return f, i


def shift_at(at: int, cut: float = 0.3, per_hour: float = 1.2) -> Shape:
    def shape(m: int, f: float, i: float) -> tuple[float, float]:
        if m < at:
            return f, i
        return f * (1 - cut), i + f * cut * per_hour

    return shape


def build(
    shapes: dict[str, Shape],
    *,
    months: int = 24,
    plain_count: int = 12,
    seed: int = 7,
    noise: float = 0.12,
    county: Callable[[int], tuple[float, float]] | None = None,
) -> dict[str, dict[str, tuple[float, float]]]:
    """A county of noisy townships: ``plain_count`` plain ones plus the named ``shapes``.

    ``county(m)`` multiplies every township's formal and informal hours in month ``m`` (seasons,
    a county-wide trim or drift).
    """
    rng = np.random.default_rng(seed)
    named: dict[str, Shape] = {f"平安{n}镇": plain for n in range(plain_count)} | shapes
    series: dict[str, dict[str, tuple[float, float]]] = {}
    for name, shape in named.items():
        formal_level = rng.uniform(70, 130)
        informal_level = formal_level * 0.22
        months_of: dict[str, tuple[float, float]] = {}
        for m in range(months):
            f, i = shape(m, formal_level, informal_level)
            cf, ci = county(m) if county else (1.0, 1.0)
            f *= cf * rng.normal(1, noise)
            i *= ci * rng.normal(1, noise)
            months_of[month_name(START + m)] = (max(f, 0.0), max(i, 0.0))
        series[name] = months_of
    return series


def by_township(findings: list[Finding]) -> dict[str, Finding]:
    return {f.township: f for f in findings}


def shifted(findings: list[Finding]) -> set[str]:
    return {f.township for f in findings if f.pattern == "hidden_shift"}


def test_late_shift_with_six_months_after_is_found_at_its_month() -> None:
    found = by_township(detect_from_monthly(build({"晚变镇": shift_at(18, cut=0.28)})))
    assert found["晚变镇"].pattern == "hidden_shift"
    assert abs(month_index(found["晚变镇"].month or "") - (START + 18)) <= 2
    assert shifted(list(found.values())) == {"晚变镇"}


def test_informal_growth_with_a_coinciding_formal_dip_is_not_a_shift() -> None:
    """Informal hours double for good while formal hours dip for two months and come back."""

    def growth_with_dip(m: int, f: float, i: float) -> tuple[float, float]:
        return (f * 0.55 if m in (12, 13) else f), (i * 2.2 if m >= 12 else i)

    found = by_township(detect_from_monthly(build({"增长镇": growth_with_dip})))
    assert found["增长镇"].pattern == "informal_growth"
    assert not shifted(list(found.values()))


def test_informal_growth_in_noisy_formal_hours_rarely_passes_for_a_shift() -> None:
    """Forty townships whose informal hours double, each in its own month, with formal hours
    as noisy as a real ledger's (20 % a month) and no formal change. Choosing the month for a
    formal dip as well would make chance dips look like cuts; the formal fall is tested at the
    informal rise instead, so about as few pass as the rank test's level says (≤ 5 %)."""

    def informal_growth(at: int) -> Shape:
        return lambda m, f, i: (f, i * 2.0 if m >= at else i)

    shapes: dict[str, Shape] = {f"增长{n}镇": informal_growth(6 + n % 12) for n in range(40)}
    findings = detect_from_monthly(build(shapes, plain_count=10, seed=2, noise=0.2))
    assert len(shifted(findings)) <= 2


def test_one_month_spike_with_a_formal_dip_is_not_a_shift() -> None:
    def spike(m: int, f: float, i: float) -> tuple[float, float]:
        return (f * 0.5, i * 4.0) if m == 11 else (f, i)

    found = by_township(detect_from_monthly(build({"突增镇": spike})))
    assert found["突增镇"].pattern == "spike"
    assert found["突增镇"].month == month_name(START + 11)
    assert not shifted(list(found.values()))


def test_genuine_cut_and_growth_are_told_apart_from_a_shift() -> None:
    def genuine(m: int, f: float, i: float) -> tuple[float, float]:
        return (f * 0.65 if m >= 10 else f), i

    def growth(m: int, f: float, i: float) -> tuple[float, float]:
        return (f * 1.35, i * 1.4) if m >= 10 else (f, i)

    found = by_township(
        detect_from_monthly(build({"真减镇": genuine, "增长乡": growth, "转移镇": shift_at(10)}))
    )
    assert found["真减镇"].pattern == "genuine_reduction"
    assert found["增长乡"].pattern == "growth"
    assert found["转移镇"].pattern == "hidden_shift"
    assert shifted(list(found.values())) == {"转移镇"}


def test_seasons_and_a_county_wide_trim_are_removed_before_judging() -> None:
    """Strong shared seasons, a county-wide formal trim and informal drift flag nobody by
    themselves, and a township's own shift still stands out against them."""
    seasons = {0: 1.3, 5: 1.2, 6: 1.35, 11: 1.25}

    def county(m: int) -> tuple[float, float]:
        season = seasons.get(m % 12, 0.9)
        trim = 0.8 if m >= 9 else 1.0
        return season * trim, 1 + 0.5 * m / 23

    quiet = build({}, county=county, seed=3)
    assert detect_from_monthly(quiet) == []
    # Without removing the county pattern the same county looks full of changes.
    unadjusted = load_thresholds()
    unadjusted["series"]["min_townships_for_county_adjustment"] = 1000
    assert len(detect_from_monthly(quiet, unadjusted)) >= 6
    found = by_township(detect_from_monthly(build({"转移镇": shift_at(14)}, county=county, seed=3)))
    assert found["转移镇"].pattern == "hidden_shift"
    assert abs(month_index(found["转移镇"].month or "") - (START + 14)) <= 2
    assert shifted(list(found.values())) == {"转移镇"}


def test_a_drive_half_the_county_joined_is_not_taken_for_the_county_trend() -> None:
    """Eight townships cut formal hours for good, each in its own month: the county pattern must
    not absorb their cuts (which would hide the shift's formal fall and make the plain townships
    look as if they grew)."""

    def genuine_at(at: int) -> Shape:
        return lambda m, f, i: ((f * 0.6 if m >= at else f), i)

    shapes: dict[str, Shape] = {f"压减{n}乡": genuine_at(7 + n) for n in range(8)}
    shapes["转移镇"] = shift_at(17, cut=0.3)
    found = by_township(detect_from_monthly(build(shapes, plain_count=8, seed=3)))
    assert found["转移镇"].pattern == "hidden_shift"
    assert shifted(list(found.values())) == {"转移镇"}
    assert all(found[f"压减{n}乡"].pattern == "genuine_reduction" for n in range(8))
    assert not any(name.startswith("平安") for name in found)


def test_heavy_tailed_formal_months_raise_no_shift() -> None:
    """Plain townships whose formal hours now and then jump by a secondment's 40 hours."""
    rng = np.random.default_rng(11)
    jumps = {m for m in range(24) if rng.random() < 0.2}

    def secondments(m: int, f: float, i: float) -> tuple[float, float]:
        return (f + 40.0 if m in jumps else f), i

    shapes: dict[str, Shape] = {f"借调{n}镇": secondments for n in range(4)}
    assert not shifted(detect_from_monthly(build(shapes)))


def test_evidence_names_months_levels_and_test_statistics() -> None:
    found = by_township(detect_from_monthly(build({"转移镇": shift_at(12)})))
    finding = found["转移镇"]
    evidence = finding.evidence
    month = finding.month or ""
    assert evidence.startswith(f"自 {month} 起")
    assert "此前" in evidence and "此后" in evidence
    assert "正式渠道月均工时由" in evidence and "非正式渠道月均工时由" in evidence
    assert "t=" in evidence and "z=" in evidence
    assert "扣除全县同期共同变化" in evidence
    details = finding.details
    assert details["formal_after"] < details["formal_before"]
    assert details["informal_after"] > details["informal_before"]
    assert details["ratio"] >= 0.7
    assert details["informal_t"] >= 3.0
    assert details["formal_z_at_informal_rise"] <= -1.5


def test_county_pattern_recovers_shared_month_effects() -> None:
    rng = np.random.default_rng(3)
    effect = np.array([1.3, 0.9, 1.0, 1.1, 0.8, 0.9, 1.2, 1.0, 0.9, 0.95, 1.0, 0.95])
    levels = rng.uniform(50, 150, size=(20, 1)) * np.ones((1, 12))
    values = levels * effect * rng.normal(1, 0.05, size=(20, 12))
    estimate = county_pattern(values, levels, min_townships=5)
    assert np.allclose(estimate, effect / effect.mean(), atol=0.05)
    assert np.allclose(county_pattern(values[:3], levels[:3], min_townships=5), 1.0)


def test_county_pattern_ignores_townships_outside_the_reference() -> None:
    levels = np.full((10, 12), 100.0)
    values = levels.copy()
    values[:6, 6:] = 40.0  # six of ten townships cut hard from month 6: the median follows them
    with_all = county_pattern(values, levels, min_townships=3)
    assert with_all[8] < 0.8 * with_all[2]
    reference = np.arange(10) >= 6
    with_reference = county_pattern(values, levels, min_townships=3, reference=reference)
    assert np.allclose(with_reference, 1.0)
    fewer = np.arange(10) >= 8  # too few reference townships: every township counts
    assert np.allclose(county_pattern(values, levels, min_townships=3, reference=fewer), with_all)


def test_segment_levels_fit_one_clear_change_only() -> None:
    values = np.array([[10.0] * 8 + [20.0] * 8, [10.0, 11.0] * 8])
    sigma = np.array([0.5, 0.5])
    fitted, clearest = segment_levels(values, sigma, range(4, 13), min_t=4.0)
    assert np.allclose(fitted[0], values[0])
    assert clearest[0] > 4.0
    assert np.allclose(fitted[1], 10.5)
    assert clearest[1] < 4.0
