"""Experiment: do learned decision boundaries transfer across counties?

    .venv/bin/python bench/intake_boundary_experiment.py            # leave-one-county-out only
    .venv/bin/python bench/intake_boundary_experiment.py --final    # + the one H6 test
    .venv/bin/python bench/intake_boundary_experiment.py --no-engine  # ablation (LOCO only)

For each task the engine (``Screener``) decides by one label rule (parsed from its last reason,
"规则N"). A boundary selects the tasks where that rule is in question and a binary target; a
LogisticRegression (standardised; C by inner leave-one-county-out over the training counties,
on boundary accuracy) may override the engine's DECISION there (item/category/flags untouched):
  (a) rule 6 vs 7: engine rule 6 or 7 with a matched item. Target label reject; reject<->revise.
  (b) rule 2 vs 3/4: engine rule 2/3/4 on a 配合 or 收回 item. Target label reject; admit<->reject.
  (c) rule 5 vs listed: engine rule not 7, match strength <= threshold + BAND (0.1, set from the
      six LOCO counties' strengths: gold off-list tasks sit below +0.05). Target label category
      "none"; off-list -> reject, listed -> the engine's decision, or for an engine rule-5 task
      the decision of the same engine forced to take its best item.
GENERAL features only, no words: body sentences read as asks / directive / boilerplate, directive
sentences with core-flag evidence and those free of it with substance (rule 7's own count),
title core-flag evidence and whether it joins other work, flag codes fired and counts (core /
non-core, title / body / upstream), body and title length, numbering and short-chat cues,
deadline / upstream present, the engine's decision, rule, confidence, match strength and margin,
item category, sender plausible as lead, department-only acts asked by kind.
Protocol: leave-one-county-out over H, D, H2, H3, H4, H5 (train on 5, test on 1), then train on
all six and test once on H6. Decision accuracy over ALL tasks of a county (bench/intake_quality).

Findings (``--final``, run once; decision accuracy over all tasks, engine -> with override;
boundary tasks right before -> after; r->w / w->r = tasks changed right->wrong / wrong->right):

  (a) rule 6 vs 7          (b) rule 2 vs 3/4        (c) rule 5 vs listed
  H   .972->.972  0/0      .972->.972  0/0          .972->.958  1/0   (n a/b/c = 23/35/17)
  D   .956->.933  1/0      .956->.956  0/0          .956->.956  0/0   (19/16/6)
  H2  .932->.932  1/1      .932->.932  0/0          .932->.945  0/1   (30/28/14)
  H3  .905->.905  0/0      .905->.905  0/0          .905->.919  0/1   (30/27/21)
  H4  .917->.917  0/0      .917->.917  0/0          .917->.944  0/2   (26/27/17)
  H5  .908->.921  0/1      .908->.908  0/0          .908->.921  0/1   (23/40/12)
  H6  .813->.827  0/1      .813->.813  0/0          .813->.813  0/0   (27/29/17)  FINAL, once

No useful gain. (a): over the six LOCO counties 2 right->wrong and 2 wrong->right (net 0);
the model only ever moves a rule-7 reject to revise. On H6 it fixes 1 of 75 tasks (+0.013),
within what the LOCO counties show as noise. (b): the model never disagrees with the engine
(C from 0.01 to 10); the engine's rule-2/3/4 errors on these counties are 0-4 per county and
the general features do not separate them. (c) looked best in LOCO (5 wrong->right, 1
right->wrong), but 2 of the 5 fixes (H4) are rule-4 returned tasks made reject for being
"off-list", i.e. the right decision for a wrong reason; on H6 it changes nothing.

Ablation ``--no-engine`` (LOCO only, never run on H6): without the engine's verdict features
(decision, rule, confidence) the model is worse than the engine: (a) 13 right->wrong, 6
wrong->right; (b) 2 / 0; (c) 3 / 2. The general features carry little boundary signal of their
own beyond the engine's rule.

Caveat: the engine's cues were tuned on H..H5 (in-sample decision accuracy 0.905-0.972 here vs
0.79-0.81 blind), so the training signal is mostly "agree with the engine" and boundary errors
left to learn are few (0-4 per county and boundary): too few for 53 features to generalise.
"""

from __future__ import annotations

import math
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
from jiceng.intake.acts import ACT_KINDS  # noqa: E402
from jiceng.intake.decision import _PROCEDURAL, _title_joins_work  # noqa: E402
from jiceng.intake.records import FLAG_CODES  # noqa: E402
from jiceng.intake.screening import Screener  # noqa: E402
from jiceng.text.sentences import split_sentences  # noqa: E402
from jiceng.text.tokenize import content_tokens  # noqa: E402

