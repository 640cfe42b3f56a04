"""How well the act lexicons (``intake/data/acts.toml``) read department-only acts in wording
nobody tuned them on.

    .venv/bin/python bench/intake_act_probes.py                 # recall and false alarms
    .venv/bin/python bench/intake_act_probes.py --misses        # list what was missed / raised

``bench/act_probes/positives.jsonl`` holds short notices that ask the township itself to do a
county department's core job (law enforcement, professional work, paying on its behalf: label
rule 3 of the sample README), each with the kind of act and its words; ``negatives.jsonl`` holds
notices on the same topics that ask only for the township's help, often naming the department's
act beside it. Both were written blind by helper sessions that read no engine code or data (see
``bench/act_probes/README.md``). A positive counts as read when the analyser finds an act of its
kind in it; a negative raises a false alarm when the analyser finds any department-only act.

The probes are split by the parity of their number: the odd ones may be studied when the
lexicons are changed, the even ones are kept to check that a change reads new wording
(``--half odd|even``; both by default).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from jiceng.intake.acts import ACT_KINDS, ActAnalyzer  # noqa: E402

PROBES = ROOT / "bench" / "act_probes"


def read(path: Path, half: str) -> list[dict]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    if half == "all":
        return rows
    parity = 1 if half == "odd" else 0
    return [r for r in rows if int(r["id"].split("-")[1]) % 2 == parity]


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--probes", type=Path, default=PROBES)
    ap.add_argument("--misses", action="store_true", help="list missed positives, false alarms")
    ap.add_argument("--half", choices=("odd", "even", "all"), default="all")
    args = ap.parse_args()
    acts = ActAnalyzer()

    def kinds(text: str) -> set[str]:
        return {a.kind for a in acts.asked_acts("body", text)} & set(ACT_KINDS)

    positives = read(args.probes / "positives.jsonl", args.half)
    read_by_kind: Counter[str] = Counter()
    total_by_kind: Counter[str] = Counter()
    missed = []
    for p in positives:
        total_by_kind[p["kind"]] += 1
        if p["kind"] in kinds(p["text"]):
            read_by_kind[p["kind"]] += 1
        else:
            missed.append(p)
    negatives = read(args.probes / "negatives.jsonl", args.half)
    alarms = [(n, found) for n in negatives if (found := kinds(n["text"]))]

    for kind in sorted(total_by_kind):
        print(f"{kind:<13} read {read_by_kind[kind]:>3} of {total_by_kind[kind]:>3}")
    read_all = sum(read_by_kind.values())
    print(
        f"{'all':<13} read {read_all:>3} of {len(positives):>3} ({read_all / len(positives):.1%})"
    )
    print(f"false alarms  {len(alarms):>3} of {len(negatives):>3} negatives")
    if args.misses:
        for p in missed:
            print(f"MISSED {p['id']} [{p['kind']}] {p['text']}")
        for n, found in alarms:
            print(f"ALARM  {n['id']} {sorted(found)} {n['text']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
