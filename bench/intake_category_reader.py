"""Train the reading of a notice's duty category (``jiceng.intake.category_reader``), and check it.

    .venv/bin/python bench/intake_category_reader.py            # write src/.../category_reader.tsv
    .venv/bin/python bench/intake_category_reader.py --cv 5     # county-fold check, nothing written
    .venv/bin/python bench/intake_category_reader.py --check    # is the shipped file current?

Training tasks: every labelled task of the studied counties (never the sample, nor the counties
kept to estimate unseen ones, ``HELD_OUT`` of ``bench/intake_associations.py``) whose label names
an item, rule-7 rejects aside (their item is a judgement call); the text is the title and body
(``reading.notice_text``), the target the item's category (基本 / 配合 / 收回). The labels alone
decide what it learns: no engine output, so it needs retraining only when the labelled counties
change.

The arbiter between near neighbours weighs the reading (``bench/intake_neighbours.py``). It is
trained on readings each county's tasks get from a reader that never saw that county
(``out_of_fold``), as screening an unseen county does; read in-sample, the reading would look
surer than it is and the arbiter would lean on it too much.

``--cv k`` reports how often the out-of-fold reading's likeliest category is the label's, against
always saying the commonest; the effect on screening is what ``bench/intake_neighbours.py --cv 5``
measures. ``--check`` retrains without writing and exits 1 when the shipped reader differs.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Sequence
from pathlib import Path

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from char_training import TOLERANCE, fit  # noqa: E402
from intake_associations import county_dirs  # noqa: E402
from intake_quality import load_set, report_check, training_arguments  # noqa: E402
from jiceng.duties.items import Category  # noqa: E402
from jiceng.intake.category_reader import CATEGORIES, default_model  # noqa: E402
from jiceng.intake.reading import notice_text  # noqa: E402
from jiceng.text.char_model import CharNgramClassifier  # noqa: E402

OUT = ROOT / "src" / "jiceng" / "intake" / "data" / "category_reader.tsv"
# Chosen by county-fold cross-validation of the arbiter that weighs the reading (docs/benchmarks.md,
# session 24): character 1-2-grams seen in at least MIN_DF training notices, the regression's
# inverse regularisation C. (1-3-grams, MIN_DF 5-10 and C 1-30 moved the same pairs within two;
# these keep the file smallest.)
ORDERS = (1, 2)
MIN_DF = 20
C = 3.0
# The county folds of ``out_of_fold``: the studied counties shuffled by this seed, county i in
# fold i mod k, as ``bench/intake_neighbours.py --cv`` splits them.
FOLD_SEED = 3
FOLDS = 5
CLASSES = tuple(c.value for c in CATEGORIES)

Example = tuple[str, str, int]  # task id, text, category index in CLASSES


def county_examples(path: Path) -> list[Example]:
    """The county's tasks whose label names an item (rule-7 rejects aside)."""
    _, gold = load_set(path / "duties.csv", path / "tasks.jsonl")
    return [
        (g.task.id, notice_text(g.task), CLASSES.index(g.label["category"]))
        for g in gold
        if not g.is_rule7 and g.label["category"] in CLASSES
    ]


def county_texts(path: Path) -> list[tuple[str, str]]:
    """Every task of the county, as (id, text): what a reader reads when screening it."""
    _, gold = load_set(path / "duties.csv", path / "tasks.jsonl")
    return [(g.task.id, notice_text(g.task)) for g in gold]


def train(examples: Sequence[Example]) -> CharNgramClassifier:
    """The fitted regression as the package reads it, to six decimals (checked to read as
    scikit-learn does, on up to 2,000 of the training texts)."""
    texts = [text for _, text, _ in examples]
    vectorizer, model = fit(
        texts, [label for _, _, label in examples], orders=ORDERS, min_df=MIN_DF, c=C
    )
    ours = exported(vectorizer, model)
    theirs = model.predict_proba(vectorizer.transform(texts[:2000]))
    gap = max(
        abs(ours.probabilities(text)[CLASSES[int(k)]] - float(row[j]))
        for text, row in zip(texts[:2000], theirs, strict=True)
        for j, k in enumerate(model.classes_)
    )
    if gap > 1e-4:
        raise SystemExit(f"exported reader differs from scikit-learn by {gap:.2e}")
    return ours


def exported(vectorizer: TfidfVectorizer, model: LogisticRegression) -> CharNgramClassifier:
    classes = tuple(CLASSES[int(k)] for k in model.classes_)
    terms = {
        g: (
            round(float(vectorizer.idf_[i]), 6),
            tuple(round(float(w), 6) for w in model.coef_[:, i]),
        )
        for g, i in vectorizer.vocabulary_.items()
    }
    intercepts = tuple(round(float(b), 6) for b in model.intercept_)
    return CharNgramClassifier(classes, intercepts, terms, *ORDERS)