SRC = ROOT / "src/jiceng"
COUNTIES = {"H": "heldout", "D": None, "H2": "heldout2", "H3": "heldout3", "H4": "heldout4"}
COUNTIES |= {"H5": "heldout5"}


def _h(name: str | None) -> tuple[Path, Path]:
    if name is None:
        return SRC / "duties/data/county_template.csv", SRC / "demo/data/tasks.jsonl"
    return ROOT / "bench" / name / "duties.csv", ROOT / "bench" / name / "tasks.jsonl"


FINAL = ("H6", _h("heldout6"))
C_GRID = (0.01, 0.1, 1.0, 10.0)
RULE = re.compile(r"规则(\d)")
NUMBERING = re.compile(
    r"(^|\n)\s*([一二三四五六七八九十]+、|\d+[.、．]|[（(][一二三四五六七八九十\d]+[）)])"
)
FLAGS = [c for c in FLAG_CODES if c != "shifting_responsibility"]
BAND = 0.1  # boundary (c): match strength at most this far above the no-match threshold
# --no-engine ablation (LOCO only): drop the engine's verdict (decision, rule, confidence).
NO_ENGINE = "--no-engine" in sys.argv
N_FEATURES = 53
ENGINE_COLS = range(31, 41)
KEEP = [i for i in range(N_FEATURES) if not (NO_ENGINE and i in ENGINE_COLS)]


def features(screener: Screener, task) -> tuple[dict, int, list[float]]:
    """Engine contract, the rule it applied and the general feature vector of one task."""
    m = screener.matcher
    res = screener.screen(task)
    match = m.match(task, none_threshold=screener.none_threshold)
    rule = int(RULE.findall(res.reasons[-1])[-1]) if RULE.findall(res.reasons[-1]) else 0
    specs, acts = screener.specs, screener.acts
    core = [f for f in res.flags if f.code in specs and specs[f.code].core]
    core_body = [f.start for f in core if f.field == "body"]
    title_core = [(f.start, f.end) for f in core if f.field == "title"]
    sents = split_sentences(task.body)
    n_ask = n_dir = n_boiler = n_dir_core = n_free = 0
    for s in sents:
        n_ask += acts.is_ask(s.text)
        if acts.boilerplate.search(s.text):
            n_boiler += 1
            continue
        if not acts.is_directive(s.text):
            continue
        n_dir += 1
        if any(s.start <= p < s.end for p in core_body):
            n_dir_core += 1
        elif len([t for t in content_tokens(s.text) if t not in _PROCEDURAL]) >= 2:
            n_free += 1
    codes = {f.code for f in res.flags}
    item = match.item
    cands = match.candidates
    margin = 1 - cands[1][1] / cands[0][1] if len(cands) > 1 and cands[0][1] > 0 else 1.0
    kinds = {a.kind for a in match.asked_acts}
    x = [
        len(sents),
        n_ask,
        n_dir,
        n_boiler,
        n_dir_core,
        n_free,
        n_dir_core / n_dir if n_dir else 0.0,
        float(bool(title_core)),
        float(bool(title_core) and _title_joins_work(task.title, title_core)),
        float(any(f.field == "title" for f in res.flags)),
        *[float(c in codes) for c in FLAGS],
        float("shifting_responsibility" in codes),
        len(codes),
        len(core),
        len(res.flags) - len(core),
        sum(f.field == "body" for f in res.flags),
        sum(f.field == "upstream" for f in res.flags),
        math.log1p(len(task.body)),
        len(task.title),
        float(bool(NUMBERING.search(task.body))),
        float(len(sents) <= 2),
        float(task.deadline_days is not None),
        float(task.upstream is not None),
        float(res.decision.value == "reject"),
        float(res.decision.value == "revise"),
        *[float(rule == r) for r in range(1, 8)],
        res.confidence,
        match.score,
        match.score - screener.none_threshold,
        margin,
        *[float(item is not None and item.category is c) for c in Category],
        float(match.sender_plausible is True),
        float(match.sender_plausible is False),
        *[float(k in kinds) for k in ACT_KINDS],
        float("power" in kinds),
    ]
    assert len(x) == N_FEATURES and x[40] == res.confidence
    c = res.to_contract()
    c["_cat"] = item.category if item is not None else None
    return c, rule, x


def boundary_a(d: dict) -> bool:
    return d["rule"] in (6, 7) and d["pred"]["duty_item"] is not None


def boundary_b(d: dict) -> bool:
    return d["rule"] in (2, 3, 4) and d["pred"]["_cat"] in (Category.COOPERATING, Category.RETURNED)


def boundary_c(d: dict) -> bool:
    return d["rule"] != 7 and d["gap"] < BAND


