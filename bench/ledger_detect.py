"""Score hidden-shift detection (明减暗不减) on the sample ledger and on generated counties.

A township reported as ``hidden_shift`` is a hit only if its month is within two months of the
true shift start (the sample ledger README's rule). Two naive baselines are scored beside the
detector: a halves comparison and a quick single-channel change point.

    .venv/bin/python bench/ledger_detect.py [--sample ../shared/data/sample] [--seeds 20]
        [--first-seed 0] [--months 24] [--verbose]

Generated county ``n`` uses generator seed ``1000 + n``; thresholds were tuned on n = 0–39, so
``--first-seed 40 --seeds 40`` scores counties the tuning never saw.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path

import numpy as np

from jiceng.ledger.detection import detect_from_monthly
from jiceng.ledger.events import read_events_csv
from jiceng.ledger.generator import DEFAULT_DEPARTMENTS, generate_county, township_names
from jiceng.ledger.series import aggregate_monthly, as_matrix, month_axis, month_index

Series = Mapping[str, Mapping[str, tuple[float, float]]]
Detector = Callable[[Series], dict[str, str]]  # township -> shift month


def ours(series: Series) -> dict[str, str]:
    return {
        f.township: f.month or ""
        for f in detect_from_monthly(series)
        if f.pattern == "hidden_shift"
    }


def halves_baseline(series: Series) -> dict[str, str]:
    """Second half vs first half: formal down and informal up by at least as many hours."""
    axis = month_axis(series)
    townships, formal, informal = as_matrix(series, axis)
    mid = len(axis) // 2
    found = {}
    for row, name in enumerate(townships):
        d_formal = formal[row, mid:].mean() - formal[row, :mid].mean()
        d_informal = informal[row, mid:].mean() - informal[row, :mid].mean()
        if d_formal < 0 and d_informal >= -d_formal:
            found[name] = axis[mid]
    return found


def quick_change_point_baseline(series: Series) -> dict[str, str]:
    """Largest informal step (raw means, no noise model); flag if formal fell at the same month."""
    axis = month_axis(series)
    townships, formal, informal = as_matrix(series, axis)
    found = {}
    for row, name in enumerate(townships):
        f, i = formal[row], informal[row]
        k = max(range(3, len(axis) - 2), key=lambda s: i[s:].mean() - i[:s].mean())
        d_i = i[k:].mean() - i[:k].mean()
        d_f = f[k:].mean() - f[:k].mean()
        if d_f < 0 and d_i >= 0.5 * -d_f and d_i > 0.5 * i[:k].mean():
            found[name] = axis[k]
    return found


def score(found: Mapping[str, str], truth: Mapping[str, str]) -> tuple[float, float, float, int]:
    """Precision, recall, F1 and the number of hits within two months of the true start."""
    hits = sum(
        1
        for name, month in found.items()
        if name in truth and month and abs(month_index(month) - month_index(truth[name])) <= 2
    )
    precision = hits / len(found) if found else 1.0
    recall = hits / len(truth) if truth else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1, hits


DETECTORS: dict[str, Detector] = {
    "jiceng detect": ours,
    "halves baseline": halves_baseline,
    "quick change point": quick_change_point_baseline,
}


def main() -> int:
    root = Path(__file__).resolve().parent.parent
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sample", type=Path, default=root.parent / "shared" / "data" / "sample")
    parser.add_argument("--seeds", type=int, default=20, help="generated counties to score")
    parser.add_argument(
        "--first-seed", type=int, default=0, help="first county number (generator seed 1000 + n)"
    )
    parser.add_argument("--townships", type=int, default=30, help="townships per generated county")
    parser.add_argument("--months", type=int, default=24)
    parser.add_argument("--verbose", action="store_true", help="list misses and false alarms")
    parser.add_argument(
        "--province",
        type=int,
        default=0,
        metavar="COUNTIES",
        help="also time detection on this many generated counties' monthly sums at once",
    )
    args = parser.parse_args()

    ledger = args.sample / "ledger"
    if (ledger / "events.csv").exists():
        started = time.perf_counter()
        events = read_events_csv(ledger / "events.csv")
        series = aggregate_monthly(events)
        truth = json.loads((ledger / "truth.json").read_text("utf-8"))["shift_start"]
        print(f"sample ledger: {len(events)} events, {len(series)} townships")
        for name, detector in DETECTORS.items():
            found = detector(series)
            p, r, f1, hits = score(found, truth)
            print(
                f"  {name:20s} P={p:.2f} R={r:.2f} F1={f1:.2f} ({hits}/{len(truth)} hits, {len(found)} reported)"
            )
            if args.verbose and name == "jiceng detect":
                _explain(found, truth)
        print(f"  ({time.perf_counter() - started:.1f} s including reading the CSV)")
    else:
        print(f"no sample ledger at {ledger}, skipping", file=sys.stderr)

    totals: dict[str, list[tuple[float, float, float]]] = {name: [] for name in DETECTORS}
    detect_seconds = 0.0
    for seed in range(args.first_seed, args.first_seed + args.seeds):
        names = township_names(args.townships, seed=seed)
        plan, stream = generate_county(
            names, DEFAULT_DEPARTMENTS, date(2023, 1, 1), args.months, seed=1000 + seed
        )
        series = aggregate_monthly(stream)
        truth = {p.township: p.start or "" for p in plan.townships if p.pattern == "shift"}
        roles = {p.township: p.pattern for p in plan.townships}
        for name, detector in DETECTORS.items():
            started = time.perf_counter()
            found = detector(series)
            if name == "jiceng detect":
                detect_seconds += time.perf_counter() - started
            p, r, f1, _ = score(found, truth)
            totals[name].append((p, r, f1))
            if args.verbose and name == "jiceng detect":
                _explain(found, truth, roles, prefix=f"seed {1000 + seed}: ")
    if args.province:
        _time_province(args.province, args.townships, args.months)
    if not args.seeds:
        return 0
    last = args.first_seed + args.seeds - 1
    print(
        f"generated counties {args.first_seed}–{last} (seeds {1000 + args.first_seed}–"
        f"{1000 + last}): {args.townships} townships × {args.months} months; "
        f"detection {detect_seconds:.1f} s in all"
    )
    for name, rows in totals.items():
        arr = np.array(rows)
        p, r, f1 = arr.mean(axis=0)
        print(f"  {name:20s} mean P={p:.2f} R={r:.2f} F1={f1:.2f}  (F1 min {arr[:, 2].min():.2f})")
    return 0


def _time_province(counties: int, townships: int, months: int) -> None:
    """Detection time on a province's monthly sums (what the Django layer passes after SQL)."""
    province: dict[str, Mapping[str, tuple[float, float]]] = {}
    truth: dict[str, str] = {}
    for county in range(counties):
        names = township_names(townships, seed=county)
        plan, stream = generate_county(
            names, DEFAULT_DEPARTMENTS, date(2023, 1, 1), months, seed=5000 + county
        )
        for name, sums in aggregate_monthly(stream).items():
            province[f"{county:02d}县{name}"] = sums
        for township in plan.townships:
            if township.pattern == "shift":
                truth[f"{county:02d}县{township.township}"] = township.start or ""
    started = time.perf_counter()
    findings = detect_from_monthly(province)
    seconds = time.perf_counter() - started
    found = {f.township: f.month or "" for f in findings if f.pattern == "hidden_shift"}
    p, r, f1, hits = score(found, truth)
    print(
        f"province ({counties} counties judged as one): {len(province)} townships × {months} "
        f"months of monthly sums, detection {seconds:.2f} s; hidden shift P={p:.2f} R={r:.2f} "
        f"F1={f1:.2f} ({hits}/{len(truth)} hits, {len(found)} reported)"
    )


def _explain(
    found: Mapping[str, str],
    truth: Mapping[str, str],
    roles: Mapping[str, str] | None = None,
    prefix: str = "",
) -> None:
    for name, month in sorted(found.items()):
        if name not in truth:
            role = roles.get(name, "?") if roles else "?"
            print(f"    {prefix}false alarm {name} ({role}) at {month}")
        elif abs(month_index(month) - month_index(truth[name])) > 2:
            print(f"    {prefix}wrong month {name}: {month} vs {truth[name]}")
    for name in sorted(set(truth) - set(found)):
        print(f"    {prefix}missed {name} (start {truth[name]})")


if __name__ == "__main__":
    sys.exit(main())
