"""Train the arbiter between near neighbours (``jiceng.intake.neighbours``), and check it.

    .venv/bin/python bench/intake_neighbours.py            # write src/.../data/neighbours.toml
    .venv/bin/python bench/intake_neighbours.py --cv 5     # county-fold check, nothing written
    .venv/bin/python bench/intake_neighbours.py --check    # is the shipped file current?

Training pairs: in the studied counties' tasks (rule-7 rejects aside, whose item is a judgement
call), screened by the engine without the arbiter, every pick with each of its same-domain
candidates of another category (``same_topic_rivals``); the label says whether the task's item is
that rival (1) or the pick (0). Pairs where it is neither are left out of training. Each notice's
category reading comes from a reader trained without its county (``intake_category_reader.
out_of_fold``), as on a county screening has never seen. The
counties kept to estimate unseen ones (``HELD_OUT`` of ``bench/intake_associations.py``) and the
sample are never read.

``--cv k`` splits the studied counties into k folds, trains on k-1 and screens the k-th with the
fold's arbiter (and the fold's category reader) and without an arbiter: per threshold, how many of the fold's pairs would move to the
rival rightly and wrongly, and what the arbiter at the shipped threshold changes in the whole
engine's decisions and duty items. Retrain after changing the engine: the pairs and their
signals are the engine's. ``--check`` retrains without writing and exits 1 when the shipped
weights differ from the retrained ones by more than solver noise (the test suite runs it).
"""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from intake_associations import county_dirs  # noqa: E402
from intake_category_reader import county_folds, out_of_fold  # noqa: E402
from intake_quality import changes, load_set, report_check, training_arguments  # noqa: E402
from jiceng.duties.items import Category  # noqa: E402
from jiceng.intake.category_reader import CategoryReader  # noqa: E402
from jiceng.intake.neighbours import (  # noqa: E402
    FEATURES,
    NeighbourModel,
    default_model,
    pair_features,
)
from jiceng.intake.screening import Screener  # noqa: E402

OUT = ROOT / "src" / "jiceng" / "intake" / "data" / "neighbours.toml"
# Chosen by ``--cv 5`` over the studied counties (docs/benchmarks.md): the regression's inverse
# regularisation and the probability at which a rival takes the pick's place.
C = 1.0
THRESHOLD = 0.7
# Neighbours scoring under this share of the pick are not weighed in screening (training reads
# them all): trained on every neighbour, the arbiter moved none scoring under 0.7 of the pick at
# its threshold, so skipping them saves its work on most pairs (3,327 of the 4,217 in training)
# and changes no result on any county. (Training on such a floor's pairs alone was no better:
# docs/benchmarks.md, session 22.)
RIVAL_FLOOR = 0.6
THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.9)
# Retraining on another machine moves the weights in the 14th digit (the solver's floating-point
# order); a changed engine moves them by far more than this.
TOLERANCE = 1e-6

Row = tuple[list[float], int]  # the signals in FEATURES order; 1 rival, 0 pick, -1 neither
Readings = dict[str, dict[Category, float]]  # task id -> the category reading of its notice


def county_pairs(path: Path, readings: Readings) -> list[Row]:
    """The county's pairs, as the engine without the arbiter leaves them, with each notice's
    category reading from ``readings`` (out of fold: ``intake_category_reader.out_of_fold``)."""
    items, gold = load_set(path / "duties.csv", path / "tasks.jsonl")
    screener = Screener(items)
    screener.neighbours = None
    rows: list[Row] = []
    for g in gold:
        if g.is_rule7:
            continue
        task = g.task
        match = screener.match(task, screener.none_threshold_for(task))
        for pair in screener.neighbour_pairs(task, match):
            features = pair_features(
                task.title + "。" + task.body, pair, screener.profile, readings[task.id]
            )
            truth = g.label["duty_item"]
            y = 1 if truth == pair.rival.id else 0 if truth == pair.chosen.id else -1
            rows.append(([features[name] for name in FEATURES], y))
    return rows


def train(rows: list[Row], threshold: float = THRESHOLD) -> NeighbourModel:
    """The regression over standardised signals, exported as the engine reads it."""
    kept = [(x, y) for x, y in rows if y >= 0]
    X = np.array([x for x, _ in kept])
    y = np.array([y for _, y in kept])
    mean = X.mean(axis=0)
    scale = X.std(axis=0)
    scale[scale == 0] = 1.0  # a signal constant over training carries no weight anyway
    model = LogisticRegression(C=C, max_iter=5000).fit((X - mean) / scale, y)
    terms = {
        name: (float(mean[i]), float(scale[i]), float(model.coef_[0][i]))
        for i, name in enumerate(FEATURES)
    }
    return NeighbourModel(float(model.intercept_[0]), threshold, terms, rival_floor=RIVAL_FLOOR)