def is_reject(d: dict) -> bool:
    return d["gold"].label["decision"] == "reject"


def off_list(d: dict) -> bool:
    return d["gold"].label["category"] == "none"


# name: (selector, target, decision when the model says target / not target)
BOUNDARIES = {
    "a: rule 6 vs 7": (boundary_a, is_reject, lambda d: "reject", lambda d: "revise"),
    "b: rule 2 vs 3/4": (boundary_b, is_reject, lambda d: "reject", lambda d: "admit"),
    "c: rule 5 vs listed": (
        boundary_c,
        off_list,
        lambda d: "reject",
        lambda d: d["forced"] if d["rule"] == 5 else d["pred"]["decision"],
    ),
}


def load_county(paths: tuple[Path, Path]) -> list[dict]:
    items, gold = load_set(*paths)
    screener, forced = Screener(items), Screener(items)
    forced.none_threshold = -1e9  # what the engine decides when made to take its best item
    out = []
    for g in gold:
        pred, rule, x = features(screener, g.task)
        gap = screener.matcher.match(g.task, none_threshold=screener.none_threshold).score
        gap -= screener.none_threshold
        decision = forced.screen(g.task).decision.value
        out.append(dict(gold=g, pred=pred, rule=rule, x=np.array(x), gap=gap, forced=decision))
    return out


def fit(rows: list[dict], target, c: float):
    y = np.array([target(d) for d in rows], dtype=float)
    if len(set(y)) < 2:
        return None
    model = make_pipeline(StandardScaler(), LogisticRegression(C=c, max_iter=5000))
    return model.fit(np.vstack([d["x"][KEEP] for d in rows]), y)


def override(model, rows: list[dict], spec) -> dict[str, str]:
    """New decision per boundary task id (the engine's when the model is None)."""
    if model is None or not rows:
        return {d["gold"].task.id: d["pred"]["decision"] for d in rows}
    p = model.predict(np.vstack([d["x"][KEEP] for d in rows]))
    return {
        d["gold"].task.id: spec[2](d) if v else spec[3](d) for d, v in zip(rows, p, strict=True)
    }


def boundary_right(model, rows: list[dict], spec) -> int:
    new = override(model, rows, spec)
    return sum(new[d["gold"].task.id] == d["gold"].label["decision"] for d in rows)


def choose_c(train: dict[str, list[dict]], spec) -> float:
    """C by inner leave-one-county-out over the training counties only (boundary accuracy)."""
    best, best_c = -1, C_GRID[0]
    for c in C_GRID:
        right = 0
        for inner in train:
            rows = [d for k, v in train.items() if k != inner for d in v]
            right += boundary_right(fit(rows, spec[1], c), train[inner], spec)
        if right > best:
            best, best_c = right, c
    return best_c


def evaluate(name: str, train: dict[str, list[dict]], test: list[dict], all_test, spec) -> str:
    c = choose_c(train, spec)
    model = fit([d for v in train.values() for d in v], spec[1], c)
    new = override(model, test, spec)
    gold = [d["gold"] for d in all_test]
    before = {d["gold"].task.id: d["pred"] for d in all_test}
    after = {k: dict(v, decision=new.get(k, v["decision"])) for k, v in before.items()}
    r2w = w2r = 0
    for d in test:
        tid, want = d["gold"].task.id, d["gold"].label["decision"]
        old_ok, new_ok = before[tid]["decision"] == want, after[tid]["decision"] == want
        r2w += old_ok and not new_ok
        w2r += new_ok and not old_ok
    b0 = sum(before[d["gold"].task.id]["decision"] == d["gold"].label["decision"] for d in test)
    return (
        f"  {name:<3} C={c:<5} decision {score(before, gold)['decision_acc']:.3f} -> "
        f"{score(after, gold)['decision_acc']:.3f} | boundary n={len(test):>2} right "
        f"{b0:>2} -> {b0 - r2w + w2r:>2} | right->wrong {r2w}, wrong->right {w2r}"
    )


def main() -> int:
    data = {k: load_county(_h(p)) for k, p in COUNTIES.items()}
    final = load_county(FINAL[1]) if "--final" in sys.argv else None
    for title, spec in BOUNDARIES.items():
        sets = {k: [d for d in v if spec[0](d)] for k, v in data.items()}
        print(f"boundary {title}" + (" (no engine-verdict features)" if NO_ENGINE else ""))
        for held in COUNTIES:
            train = {k: v for k, v in sets.items() if k != held}
            print(evaluate(held, train, sets[held], data[held], spec))
        if final is not None:
            test = [d for d in final if spec[0](d)]
            print(evaluate(FINAL[0], sets, test, final, spec))
    return 0


if __name__ == "__main__":
    sys.exit(main())
