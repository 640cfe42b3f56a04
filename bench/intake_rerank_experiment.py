"""Experiment: does a learned reranker over the engine's top-5 transfer across counties?

    .venv/bin/python bench/intake_rerank_experiment.py            # leave-one-county-out only
    .venv/bin/python bench/intake_rerank_experiment.py --final    # + the one H5 test
    .venv/bin/python bench/intake_rerank_experiment.py --no-rank  # ablation (LOCO only)

For every task the engine (``Screener``) gives a decision, a duty item and, via
``ItemMatcher.match``, its top-5 candidates with scores. A pointwise scikit-learn
LogisticRegression (class_weight balanced, standardised features) scores each candidate with
GENERAL features only -- no words: engine score, raw retrieval score, their ratios to the
best, rank one-hot, category one-hot, sender plausible as lead (True/False/unknown) and its
product with the category, asked acts present / intersecting the item's act kinds / item names
no act, and the share of the item's name, role and content characters found in the ask
sentences (title when none). Where the engine names an item, the reranker's best candidate
replaces it; a "no item" answer is left alone (the reranker picks among items, not whether one).

Protocol: leave-one-county-out over H, D, H2, H3, H4 (train on 4, test on 1); C is chosen by
an inner leave-one-county-out over the 4 training counties only. Then train on all five
(C chosen the same way) and test once on H5. Duty-item accuracy as in bench/intake_quality.py
(non-rule-7 tasks); top-1 / top-5 = the gold item first / anywhere among the 5 candidates, over
non-rule-7 tasks whose gold item is not null.

Findings (``--final``, run once; duty-item accuracy engine -> reranked, top-1 engine ->
reranked, top-5 ceiling, n = tasks with a gold item):

    H    C=0.1   0.984 -> 0.984 | top-1 1.000 -> 1.000 | top-5 1.000 (n=58) | 0 picks changed
    D    C=0.01  0.974 -> 0.974 | top-1 1.000 -> 1.000 | top-5 1.000 (n=36) | 0 picks changed
    H2   C=0.01  0.919 -> 0.919 | top-1 0.949 -> 0.949 | top-5 0.983 (n=59) | 0 picks changed
    H3   C=0.01  0.915 -> 0.915 | top-1 0.946 -> 0.946 | top-5 1.000 (n=56) | 0 picks changed
    H4   C=0.01  0.919 -> 0.919 | top-1 0.915 -> 0.915 | top-5 1.000 (n=59) | 0 picks changed
    H5   C=0.01  0.862 -> 0.862 | top-1 0.873 -> 0.873 | top-5 0.984 (n=63) | 0 picks changed

No gain: with the engine's rank among the features the reranker learns "keep the engine's
first" and never changes a pick, on the five LOCO counties nor on H5, although H5 leaves
headroom (top-1 0.873 vs top-5 0.984, 7 tasks). Caveat: the engine's hand rules were tuned on
H..H4 in earlier rounds, so on those counties the training signal is the engine's in-sample
top-1 (0.915-1.000), which makes deferring to rank 0 the right lesson to learn there.

Ablation ``--no-rank`` (LOCO only, never run on H5): without the engine score, its ratio and the
rank one-hot the general features alone are worse than the engine on 4 of 5 counties
(H 0.984 -> 0.967, D 0.974 -> 0.868, H2 0.919 -> 0.855, H3 0.915 -> 0.881) and better on one
(H4 0.919 -> 0.952): these features do not carry a transferable ranking signal beyond the
engine's own order.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from intake_quality import load_set, score  # noqa: E402
from jiceng.duties.items import Category  # noqa: E402
from jiceng.intake.screening import Screener  # noqa: E402

BENCH = ROOT / "bench"
COUNTIES = {
    "H": (BENCH / "heldout" / "duties.csv", BENCH / "heldout" / "tasks.jsonl"),
    "D": (
        ROOT / "src/jiceng/duties/data/county_template.csv",
        ROOT / "src/jiceng/demo/data/tasks.jsonl",
    ),
    "H2": (BENCH / "heldout2" / "duties.csv", BENCH / "heldout2" / "tasks.jsonl"),
    "H3": (BENCH / "heldout3" / "duties.csv", BENCH / "heldout3" / "tasks.jsonl"),
    "H4": (BENCH / "heldout4" / "duties.csv", BENCH / "heldout4" / "tasks.jsonl"),
}
FINAL = ("H5", (BENCH / "heldout5" / "duties.csv", BENCH / "heldout5" / "tasks.jsonl"))
C_GRID = (0.01, 0.1, 1.0, 10.0)
CJK = re.compile(r"[\u4e00-\u9fff]")
CATS = (Category.BASIC, Category.COOPERATING, Category.RETURNED)


def char_share(text: str, ask: str) -> float:
    chars = set(CJK.findall(text))
    return len(chars & set(ask)) / len(chars) if chars else 0.0


def task_rows(screener: Screener, task) -> tuple[dict, list[str], np.ndarray]:
    """Engine contract, candidate ids and the general feature matrix (one row per candidate)."""
    m = screener.matcher
    contract = screener.screen(task).to_contract()
    outcome = m.match(task, none_threshold=screener.none_threshold)
    parts = m.query_parts(task)
    ask = "".join(t for t, w in parts[1:] if w >= m.policy["ask_weight"]) or task.title
    raw_all = m.raw_scores(task)
    index = {item.id: i for i, item in enumerate(m.items)}
    asked = {a.kind for a in outcome.asked_acts}
    cands = outcome.candidates
    best = max((s for _, s in cands), default=0.0) or 1.0
    raws = [float(raw_all[index[it.id]]) for it, _ in cands]
    best_raw = max(raws, default=0.0) or 1.0
    rows = []
    for rank, ((item, s), raw) in enumerate(zip(cands, raws, strict=True)):
        fit = (
            m.departments.plausible_lead(
                task.from_department, item.lead_department, item.domain + item.name
            )
            if item.category is not Category.BASIC
            else None
        )
        kinds = m.item_kinds[index[item.id]]
        cat = [float(item.category is c) for c in CATS]
        rows.append(
            [
                s,
                s / best,
                raw,
                raw / best_raw,
                *[float(rank == r) for r in range(5)],
                *cat,
                float(fit is True),
                float(fit is False),
                cat[1] * (fit is True),
                cat[2] * (fit is True),
                cat[1] * (fit is False),
                cat[2] * (fit is False),
                float(bool(asked)),
                float(bool(asked & kinds)),
                float(bool(asked) and not kinds),
                cat[2] * bool(asked & kinds),
                char_share(item.name, ask),
                char_share(item.township_role, ask),
                char_share(item.content, ask),
            ]
        )
    return contract, [it.id for it, _ in cands], np.array(rows, dtype=float).reshape(-1, 25)


# --no-rank ablation: drop the engine's own score, its ratio and the rank one-hot (columns 0, 1,
# 4-8), keeping the raw retrieval score and the general features.
KEEP = [i for i in range(25) if "--no-rank" not in sys.argv or i not in (0, 1, 4, 5, 6, 7, 8)]


def load_county(duties: Path, tasks: Path) -> list[dict]:
    items, gold = load_set(duties, tasks)
    screener = Screener(items)
    out = []
    for g in gold:
        contract, ids, x = task_rows(screener, g.task)
        out.append({"gold": g, "pred": contract, "ids": ids, "x": x[:, KEEP]})
    return out


def fit(data: list[dict], c: float):
    xs, ys = [], []
    for d in data:
        g = d["gold"]
        want = g.label["duty_item"]
        if g.is_rule7 or want not in d["ids"]:
            continue  # no positive among the candidates: nothing to rank
        xs.append(d["x"])
        ys.extend(float(i == want) for i in d["ids"])
    model = make_pipeline(
        StandardScaler(), LogisticRegression(C=c, class_weight="balanced", max_iter=2000)
    )
    return model.fit(np.vstack(xs), np.array(ys))


def rerank(model, data: list[dict]) -> dict[str, dict]:
    preds = {}
    for d in data:
        p = dict(d["pred"])
        if p["duty_item"] is not None and len(d["ids"]):
            prob = model.predict_proba(d["x"])[:, 1]
            p["duty_item"] = d["ids"][int(np.argmax(prob))]
        preds[d["gold"].task.id] = p
    return preds


def item_acc(preds: dict[str, dict], data: list[dict]) -> float:
    return score(preds, [d["gold"] for d in data])["duty_item_acc"]


def recall(data: list[dict], model=None) -> tuple[float, float, int]:
    """Top-1 (engine order, or the model's) and top-5 recall over gold items not null."""
    top1 = top5 = n = 0
    for d in data:
        want = d["gold"].label["duty_item"]
        if d["gold"].is_rule7 or want is None or not d["ids"]:
            continue
        n += 1
        first = d["ids"][0]
        if model is not None:
            first = d["ids"][int(np.argmax(model.predict_proba(d["x"])[:, 1]))]
        top1 += first == want
        top5 += want in d["ids"]
    return top1 / n, top5 / n, n


def choose_c(sets: dict[str, list[dict]]) -> float:
    """C by inner leave-one-county-out over the training counties only."""

    def inner(c: float) -> float:
        accs = []
        for held in sets:
            train = [d for k, v in sets.items() if k != held for d in v]
            accs.append(item_acc(rerank(fit(train, c), sets[held]), sets[held]))
        return float(np.mean(accs))

    return max(C_GRID, key=inner)


def report(name: str, c: float, model, test: list[dict]) -> None:
    engine = {d["gold"].task.id: d["pred"] for d in test}
    e1, top5, n = recall(test)
    r1, _, _ = recall(test, model)
    reranked = rerank(model, test)
    changed = sum(reranked[k]["duty_item"] != engine[k]["duty_item"] for k in engine)
    print(
        f"{name:<4} C={c:<5} duty item engine {item_acc(engine, test):.3f} -> reranked "
        f"{item_acc(reranked, test):.3f} | top-1 {e1:.3f} -> {r1:.3f} "
        f"| top-5 {top5:.3f} (n={n}) | picks changed {changed}"
    )


def main() -> int:
    sets = {k: load_county(*paths) for k, paths in COUNTIES.items()}
    print("leave-one-county-out (train on the other 4):")
    for held in sets:
        train_sets = {k: v for k, v in sets.items() if k != held}
        c = choose_c(train_sets)
        model = fit([d for v in train_sets.values() for d in v], c)
        report(held, c, model, sets[held])
    if "--final" not in sys.argv or "--no-rank" in sys.argv:
        return 0
    c = choose_c(sets)
    model = fit([d for v in sets.values() for d in v], c)
    print("final: train on H, D, H2, H3, H4; test once on H5:")
    report(FINAL[0], c, model, load_county(*FINAL[1]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
