"""Screening or plain jieba over N synthetic tasks, for counting instructions under callgrind.

Wall-clock ratios on a shared machine move by ±0.1× between runs; instruction counts do not.
Run each mode with N tasks and with none and subtract (start-up, building the index and 50
warm-up tasks are the same in both):

    for mode in screen jieba; do for n in 0 300; do
      PYTHONHASHSEED=0 valgrind --tool=callgrind --callgrind-out-file=/dev/null \\
        .venv/bin/python bench/intake_instructions.py --sample /work/shared/data/sample $mode $n \\
        2>&1 | grep Collected
    done; done

The tasks and the 340-item list are made as in ``bench/intake_speed.py`` (same seed).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

import jieba  # noqa: E402

from intake_speed import synth_items, synth_tasks  # noqa: E402
from jiceng.duties.parsing import load_duty_list  # noqa: E402
from jiceng.intake.screening import Screener  # noqa: E402

WARM_UP = 50


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--sample", type=Path, default=ROOT / ".." / "shared" / "data" / "sample")
    ap.add_argument("mode", choices=["screen", "jieba"])
    ap.add_argument("n", type=int, help="tasks after the warm-up")
    args = ap.parse_args()
    rng = random.Random(7)
    items = synth_items(load_duty_list(args.sample / "duties.csv").items, 340, rng)
    rows = [
        json.loads(r)
        for r in (args.sample / "tasks.jsonl").read_text(encoding="utf-8").splitlines()
        if r.strip()
    ]
    tasks = synth_tasks(rows, WARM_UP + args.n, rng)
    if args.mode == "screen":
        screener = Screener(items)
        for task in tasks:
            screener.screen(task)
    else:
        plain = jieba.Tokenizer()
        plain.initialize()
        for task in tasks:
            plain.lcut(task.title)
            plain.lcut(task.body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
