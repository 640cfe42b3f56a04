"""A logistic regression over the character n-grams of a text, shipped as plain data.

The learned readers of the intake engine (``jiceng.intake.pushed_jobs``: a department's own job
pushed down; ``jiceng.intake.core_reader``: a notice whose core is formalism) are each such a model:
TF-IDF weights of character 1–3-grams, as scikit-learn's ``TfidfVectorizer(analyzer="char",
sublinear_tf=True, preprocessor=normalise)`` computes them, into a ``LogisticRegression``. Their
training scripts in ``bench/`` write the vocabulary, idf and weights as a TSV file, so screening needs
no scikit-learn and no pickled object, and a reviewer can read what the model weighs.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import numpy as np

_WHITESPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Lower case, every run of whitespace one space (a line break inside a sentence is not a
    word): the preprocessing of training (``TfidfVectorizer(preprocessor=normalise)``) and of
    screening alike."""
    return _WHITESPACE.sub(" ", text).lower()


@dataclass(frozen=True)
class CharNgramModel:
    """``terms``: character n-gram → (idf, weight); ``intercept``: the regression's bias."""

    intercept: float
    terms: Mapping[str, tuple[float, float]]
    min_n: int = 1
    max_n: int = 3
    # the terms as sorted integer codes (``_gram_codes``) with a sentinel, their idf and weight
    _lookup: np.ndarray = field(init=False, repr=False, compare=False)
    _idf: np.ndarray = field(init=False, repr=False, compare=False)
    _weight: np.ndarray = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        grams, order, lookup = _indexed(self.terms, self.min_n, self.max_n)
        values = np.array([self.terms[g] for g in grams], dtype=float).reshape(-1, 2)
        object.__setattr__(self, "_lookup", lookup)
        object.__setattr__(self, "_idf", values[order, 0])
        object.__setattr__(self, "_weight", values[order, 1])

    def _counts(self, sentence: str) -> dict[str, int]:
        """How often each known n-gram occurs in the sentence (unknown ones count for nothing,
        in the norm either). Counting every n-gram first and then keeping the known ones is
        faster than testing each as it is cut."""
        text = normalise(sentence)
        grams = Counter(
            [
                text[i : i + n]
                for n in range(self.min_n, self.max_n + 1)
                for i in range(len(text) - n + 1)
            ]
        )
        known = self.terms
        return {g: c for g, c in grams.items() if g in known}

    def _weighted(self, sentence: str) -> dict[str, float]:
        """The sentence's TF-IDF weights over the known n-grams (sublinear tf), before the L2
        normalisation ``probability`` divides by, in the order of their codes."""
        counts = sorted(self._counts(sentence).items(), key=lambda gc: _gram_code(gc[0]))
        return {g: self.terms[g][0] * (1.0 if c == 1 else 1.0 + math.log(c)) for g, c in counts}

    def probability(self, sentence: str) -> float:
        """The model's probability of the positive class for ``sentence`` (0–1).

        Screening's hot path, so worked out over integer codes of the sentence's n-grams with
        numpy: each code is looked up among the model's, and only the known ones are counted.
        The sums run in the order of the codes, as a loop over ``_weighted`` would add them."""
        z = self.intercept
        found = _known_tf_idf(self._lookup, self._idf, sentence, self.min_n, self.max_n)
        if found is not None:
            at, v = found
            # (cumulative sums add left to right, one term at a time, like a loop)
            dot = float(np.cumsum(v * self._weight[at])[-1])
            squares = float(np.cumsum(v * v)[-1])
            z += dot / math.sqrt(squares) if squares else 0.0
        return 1.0 / (1.0 + math.exp(-z))

    def strongest(self, sentence: str, k: int = 3) -> list[str]:
        """The n-grams that weighed most for the reading, longest first among equals, for the
        reason (the normalisation scales every one alike). None is shown inside another: a
        longer one takes the place of a shorter one it holds ("另外" for "另"). Only n-grams of
        letters and digits are shown: "。另" weighs as a sentence opening with 另, but a reviewer
        reads it as noise."""
        ranked = sorted(
            ((v * self.terms[g][1], len(g), g) for g, v in self._weighted(sentence).items()),
            reverse=True,
        )
        shown: list[str] = []
        for contribution, _, g in ranked:
            if contribution <= 0 or len(shown) == k:
                break
            if all(ch.isalnum() for ch in g) and not any(g in s for s in shown):
                shown = [s for s in shown if s not in g] + [g]
        return shown