def county_folds(counties: Sequence[int], k: int) -> list[list[int]]:
    """The studied counties in k folds (``FOLD_SEED``)."""
    numbers = list(counties)
    random.Random(FOLD_SEED).shuffle(numbers)
    return [[n for i, n in enumerate(numbers) if i % k == fold] for fold in range(k)]


def out_of_fold(
    dirs: dict[int, Path], k: int = FOLDS
) -> tuple[dict[str, dict[Category, float]], dict[int, CharNgramClassifier]]:
    """Each studied task's reading by a reader trained without its county's fold, and per county
    that reader."""
    examples = {n: county_examples(path) for n, path in dirs.items()}
    readings: dict[str, dict[Category, float]] = {}
    readers: dict[int, CharNgramClassifier] = {}
    for fold in county_folds(list(dirs), k):
        reader = train([e for n, rows in examples.items() if n not in fold for e in rows])
        for n in fold:
            readers[n] = reader
            for task_id, text in county_texts(dirs[n]):
                found = reader.probabilities(text)
                readings[task_id] = {Category(c): p for c, p in found.items()}
    return readings, readers


def stale_terms(trained: CharNgramClassifier, shipped: CharNgramClassifier) -> list[str]:
    """What differs beyond ``TOLERANCE``: n-grams only one has or whose numbers moved, the
    classes, intercepts or orders."""
    stale = sorted(set(trained.terms) ^ set(shipped.terms))
    for g in sorted(set(trained.terms) & set(shipped.terms)):
        (a_idf, a_w), (b_idf, b_w) = trained.terms[g], shipped.terms[g]
        if abs(a_idf - b_idf) > TOLERANCE or any(
            abs(a - b) > TOLERANCE for a, b in zip(a_w, b_w, strict=True)
        ):
            stale.append(g)
    if trained.classes != shipped.classes:
        stale.append("classes")
    elif any(
        abs(a - b) > TOLERANCE for a, b in zip(trained.intercepts, shipped.intercepts, strict=True)
    ):
        stale.append("intercept")
    if (trained.min_n, trained.max_n) != (shipped.min_n, shipped.max_n):
        stale.append("orders")
    return stale


def as_tsv(model: CharNgramClassifier, counties: list[int], tasks: int) -> str:
    head = [
        "Reading of a notice's duty category (jiceng.intake.category_reader): n-gram, idf, one",
        "weight per class. Generated by bench/intake_category_reader.py; do not edit by hand.",
        f"Multinomial logistic regression over TF-IDF of character {ORDERS[0]}-{ORDERS[1]}-grams "
        f"of the title and body (min_df {MIN_DF}, C {C}),",
        f"trained on the {tasks} tasks naming an item (rule-7 rejects aside) of {len(counties)} "
        "of our own written counties",
        "(bench/heldoutN, N = " + ", ".join(map(str, counties)) + ");",
        "never the sample, nor the counties kept to estimate unseen ones.",
    ]
    lines = [
        *(f"# {line}" for line in head),
        "classes\t" + "\t".join(model.classes),
        "intercept\t" + "\t".join(str(b) for b in model.intercepts),
        f"orders\t{model.min_n}\t{model.max_n}",
    ]
    rows = [
        f"{g}\t{idf}\t" + "\t".join(str(w) for w in weights)
        for g, (idf, weights) in sorted(model.terms.items())
    ]
    return "\n".join(lines + rows) + "\n"


def cross_validate(dirs: dict[int, Path], k: int) -> None:
    readings, _ = out_of_fold(dirs, k)
    examples = [e for path in dirs.values() for e in county_examples(path)]
    right = sum(
        max(readings[task_id], key=readings[task_id].__getitem__) is CATEGORIES[label]
        for task_id, _, label in examples
    )
    commonest = max(
        sum(label == c for _, _, label in examples) for c in range(len(CLASSES))
    )
    n = len(examples)
    print(
        f"{n} tasks: the out-of-fold reading's likeliest category is the label's in {right} "
        f"({right / n:.3f}); always the commonest category: {commonest} ({commonest / n:.3f})"
    )


def main() -> int:
    args = training_arguments(__doc__)
    dirs = county_dirs()
    if args.cv:
        cross_validate(dirs, args.cv)
        return 0
    examples = [e for path in dirs.values() for e in county_examples(path)]
    model = train(examples)
    if args.check:
        return report_check(
            OUT, stale_terms(model, default_model()), "bench/intake_category_reader.py"
        )
    OUT.write_text(as_tsv(model, list(dirs), len(examples)), encoding="utf-8")
    print(f"{len(model.terms)} n-grams from {len(examples)} tasks -> {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