def stale_terms(trained: NeighbourModel, shipped: NeighbourModel) -> list[str]:
    """What differs between two models beyond ``TOLERANCE``: the intercept, the threshold or a
    signal's mean, scale or weight."""
    stale = [
        name
        for name, a, b in [
            ("intercept", trained.intercept, shipped.intercept),
            ("threshold", trained.threshold, shipped.threshold),
            ("rival_floor", trained.rival_floor, shipped.rival_floor),
        ]
        if abs(a - b) > TOLERANCE
    ]
    for name in FEATURES:
        pairs = zip(trained.terms[name], shipped.terms[name], strict=True)
        if any(abs(a - b) > TOLERANCE for a, b in pairs):
            stale.append(name)
    return stale


def check(trained: NeighbourModel, shipped: NeighbourModel) -> int:
    return report_check(OUT, stale_terms(trained, shipped), "bench/intake_neighbours.py")


def as_toml(model: NeighbourModel, counties: list[int], pairs: int, positives: int) -> str:
    studied = textwrap.wrap(
        f"studied counties {', '.join(str(c) for c in counties)} (never the sample or the "
        "held-out counties).",
        width=96,
    )
    lines = [
        "# The learned arbiter between near neighbours (jiceng.intake.neighbours), written by",
        "# bench/intake_neighbours.py; do not edit by hand, retrain after changing the engine.",
        f"# Trained on {pairs} pairs ({positives} where the rival is the task's item) of the",
        *(f"# {line}" for line in studied),
        f"# Logistic regression, C = {C}; each signal as [mean, scale, weight]: the weight",
        "# applies to (value - mean) / scale.",
        "# threshold: the probability at which a rival takes the pick's place, chosen by",
        "# county-fold cross-validation (`bench/intake_neighbours.py --cv 5`, docs/benchmarks.md).",
        "# rival_floor: neighbours scoring under this share of the pick are not weighed.",
        f"intercept = {model.intercept!r}",
        f"threshold = {model.threshold!r}",
        f"rival_floor = {model.rival_floor!r}",
        "",
        "[terms]",
    ]
    for name in FEATURES:
        mean, scale, weight = model.terms[name]
        lines.append(f'"{name}" = [{mean!r}, {scale!r}, {weight!r}]')
    return "\n".join(lines) + "\n"


def cross_validate(dirs: dict[int, Path], k: int) -> None:
    """The fold's counties are screened with the arbiter and the category reader trained
    without them; the arbiter's training pairs carry the readings out of fold, as in ``main``."""
    readings, readers = out_of_fold(dirs, k)
    per_county = {n: county_pairs(dirs[n], readings) for n in dirs}
    moved = {t: [0, 0, 0] for t in THRESHOLDS}  # rightly, wrongly, to neither
    engine = [0, 0, 0, 0]  # decisions +/-, duty items +/-
    for fold, scored in enumerate(county_folds(list(dirs), k)):
        model = train([row for n in dirs if n not in scored for row in per_county[n]])
        for n in scored:
            for x, y in per_county[n]:
                p = model.probability(dict(zip(FEATURES, x, strict=True)))
                for t in THRESHOLDS:
                    if p >= t:
                        moved[t][0 if y == 1 else 1 if y == 0 else 2] += 1
            items, gold = load_set(dirs[n] / "duties.csv", dirs[n] / "tasks.jsonl")
            without, with_fold = Screener(items), Screener(items)
            without.neighbours = None
            with_fold.neighbours = model
            with_fold.category_reader = CategoryReader(readers[n])
            found = changes(without, with_fold, gold)
            engine = [e + c for e, c in zip(engine, found, strict=True)]
        print(f"fold {fold + 1}/{k}: {len(scored)} counties scored", file=sys.stderr)
    total = sum(len(rows) for rows in per_county.values())
    right = sum(y == 1 for rows in per_county.values() for _, y in rows)
    print(f"{total} pairs, in {right} the rival is the task's item")
    for t in THRESHOLDS:
        r, w, o = moved[t]
        print(f"threshold {t}: moved rightly {r}, wrongly {w}, to another wrong item {o}")
    print(
        f"the engine with each fold's arbiter at {THRESHOLD} against none: "
        f"decisions +{engine[0]}/-{engine[1]}, duty items +{engine[2]}/-{engine[3]}"
    )


def main() -> int:
    args = training_arguments(__doc__)
    dirs = county_dirs()
    if args.cv:
        cross_validate(dirs, args.cv)
        return 0
    readings, _ = out_of_fold(dirs)
    rows = [row for path in dirs.values() for row in county_pairs(path, readings)]
    model = train(rows)
    if args.check:
        return check(model, default_model())
    positives = sum(y == 1 for _, y in rows)
    kept = sum(y >= 0 for _, y in rows)
    OUT.write_text(as_toml(model, list(dirs), kept, positives), encoding="utf-8")
    default_model.cache_clear()
    print(f"{kept} pairs ({positives} rival) -> {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