@dataclass(frozen=True)
class CharNgramClassifier:
    """A multinomial logistic regression over the same TF-IDF of character n-grams: which of
    several ``classes`` a text is (``jiceng.intake.category_reader``). ``terms``: n-gram → (idf,
    one weight per class, in ``classes`` order); ``intercepts``: one bias per class."""

    classes: tuple[str, ...]
    intercepts: tuple[float, ...]
    terms: Mapping[str, tuple[float, tuple[float, ...]]]
    min_n: int = 1
    max_n: int = 3
    _lookup: np.ndarray = field(init=False, repr=False, compare=False)
    _idf: np.ndarray = field(init=False, repr=False, compare=False)
    _weights: np.ndarray = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        k = len(self.classes)
        if k < 2 or len(self.intercepts) != k or len(set(self.classes)) != k:
            raise ValueError(f"类别应至少两个、互不相同，且每个类别一个截距（实为 {self.classes}）")
        grams, order, lookup = _indexed(self.terms, self.min_n, self.max_n)
        if any(len(self.terms[g][1]) != k for g in grams):
            raise ValueError(f"每个字串应有 {k} 个权重（每个类别一个）")
        idf = np.array([self.terms[g][0] for g in grams], dtype=float)
        weights = np.array([self.terms[g][1] for g in grams], dtype=float).reshape(-1, k)
        object.__setattr__(self, "_lookup", lookup)
        object.__setattr__(self, "_idf", idf[order])
        object.__setattr__(self, "_weights", weights[order])

    def probabilities(self, text: str) -> dict[str, float]:
        """Each class's probability for ``text`` (they sum to 1)."""
        z = np.array(self.intercepts, dtype=float)
        found = _known_tf_idf(self._lookup, self._idf, text, self.min_n, self.max_n)
        if found is not None:
            at, v = found
            norm = math.sqrt(float(v @ v))
            if norm:
                z = z + (v @ self._weights[at]) / norm
        e = np.exp(z - z.max())
        return dict(zip(self.classes, (e / e.sum()).tolist(), strict=True))


def _indexed(
    terms: Mapping[str, object], min_n: int, max_n: int
) -> tuple[list[str], np.ndarray, np.ndarray]:
    """A model's n-grams (1–3 characters: no other can occur), the order that sorts their codes,
    and the sorted codes with a sentinel after the last: where a code past them all would be
    inserted, it is met by a value no n-gram's code can take."""
    if not 1 <= min_n <= max_n <= 3:
        raise ValueError(f"字串长度范围应在 1–3 之间，实为 {min_n}–{max_n}")
    grams = [g for g in terms if 1 <= len(g) <= 3]
    codes = np.array([_gram_code(g) for g in grams], dtype=np.uint64)
    order = np.argsort(codes, kind="stable")
    return grams, order, np.append(codes[order], _NO_GRAM)


def _known_tf_idf(
    lookup: np.ndarray, idf: np.ndarray, text: str, min_n: int, max_n: int
) -> tuple[np.ndarray, np.ndarray] | None:
    """The positions (among a model's sorted codes, ``lookup`` with its sentinel) of the n-grams
    of ``text`` the model knows, in code order, and their TF-IDF weights before normalisation
    (sublinear tf; unknown n-grams count for nothing, in the norm either); None when it knows
    none. Each code is looked up among the model's, and only the known ones are counted."""
    grams = _gram_codes(normalise(text), min_n, max_n)
    if not len(grams) or len(lookup) < 2:
        return None
    # (sorted first: a long text's sorted codes are found faster, and their positions come out
    # sorted, so each n-gram's repeats stand together and are counted without sorting again)
    grams.sort()
    at = np.searchsorted(lookup[:-1], grams)
    at = at[lookup[at] == grams]
    if not len(at):
        return None
    first = np.empty(len(at), dtype=bool)
    first[0] = True
    np.not_equal(at[1:], at[:-1], out=first[1:])
    starts = np.flatnonzero(first)
    counts = np.diff(starts, append=len(at))
    at = at[starts]
    return at, idf[at] * _sublinear(counts)


# An n-gram's code: its characters' code points (21 bits each) packed into one unsigned 64-bit
# integer, each length in a range of its own (1-grams below 2**21, 2-grams from 2**42, 3-grams
# from 2**63).
_OFFSETS = {1: 0, 2: 1 << 42, 3: 1 << 63}
# above every code: a 3-gram's is at most 2**63 + 3 × 21 bits of code points up to U+10FFFF
_NO_GRAM = np.uint64(2**64 - 1)


def _gram_code(gram: str) -> int:
    code = 0
    for ch in gram:
        code = (code << 21) | ord(ch)
    return code + _OFFSETS[len(gram)]


