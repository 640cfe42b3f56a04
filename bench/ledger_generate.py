"""Write a large synthetic burden ledger (contract CSV) and its truth, streaming, for scale runs.

    .venv/bin/python bench/ledger_generate.py --townships 1600 --months 36 --out /tmp/province.csv

A province of 1,600 townships × 3 years is 3.4 million rows, about 5 million with ``--density
1.46`` (more, smaller events for the same hours); events are written as they are generated, so
memory stays flat. The truth (patterns and shift starts) goes to ``<out>.truth.json``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import date
from pathlib import Path

from jiceng.ledger.events import write_events_csv
from jiceng.ledger.generator import DEFAULT_DEPARTMENTS, generate_county, township_names
from jiceng.progress import progress


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--townships", type=int, default=1600)
    parser.add_argument("--months", type=int, default=36)
    parser.add_argument("--start", default="2023-01-01", help="first day of the period")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--density", type=float, default=1.0, help="events per expected hour (1.0: the default)"
    )
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()

    names = township_names(args.townships, seed=args.seed)
    plan, stream = generate_county(
        names,
        DEFAULT_DEPARTMENTS,
        date.fromisoformat(args.start),
        args.months,
        seed=args.seed,
        density=args.density,
    )
    started = time.perf_counter()
    with args.out.open("w", encoding="utf-8", newline="") as handle:
        rows = write_events_csv(progress(stream, desc="生成台账"), handle)
    elapsed = time.perf_counter() - started
    truth_path = args.out.with_name(args.out.name + ".truth.json")
    truth_path.write_text(json.dumps(plan.truth(), ensure_ascii=False, indent=1), encoding="utf-8")
    size = args.out.stat().st_size / 1e6
    print(
        f"{rows} rows, {args.townships} townships × {args.months} months, {size:.0f} MB "
        f"in {elapsed:.1f} s ({rows / elapsed:,.0f} rows/s) -> {args.out}; truth -> {truth_path}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
