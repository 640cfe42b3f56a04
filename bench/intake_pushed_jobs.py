"""Train the reader of pushed-down jobs (``jiceng.intake.pushed_jobs``), and check it.

    .venv/bin/python bench/intake_pushed_jobs.py            # write src/.../pushed_jobs.tsv
    .venv/bin/python bench/intake_pushed_jobs.py --cv 5     # county-fold check, nothing written
    .venv/bin/python bench/intake_pushed_jobs.py --check    # is the shipped file current?

Training sentences (each a sentence the notice addresses to the township, as
``own_ask_sentences`` picks them at screening time):

- positive: in the studied counties' tasks labelled rule 3 (a 配合 item, rejected with
  shifting_responsibility), the sentences in which the act lexicons find a department-only act;
  and every positive probe of ``bench/act_probes`` (written blind, see its README);
- negative: every such sentence of the studied counties' tasks labelled admit or revise under a
  配合 item (the township's help, often next to the department's own act), and every negative
  probe.

The counties kept to estimate unseen ones (``HELD_OUT`` of ``bench/intake_associations.py``) and
the sample are never read. ``--cv k`` splits the studied counties into k folds, trains on k-1
(probes always included) and reports, per threshold, how many rule-3 tasks of the k-th fold have a
sentence at or above it and how many 配合 tasks that are not rule 3 do, and what reading it beside
the lexicons would change in the engine's decisions on that fold. ``--check`` retrains without
writing and exits 1 when the shipped reader differs from the retrained one (the test suite runs
it): retrain after changing the act lexicons or the sentence picking.
"""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from char_training import exported, fit, write_or_check  # noqa: E402
from intake_associations import county_dirs  # noqa: E402
from intake_quality import changes, load_set, training_arguments  # noqa: E402
from jiceng.intake.acts import ACT_KINDS, ActAnalyzer  # noqa: E402
from jiceng.intake.learning import LabelledTask  # noqa: E402
from jiceng.intake.policy import load_data  # noqa: E402
from jiceng.intake.pushed_jobs import (  # noqa: E402
    PushedJobReader,
    default_model,
    own_ask_sentences,
)  # noqa: E402
from jiceng.intake.screening import Screener  # noqa: E402

OUT = ROOT / "src" / "jiceng" / "intake" / "data" / "pushed_jobs.tsv"
PROBES = ROOT / "bench" / "act_probes"
# Chosen by ``--cv 5`` over the studied counties (docs/benchmarks.md): n-grams seen in at least
# MIN_DF training sentences, the regression's inverse regularisation C.
ORDERS = (1, 3)
MIN_DF = 10
C = 4.0
THRESHOLDS = (0.6, 0.7, 0.8, 0.9)


def is_rule3(g: LabelledTask) -> bool:
    return (
        g.label["category"] == "cooperating"
        and g.label["decision"] == "reject"
        and "shifting_responsibility" in g.label.get("flags", [])
    )


def is_help(g: LabelledTask) -> bool:
    return g.label["category"] == "cooperating" and g.label["decision"] in ("admit", "revise")


def county_sentences(path: Path, acts: ActAnalyzer) -> list[tuple[LabelledTask, list[str], int]]:
    """Per 配合 task (rule 3 or help): its own-ask sentences and their label (1 rule 3, 0 help);
    a rule-3 task keeps only the sentences naming a department-only act."""
    _, gold = load_set(path / "duties.csv", path / "tasks.jsonl")
    out = []
    for g in gold:
        if not (is_rule3(g) or is_help(g)):
            continue
        sentences = [s.text for s in own_ask_sentences(g.task.body, acts)]
        if is_rule3(g):
            doing = set(ACT_KINDS)
            sentences = [
                s for s in sentences if {a.kind for a in acts.asked_acts("body", s)} & doing
            ]
        out.append((g, sentences, int(is_rule3(g))))
    return out