def _gram_codes(text: str, min_n: int, max_n: int) -> np.ndarray:
    """The codes of every n-gram of ``text`` (all 1-grams, then all 2-grams, ...), repeats
    included."""
    chars = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    blocks = []
    for n in range(min_n, max_n + 1):
        if len(chars) < n:
            break
        code = chars[: len(chars) - n + 1].copy()
        for k in range(1, n):
            code = (code << np.uint64(21)) | chars[k : len(chars) - n + 1 + k]
        blocks.append(code + np.uint64(_OFFSETS[n]))
    return np.concatenate(blocks) if blocks else np.zeros(0, dtype=np.uint64)


# 1 + ln(count), worked out with math.log: the floats ``_weighted`` uses
_SUBLINEAR = np.array([1.0, 1.0, *(1.0 + math.log(c) for c in range(2, 256))])


def _sublinear(counts: np.ndarray) -> np.ndarray:
    if counts.max() < len(_SUBLINEAR):
        return _SUBLINEAR[counts]
    return np.array([1.0 if c == 1 else 1.0 + math.log(c) for c in counts.tolist()])


@cache
def packaged_model(package: str, filename: str) -> CharNgramModel:
    """A model file shipped in the ``data`` folder of ``package`` (read once)."""
    text = resources.files(package).joinpath("data", filename).read_text("utf-8")
    return load_char_model(text, source=filename)


def load_char_model(text: str, *, source: str) -> CharNgramModel:
    """Parse the model: ``#`` comment lines, then ``intercept<TAB>b``, ``orders<TAB>1<TAB>3`` and
    one ``n-gram<TAB>idf<TAB>weight`` line per term (an n-gram may itself start with ``#``, so
    comments come only before the first data line)."""
    intercept: float | None = None
    orders = (1, 3)
    terms: dict[str, tuple[float, float]] = {}
    in_header = True
    for number, line in enumerate(text.split("\n"), start=1):
        if not line or (in_header and line.startswith("#")):
            continue
        in_header = False
        fields = line.split("\t")
        key, values = fields[0], fields[1:]
        expected = 1 if key == "intercept" else 2
        if len(values) != expected:
            raise ValueError(f"{source} 第 {number} 行：应为“字串、逆文档频率、权重”三列")
        try:
            numbers = [float(v) for v in values]
        except ValueError:
            raise ValueError(f"{source} 第 {number} 行：数值格式不正确") from None
        if key == "intercept":
            intercept = numbers[0]
        elif key == "orders":
            orders = (int(numbers[0]), int(numbers[1]))
            if not 1 <= orders[0] <= orders[1] <= 3:
                raise ValueError(f"{source} 第 {number} 行：字串长度范围应在 1–3 之间")
        else:
            terms[key] = (numbers[0], numbers[1])
    if intercept is None:
        raise ValueError(f"{source}：缺少 intercept 行")
    return CharNgramModel(intercept, terms, *orders)


@cache
def packaged_classifier(package: str, filename: str) -> CharNgramClassifier:
    """A classifier file shipped in the ``data`` folder of ``package`` (read once)."""
    text = resources.files(package).joinpath("data", filename).read_text("utf-8")
    return load_char_classifier(text, source=filename)


def load_char_classifier(text: str, *, source: str) -> CharNgramClassifier:
    """Parse a classifier: ``#`` comment lines, then ``classes<TAB>name…``, ``intercept<TAB>b…``
    (one per class), ``orders<TAB>1<TAB>2`` and one ``n-gram<TAB>idf<TAB>weight…`` line per term
    (one weight per class)."""
    classes: tuple[str, ...] = ()
    intercepts: tuple[float, ...] | None = None
    orders = (1, 3)
    terms: dict[str, tuple[float, tuple[float, ...]]] = {}
    in_header = True
    for number, line in enumerate(text.split("\n"), start=1):
        if not line or (in_header and line.startswith("#")):
            continue
        in_header = False
        key, *values = line.split("\t")
        if key == "classes":
            classes = tuple(values)
            continue
        if not classes:
            raise ValueError(f"{source} 第 {number} 行：classes 行应在最前")
        expected = {"intercept": len(classes), "orders": 2}.get(key, 1 + len(classes))
        if len(values) != expected:
            raise ValueError(f"{source} 第 {number} 行：应有 {expected + 1} 列")
        try:
            numbers = [float(v) for v in values]
        except ValueError:
            raise ValueError(f"{source} 第 {number} 行：数值格式不正确") from None
        if key == "intercept":
            intercepts = tuple(numbers)
        elif key == "orders":
            orders = (int(numbers[0]), int(numbers[1]))
        else:
            terms[key] = (numbers[0], tuple(numbers[1:]))
    if intercepts is None:
        raise ValueError(f"{source}：缺少 intercept 行")
    return CharNgramClassifier(classes, intercepts, terms, *orders)
