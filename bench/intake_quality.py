"""Score intake screening against the labelled sample (sample README "Scoring").

    .venv/bin/python bench/intake_quality.py                      # the engine, no examples
    .venv/bin/python bench/intake_quality.py --cv 5               # + k-fold learning from examples
    .venv/bin/python bench/intake_quality.py --pred out.jsonl     # score any screener's output
    .venv/bin/python bench/intake_quality.py --duties bench/heldout/duties.csv \
        --tasks bench/heldout/tasks.jsonl                         # any labelled set
    .venv/bin/python bench/intake_quality.py --duties D --tasks this_year.jsonl \
        --examples last_year.jsonl                                # + learning from a past period

Without ``--duties/--tasks`` the sample (``--sample``, default ../shared/data/sample) is scored.

Decision accuracy over all tasks; duty-item and category accuracy over all tasks except rule-7
rejects (label decision "reject" with any flag other than shifting_responsibility: their
"closest item" is a judgment call); flags by micro precision, recall and F1.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from jiceng.duties.parsing import load_duty_list  # noqa: E402
from jiceng.intake.learning import LabelledTask, labelled_task_from_json  # noqa: E402
from jiceng.intake.screening import Screener  # noqa: E402


def load_set(duties: Path, tasks: Path) -> tuple[list, list[LabelledTask]]:
    items = load_duty_list(duties).items
    rows = tasks.read_text(encoding="utf-8").splitlines()
    labelled = [
        labelled_task_from_json(json.loads(r), line=i + 1) for i, r in enumerate(rows) if r.strip()
    ]
    return items, labelled


def score(preds: dict[str, dict], gold: list[LabelledTask]) -> dict[str, float]:
    n = len(gold)
    dec = sum(preds[g.task.id]["decision"] == g.label["decision"] for g in gold)
    scored = [g for g in gold if not g.is_rule7]
    item = sum(preds[g.task.id]["duty_item"] == g.label["duty_item"] for g in scored)
    cat = sum(preds[g.task.id]["category"] == g.label["category"] for g in scored)
    tp = fp = fn = 0
    for g in gold:
        p, t = set(preds[g.task.id]["flags"]), set(g.label.get("flags", []))
        tp += len(p & t)
        fp += len(p - t)
        fn += len(t - p)
    prec = tp / (tp + fp) if tp + fp else 1.0
    rec = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return {
        "tasks": n,
        "decision_acc": dec / n,
        "item_scored": len(scored),
        "duty_item_acc": item / len(scored),
        "category_acc": cat / len(scored),
        "flags_p": prec,
        "flags_r": rec,
        "flags_f1": f1,
    }


def changes(before: Screener, after: Screener, gold: list[LabelledTask]) -> list[int]:
    """What ``after`` changes against ``before`` on labelled tasks: decisions fixed and broken,
    then duty items fixed and broken (rule-7 rejects aside, as scored)."""
    out = [0, 0, 0, 0]
    for g in gold:
        a, b = before.screen(g.task), after.screen(g.task)
        compared = [(a.decision.value, b.decision.value, g.label["decision"], 0)]
        if not g.is_rule7:
            compared.append((a.duty_item, b.duty_item, g.label["duty_item"], 2))
        for old, new, truth, at in compared:
            out[at] += new == truth and old != truth
            out[at + 1] += old == truth and new != truth
    return out


def training_arguments(doc: str | None) -> argparse.Namespace:
    """The command line the learned parts' training scripts share: write the shipped file, or
    ``--cv k`` to cross-validate, or ``--check`` whether the shipped file is current."""
    ap = argparse.ArgumentParser(
        description=doc, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--cv", type=int, default=0, help="k-fold check instead of writing the file")
    ap.add_argument(
        "--check", action="store_true", help="exit 1 if the shipped file is not current"
    )
    return ap.parse_args()


def report_check(shipped: Path, stale: list[str], script: str) -> int:
    """The outcome of ``--check``: 0 when retraining wrote what ships, else 1 with what differs
    (the first ten) and how to retrain."""
    if stale:
        shown = ", ".join(stale[:10]) + (f" and {len(stale) - 10} more" if len(stale) > 10 else "")
        print(
            f"{shipped.relative_to(ROOT)} is not what training on the current engine writes "
            f"(differs in {shown}): retrain with `.venv/bin/python {script}`, "
            "then re-check it by --cv 5",
            file=sys.stderr,
        )
        return 1
    print(f"{shipped.relative_to(ROOT)} is current")
    return 0


def show(name: str, m: dict[str, float]) -> None:
    print(
        f"{name:<28} decision {m['decision_acc']:.3f} | duty item {m['duty_item_acc']:.3f} "
        f"| category {m['category_acc']:.3f} (over {m['item_scored']}) "
        f"| flags P {m['flags_p']:.3f} R {m['flags_r']:.3f} F1 {m['flags_f1']:.3f}"
    )


def show_errors(preds: dict[str, dict], gold: list[LabelledTask]) -> None:
    for g in gold:
        p = preds[g.task.id]
        if (p["decision"], p["duty_item"], sorted(p["flags"])) != (
            g.label["decision"],
            g.label["duty_item"],
            sorted(g.label["flags"]),
        ):
            print(
                f"  {g.task.id}: got {p['decision']} {p['duty_item']} {p['flags']}; "
                f"label {g.label['decision']} {g.label['duty_item']} {g.label['flags']}"
            )


def cross_validate(
    items: list, gold: list[LabelledTask], k: int
) -> tuple[dict[str, dict], dict[str, dict]]:
    """Out-of-fold predictions without and with learning from the other k-1 folds."""
    base = Screener(items)
    plain: dict[str, dict] = {}
    learned: dict[str, dict] = {}
    for fold in range(k):
        train = [g for i, g in enumerate(gold) if i % k != fold]
        test = [g for i, g in enumerate(gold) if i % k == fold]
        s = Screener(items, examples=train)
        for g in test:
            plain[g.task.id] = base.screen(g.task).to_contract()
            learned[g.task.id] = s.screen(g.task).to_contract()
    return plain, learned


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--sample", type=Path, default=ROOT / ".." / "shared" / "data" / "sample")
    ap.add_argument("--duties", type=Path, help="duty list (CSV/XLSX); default: the sample's")
    ap.add_argument("--tasks", type=Path, help="labelled tasks (JSONL); default: the sample's")
    ap.add_argument(
        "--pred", type=Path, help="score this screening output JSONL instead of running the engine"
    )
    ap.add_argument(
        "--cv", type=int, default=0, help="k-fold cross-validation of --examples learning"
    )
    ap.add_argument(
        "--examples",
        type=Path,
        help="reviewed tasks of an earlier period (labelled JSONL): also score the engine "
        "that learned from them (the scored tasks are never among them)",
    )
    ap.add_argument("--errors", action="store_true", help="list the tasks scored wrong")
    args = ap.parse_args()
    items, gold = load_set(
        args.duties or args.sample / "duties.csv", args.tasks or args.sample / "tasks.jsonl"
    )
    if args.pred:
        preds = {}
        for line in args.pred.read_text(encoding="utf-8").splitlines():
            if line.strip():
                obj = json.loads(line)
                preds[obj["id"]] = obj
        show(args.pred.name, score(preds, gold))
        return 0
    engine = Screener(items)
    preds = {g.task.id: engine.screen(g.task).to_contract() for g in gold}
    show("engine (no examples)", score(preds, gold))
    if args.errors:
        show_errors(preds, gold)
    if args.examples:
        _, examples = load_set(args.duties or args.sample / "duties.csv", args.examples)
        taught = Screener(items, examples=examples)
        learned_preds = {g.task.id: taught.screen(g.task).to_contract() for g in gold}
        show(f"learned {len(examples)} examples", score(learned_preds, gold))
        if args.errors:
            show_errors(learned_preds, gold)
    if args.cv:
        plain, learned = cross_validate(items, gold, args.cv)
        show(f"{args.cv}-fold, no examples", score(plain, gold))
        show(f"{args.cv}-fold, learned k-1 folds", score(learned, gold))
    return 0


if __name__ == "__main__":
    sys.exit(main())