def probe_sentences() -> tuple[list[str], list[int]]:
    texts: list[str] = []
    labels: list[int] = []
    for name, label in (("positives.jsonl", 1), ("negatives.jsonl", 0)):
        for line in (PROBES / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                texts.append(json.loads(line)["text"])
                labels.append(label)
    return texts, labels


def train(
    counties: list[list[tuple[LabelledTask, list[str], int]]],
) -> tuple[TfidfVectorizer, LogisticRegression, list[str]]:
    """The reader fitted on the probes and the counties' sentences (returned too)."""
    texts, labels = probe_sentences()
    for tasks in counties:
        for _, sentences, label in tasks:
            texts += sentences
            labels += [label] * len(sentences)
    vectorizer, model = fit(texts, labels, orders=ORDERS, min_df=MIN_DF, c=C, balanced=True)
    return vectorizer, model, texts


def head(counties: list[int], sentences: int) -> list[str]:
    return [
        "Reader of pushed-down jobs (jiceng.intake.pushed_jobs): character n-gram, idf, weight.",
        "Generated by bench/intake_pushed_jobs.py; do not edit by hand (re-run it instead).",
        f"Logistic regression over TF-IDF of character {ORDERS[0]}-{ORDERS[1]}-grams "
        f"(min_df {MIN_DF}, C {C}), trained on {sentences} sentences:",
        "rule-3 and help sentences of 58 of our own written counties (bench/heldoutN, N =",
        ", ".join(map(str, counties)) + ")",
        "and the blind-written probes of bench/act_probes; never the sample, nor the counties",
        "kept to estimate unseen ones.",
    ]


def cross_validate(dirs: dict[int, Path], k: int, acts: ActAnalyzer) -> None:
    numbers = list(dirs)
    random.Random(3).shuffle(numbers)
    gate = re.compile(load_data("policy")["pushed_jobs"]["act_chars"])  # as the reader reads
    per_county = {n: county_sentences(dirs[n], acts) for n in numbers}
    found = {t: [0, 0] for t in THRESHOLDS}  # rule-3 tasks reached, help tasks reached
    changed = {t: [0, 0] for t in THRESHOLDS}  # engine decisions fixed, broken
    totals = [0, 0]
    policy = load_data("policy")["pushed_jobs"]
    engine = [0, 0, 0, 0]  # the whole engine with the fold's reader: decisions +/-, items +/-
    for fold in range(k):
        scored = [n for i, n in enumerate(numbers) if i % k == fold]
        vectorizer, model, _ = train([per_county[n] for n in numbers if n not in scored])
        reader = exported(vectorizer, model, ORDERS)
        for n in scored:
            items, gold = load_set(dirs[n] / "duties.csv", dirs[n] / "tasks.jsonl")
            screener = Screener(items)
            screener.pushed_jobs = None  # the lexicons alone: what the reader would add to
            with_reader = Screener(items)
            with_reader.pushed_jobs = PushedJobReader(
                acts, float(policy["threshold"]), policy["act_chars"], reader
            )
            found_here = changes(screener, with_reader, gold)
            engine = [e + c for e, c in zip(engine, found_here, strict=True)]
            by_id = {g.task.id: g for g in gold}
            for g, _, label in per_county[n]:
                totals[label] += 1
                own = [s.text for s in own_ask_sentences(g.task.body, acts) if gate.search(s.text)]
                p = max((reader.probability(s) for s in own), default=0.0)
                result = screener.screen(by_id[g.task.id].task)
                before_ok = result.decision.value == g.label["decision"]
                engine_left = result.category == "cooperating" and result.decision.value != "reject"
                for t in THRESHOLDS:
                    if p >= t:
                        found[t][1 - label] += 1
                        if engine_left:
                            after_ok = g.label["decision"] == "reject"
                            changed[t][0] += after_ok and not before_ok
                            changed[t][1] += before_ok and not after_ok
        print(f"fold {fold + 1}/{k}: {len(scored)} counties scored", file=sys.stderr)
    for t in THRESHOLDS:
        print(
            f"threshold {t}: rule-3 tasks reached {found[t][0]}/{totals[1]}, help tasks reached "
            f"{found[t][1]}/{totals[0]}; beside the lexicons, decisions +{changed[t][0]}"
            f"/-{changed[t][1]}"
        )
    print(
        f"the engine with each fold's reader at {policy['threshold']} against the lexicons alone: "
        f"decisions +{engine[0]}/-{engine[1]}, duty items +{engine[2]}/-{engine[3]}"
    )


def main() -> int:
    args = training_arguments(__doc__)
    dirs = county_dirs()
    acts = ActAnalyzer()
    if args.cv:
        cross_validate(dirs, args.cv, acts)
        return 0
    counties = [county_sentences(path, acts) for path in dirs.values()]
    vectorizer, model, texts = train(counties)
    return write_or_check(
        check=args.check,
        vectorizer=vectorizer,
        model=model,
        orders=ORDERS,
        texts=texts,
        out=OUT,
        head=head(list(dirs), len(texts)),
        shipped=default_model,
        script="bench/intake_pushed_jobs.py",
        unit="sentences",
    )


if __name__ == "__main__":
    sys.exit(main())
