"""Experiment: would the near-neighbour arbiter do better with pairwise products of its signals?

    .venv/bin/python bench/intake_neighbours_interactions_experiment.py             # seeds 3 7 11
    .venv/bin/python bench/intake_neighbours_interactions_experiment.py --seeds 3   # one split

The shipped arbiter (``jiceng.intake.neighbours``, trained by ``bench/intake_neighbours.py``) is
a logistic regression over 23 signals of a pair, each weighed on its own. This compares it, under
the same county-fold cross-validation over the studied counties (``--cv 5`` there; the counties
kept to estimate unseen ones and the sample are never read), with regressions that also weigh
every product of two standardised signals (253 more terms; L2 regularisation ``C``, or L1):

* per pair: how many of the held-out folds' pairs each model would move to the runner-up rightly,
  wrongly, and from one wrong item to another, per threshold;
* in the whole engine: decisions and duty items fixed and broken against the engine without an
  arbiter, for the shipped model at its threshold and the product models at theirs.

Findings (session 19, seeds 3, 7 and 11) are in docs/benchmarks.md: the products move about
seven more duty items rightly on balance, and cost about three decisions; not taken.
"""

from __future__ import annotations

import argparse
import random
import sys
import warnings
from multiprocessing import Pool
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import PolynomialFeatures, StandardScaler

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from intake_associations import county_dirs  # noqa: E402
from intake_neighbours import THRESHOLDS, Row, county_pairs  # noqa: E402
from intake_quality import changes, load_set  # noqa: E402
from jiceng.intake.neighbours import FEATURES  # noqa: E402
from jiceng.intake.screening import Screener  # noqa: E402

# (name, how to build it); "shipped" is the trainer's own regression (C = 1.0)
MODELS = {
    "shipped": lambda: make_pipeline(StandardScaler(), LogisticRegression(C=1.0, max_iter=5000)),
    **{
        f"products C={c}": (
            lambda c=c: make_pipeline(
                StandardScaler(),
                PolynomialFeatures(2, interaction_only=True),
                StandardScaler(),
                LogisticRegression(C=c, max_iter=20000),
            )
        )
        for c in (0.03, 0.1, 0.3, 1.0)
    },
    # the same with L1 regularisation, which keeps few terms (a reason could name them)
    **{
        f"products L1 C={c}": (
            lambda c=c: make_pipeline(
                StandardScaler(),
                PolynomialFeatures(2, interaction_only=True),
                StandardScaler(),
                LogisticRegression(C=c, penalty="l1", solver="liblinear", max_iter=20000),
            )
        )
        for c in (0.2, 0.5)
    },
}
# The models run through the whole engine, each at a threshold its pair counts favour.
ENGINE_RUNS = (("shipped", 0.7), ("products C=0.3", 0.7), ("products C=0.3", 0.8))


class Arbiter:
    """A fitted pipeline in the shape the screener calls (``probability``, ``threshold``,
    ``strongest``); the experiment reads no reasons, so ``strongest`` names none."""

    def __init__(self, pipeline: Pipeline, threshold: float) -> None:
        self.pipeline, self.threshold = pipeline, threshold

    def probability(self, features: dict[str, float]) -> float:
        x = np.array([[features[name] for name in FEATURES]])
        return float(self.pipeline.predict_proba(x)[0, 1])

    def strongest(self, features: dict[str, float], k: int = 2) -> list[str]:
        return []


def fit(name: str, rows: list[Row]) -> Pipeline:
    kept = [(x, y) for x, y in rows if y >= 0]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # (the product terms of one-hot signals are constant)
        return MODELS[name]().fit(np.array([x for x, _ in kept]), np.array([y for _, y in kept]))


def folds(numbers: list[int], k: int, seed: int) -> list[list[int]]:
    shuffled = list(numbers)
    random.Random(seed).shuffle(shuffled)
    return [[n for i, n in enumerate(shuffled) if i % k == fold] for fold in range(k)]


def pair_moves(per_county: dict[int, list[Row]], split: list[list[int]]) -> dict[str, list]:
    """Per model, per threshold: pairs moved rightly, wrongly, from one wrong item to another."""
    moved = {name: {t: [0, 0, 0] for t in THRESHOLDS} for name in MODELS}
    for scored in split:
        training = [row for n in per_county if n not in scored for row in per_county[n]]
        held = [row for n in scored for row in per_county[n]]
        x = np.array([x for x, _ in held])
        for name in MODELS:
            probabilities = fit(name, training).predict_proba(x)[:, 1]
            for (_, y), p in zip(held, probabilities, strict=True):
                for t in THRESHOLDS:
                    if p >= t:
                        moved[name][t][0 if y == 1 else 1 if y == 0 else 2] += 1
    return moved


def _engine_changes(job: tuple[Path, list[Row]]) -> dict[tuple[str, float], list[int]]:
    path, training = job
    items, gold = load_set(path / "duties.csv", path / "tasks.jsonl")
    without = Screener(items)
    without.neighbours = None
    fitted = {name: fit(name, training) for name in {name for name, _ in ENGINE_RUNS}}
    out = {}
    for name, threshold in ENGINE_RUNS:
        screener = Screener(items)
        screener.neighbours = Arbiter(fitted[name], threshold)  # type: ignore[assignment]
        out[(name, threshold)] = changes(without, screener, gold)
    return out


def engine_changes(
    dirs: dict[int, Path], per_county: dict[int, list[Row]], split: list[list[int]]
) -> dict[tuple[str, float], list[int]]:
    """Per engine run: decisions fixed, broken, duty items fixed, broken (against no arbiter)."""
    jobs = [
        (dirs[n], [row for m in per_county if m not in scored for row in per_county[m]])
        for scored in split
        for n in scored
    ]
    total = {run: [0, 0, 0, 0] for run in ENGINE_RUNS}
    with Pool(2) as pool:
        for found in pool.imap_unordered(_engine_changes, jobs):
            for run, counts in found.items():
                total[run] = [a + b for a, b in zip(total[run], counts, strict=True)]
    return total


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--seeds", type=int, nargs="+", default=[3, 7, 11])
    ap.add_argument("--k", type=int, default=5)
    args = ap.parse_args()
    dirs = county_dirs()
    with Pool(2) as pool:
        per_county = dict(zip(dirs, pool.map(county_pairs, dirs.values()), strict=True))
    for seed in args.seeds:
        split = folds(list(dirs), args.k, seed)
        print(f"seed {seed}: pairs moved rightly / wrongly / between wrong items, per threshold")
        for name, by_threshold in pair_moves(per_county, split).items():
            cells = "  ".join(f"{t}: {r}/{w}/{o}" for t, (r, w, o) in by_threshold.items())
            print(f"  {name:<18} {cells}")
        for (name, t), (df, db, itf, itb) in engine_changes(dirs, per_county, split).items():
            print(
                f"  engine, {name} at {t}: decisions +{df}/-{db}, duty items +{itf}/-{itb} "
                f"(net {df - db:+d}, {itf - itb:+d})"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
