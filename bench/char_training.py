"""What the training scripts of the character n-gram readers share (``intake_pushed_jobs.py``,
``intake_core_reader.py``, ``intake_listed_reader.py``): fitting the regression, exporting it as
a ``CharNgramModel``, and writing or checking the shipped file.

Not a script: the three import it.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from intake_quality import report_check  # noqa: E402
from jiceng.text.char_model import CharNgramModel, normalise  # noqa: E402

# The file keeps six decimals: a value retrained on another machine may round the other way.
TOLERANCE = 2e-6


def fit(
    texts: Sequence[str],
    labels: Sequence[int],
    *,
    orders: tuple[int, int],
    min_df: int,
    c: float,
    balanced: bool = False,
) -> tuple[TfidfVectorizer, LogisticRegression]:
    """A logistic regression over the TF-IDF of the texts' character n-grams, as the readers read
    them (``normalise``, sublinear tf)."""
    vectorizer = TfidfVectorizer(
        analyzer="char",
        preprocessor=normalise,
        ngram_range=orders,
        sublinear_tf=True,
        min_df=min_df,
    )
    model = LogisticRegression(
        C=c, max_iter=5000, class_weight="balanced" if balanced else None
    )
    model.fit(vectorizer.fit_transform(list(texts)), list(labels))
    return vectorizer, model


def exported(
    vectorizer: TfidfVectorizer, model: LogisticRegression, orders: tuple[int, int]
) -> CharNgramModel:
    """The fitted regression as the package reads it, to six decimals."""
    weights = model.coef_[0]
    terms = {
        g: (round(float(vectorizer.idf_[i]), 6), round(float(weights[i]), 6))
        for g, i in vectorizer.vocabulary_.items()
    }
    return CharNgramModel(round(float(model.intercept_[0]), 6), terms, *orders)


def as_tsv(model: CharNgramModel, head: Sequence[str]) -> str:
    """The model file: the comment lines ``head``, the intercept, the orders, one n-gram a line."""
    lines = [
        *(f"# {line}" for line in head),
        f"intercept\t{model.intercept}",
        f"orders\t{model.min_n}\t{model.max_n}",
    ]
    rows = [f"{g}\t{idf}\t{w}" for g, (idf, w) in sorted(model.terms.items())]
    return "\n".join(lines + rows) + "\n"


def stale_terms(trained: CharNgramModel, shipped: CharNgramModel) -> list[str]:
    """What differs between two readers beyond ``TOLERANCE``: n-grams only one has, n-grams
    whose idf or weight moved, the intercept or the n-gram orders."""
    stale = sorted(set(trained.terms) ^ set(shipped.terms))
    stale += sorted(
        g
        for g in set(trained.terms) & set(shipped.terms)
        if any(
            abs(a - b) > TOLERANCE for a, b in zip(trained.terms[g], shipped.terms[g], strict=True)
        )
    )
    if abs(trained.intercept - shipped.intercept) > TOLERANCE:
        stale.append("intercept")
    if (trained.min_n, trained.max_n) != (shipped.min_n, shipped.max_n):
        stale.append("orders")
    return stale


def check_export(
    vectorizer: TfidfVectorizer, model: LogisticRegression, plain: CharNgramModel, texts: list[str]
) -> float:
    """Largest difference between scikit-learn's probabilities and the exported reader's."""
    theirs = model.predict_proba(vectorizer.transform(texts))[:, 1]
    ours = np.array([plain.probability(t) for t in texts])
    return float(np.max(np.abs(theirs - ours)))


def write_or_check(
    *,
    check: bool,
    vectorizer: TfidfVectorizer,
    model: LogisticRegression,
    orders: tuple[int, int],
    texts: list[str],
    out: Path,
    head: Sequence[str],
    shipped: Callable[[], CharNgramModel],
    script: str,
    unit: str,
) -> int:
    """Export the fitted reader and make sure it reads as scikit-learn does (on up to 2,000 of
    the training ``texts``); then with ``check`` compare it with the shipped one (exit 1 when
    stale), else write it to ``out``."""
    plain = exported(vectorizer, model, orders)
    gap = check_export(vectorizer, model, plain, texts[:2000])
    if gap > 1e-4:
        print(f"exported reader differs from scikit-learn by {gap:.2e}", file=sys.stderr)
        return 1
    if check:
        return report_check(out, stale_terms(plain, shipped()), script)
    out.write_text(as_tsv(plain, head), encoding="utf-8")
    print(
        f"{len(plain.terms)} n-grams from {len(texts)} {unit} -> {out.relative_to(ROOT)} "
        f"(largest difference from scikit-learn {gap:.1e})"
    )
    return 0
