"""Small retrieval indexes over a fixed document set: BM25 over weighted term bags, and TF-IDF
cosine over character n-grams (robust to segmentation errors and unseen words).

Both are built once (sparse matrices) and answer a query for every document in one
sparse-vector product, so scoring a task against a few hundred duty items costs microseconds.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence

import numpy as np
from scipy import sparse

TermBag = Mapping[str, float]


class BM25Index:
    """Okapi BM25 over documents given as weighted term bags (field weights fold into tf)."""

    def __init__(self, docs: Sequence[TermBag], *, k1: float = 1.2, b: float = 0.75) -> None:
        self.k1 = k1
        self.b = b
        vocab: dict[str, int] = {}
        rows: list[int] = []
        cols: list[int] = []
        vals: list[float] = []
        lengths = np.zeros(len(docs))
        for i, bag in enumerate(docs):
            for term, tf in bag.items():
                if tf <= 0:
                    continue
                j = vocab.setdefault(term, len(vocab))
                rows.append(i)
                cols.append(j)
                vals.append(tf)
                lengths[i] += tf
        self.vocab = vocab
        n_docs = max(len(docs), 1)
        tf_matrix = sparse.csr_matrix((vals, (rows, cols)), shape=(len(docs), len(vocab)))
        df = np.bincount(cols, minlength=len(vocab)) if cols else np.zeros(len(vocab))
        # BM25+ style floor keeps idf positive for terms in most documents.
        self.idf = np.log(1.0 + (n_docs - df + 0.5) / (df + 0.5))
        avg = lengths.mean() if len(docs) else 1.0
        norm = k1 * (1 - b + b * lengths / (avg or 1.0))
        coo = tf_matrix.tocoo()
        weights = coo.data * (k1 + 1) / (coo.data + norm[coo.row]) * self.idf[coo.col]
        # column-major: a query selects a few term columns
        self.matrix = sparse.csc_matrix((weights, (coo.row, coo.col)), shape=tf_matrix.shape)
        self.n_docs = len(docs)
        self._by_term = _term_rows(self.matrix)
        # plain floats for the per-query loop (numpy scalar indexing costs more than the sum)
        self._idf_list: list[float] = self.idf.tolist()
        self._unseen_idf = math.log(1.0 + (self.n_docs + 0.5) / 0.5)

    def term_idf(self, term: str) -> float:
        j = self.vocab.get(term)
        return float(self.idf[j]) if j is not None else 0.0

    @property
    def unseen_idf(self) -> float:
        """The idf a term absent from every document would have."""
        return self._unseen_idf

    def _query_vector(self, query: TermBag) -> tuple[np.ndarray, np.ndarray, float, float]:
        """The query's known terms (columns, weights) and its idf mass without and with the
        terms no document contains (each summed in the query's own order)."""
        idx: list[int] = []
        val: list[float] = []
        known = whole = 0.0
        vocab = self.vocab
        idf = self._idf_list
        unseen = self._unseen_idf
        for term, w in query.items():
            if w <= 0:
                continue
            j = vocab.get(term)
            if j is None:
                whole += w * unseen
                continue
            idx.append(j)
            val.append(w)
            known += w * idf[j]
            whole += w * idf[j]
        return np.asarray(idx, dtype=np.int64), np.asarray(val), known, whole

    def scores(self, query: TermBag) -> np.ndarray:
        """Raw BM25 score of every document for ``query`` (term → query weight)."""
        idx, val, _, _ = self._query_vector(query)
        if not len(idx):
            return np.zeros(self.n_docs)
        return _gather(self._by_term, idx, val)

    def coverage(self, query: TermBag, *, count_unseen: bool = False) -> np.ndarray:
        """BM25 divided by the query's idf mass: roughly the share of the query each doc covers.

        With ``count_unseen`` the words no document contains weigh in the mass at the highest
        idf, so a query about something absent from the collection scores low everywhere.
        """
        idx, val, known, whole = self._query_vector(query)
        mass = whole if count_unseen else known
        if not len(idx) or mass <= 0:
            return np.zeros(self.n_docs)
        return _gather(self._by_term, idx, val) / mass

    def coverage_both(self, query: TermBag) -> tuple[np.ndarray, np.ndarray]:
        """``coverage`` of ``query`` without and with ``count_unseen``, from one pass over it."""
        idx, val, known, whole = self._query_vector(query)
        if not len(idx):
            return np.zeros(self.n_docs), np.zeros(self.n_docs)
        gathered = _gather(self._by_term, idx, val)
        return (
            gathered / known if known > 0 else np.zeros(self.n_docs),
            gathered / whole if whole > 0 else np.zeros(self.n_docs),
        )

    def coverage_many(
        self, queries: Sequence[TermBag], *, count_unseen: bool = False
    ) -> np.ndarray:
        """``coverage`` of several queries at once: one row per query, one column per document."""
        out = np.zeros((len(queries), self.n_docs))
        for r, query in enumerate(queries):
            idx, val, known, whole = self._query_vector(query)
            mass = whole if count_unseen else known
            if len(idx) and mass > 0:
                out[r] = _gather(self._by_term, idx, val) / mass
        return out


# Term-major weights are kept dense while small (a few hundred items, a few thousand terms): a
# query then costs one numpy gather, without scipy's per-call overhead.
_DENSE_CELLS = 8_000_000


def _term_rows(matrix: sparse.spmatrix) -> np.ndarray | sparse.csr_matrix:
    n_docs, n_terms = matrix.shape
    transposed = sparse.csr_matrix(matrix.T)
    return transposed.toarray() if n_docs * n_terms <= _DENSE_CELLS else transposed


def _gather(
    by_term: np.ndarray | sparse.csr_matrix, idx: np.ndarray, val: np.ndarray
) -> np.ndarray:
    """Sum over the query's terms of weight × the term's row of document scores."""
    if isinstance(by_term, np.ndarray):
        return np.asarray(val @ by_term[idx]).ravel()
    return np.asarray(by_term[idx].T @ val).ravel()


_NGRAM_CHARS = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]+")


def char_ngrams(text: str, sizes: Iterable[int] = (2, 3)) -> Counter[str]:
    """Character n-grams inside runs of CJK/alphanumeric characters (punctuation breaks runs)."""
    grams: Counter[str] = Counter()
    for run in _NGRAM_CHARS.findall(text):
        for n in sizes:
            grams.update(run[i : i + n] for i in range(len(run) - n + 1))
    return grams


class CharNgramIndex:
    """TF-IDF (sublinear tf, l2-normalised) cosine similarity over character 2/3-grams."""

    def __init__(self, docs: Sequence[Sequence[tuple[str, float]]]) -> None:
        bags = [self._weighted_grams(parts) for parts in docs]
        vocab: dict[str, int] = {}
        rows: list[int] = []
        cols: list[int] = []
        vals: list[float] = []
        for i, bag in enumerate(bags):
            for gram, tf in bag.items():
                j = vocab.setdefault(gram, len(vocab))
                rows.append(i)
                cols.append(j)
                vals.append(tf)
        self.vocab = vocab
        n_docs = max(len(docs), 1)
        df = np.bincount(cols, minlength=len(vocab)) if cols else np.zeros(len(vocab))
        self.idf = np.log((1 + n_docs) / (1 + df)) + 1.0
        data = (1 + np.log(np.asarray(vals))) * self.idf[cols] if vals else np.zeros(0)
        matrix = sparse.csr_matrix((data, (rows, cols)), shape=(len(docs), len(vocab)))
        norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        self.matrix = sparse.csc_matrix(sparse.diags(1 / norms) @ matrix)
        self.n_docs = len(docs)
        self._by_gram = _term_rows(self.matrix)
        # sorted gram codes → column, for the vectorised query side
        grams = list(vocab)
        gram_code = np.array([_gram_code(g) for g in grams], dtype=np.int64)
        order = np.argsort(gram_code)
        self._codes = gram_code[order]
        self._code_col = np.array([vocab[grams[i]] for i in order], dtype=np.int64)
        self._code_idf = self.idf[self._code_col] if len(grams) else np.zeros(0)

    @staticmethod
    def _weighted_grams(parts: Sequence[tuple[str, float]]) -> dict[str, float]:
        total: defaultdict[str, float] = defaultdict(float)
        for text, weight in parts:
            for gram, count in char_ngrams(text).items():
                total[gram] += count * weight
        return total

    def cosine(self, parts: Sequence[tuple[str, float]]) -> np.ndarray:
        """Cosine similarity of the weighted query text ``parts`` to every document."""
        codes, tf = _gram_codes(parts)
        if not len(codes):
            return np.zeros(self.n_docs)
        sub = np.where(tf >= 1, 1 + np.log(np.maximum(tf, 1e-12)), tf)
        pos = np.searchsorted(self._codes, codes)
        pos[pos >= len(self._codes)] = 0
        known = self._codes[pos] == codes
        idf = np.where(known, self._code_idf[pos], math.log(1 + self.n_docs) + 1.0)
        weight = np.where(tf > 0, sub * idf, 0.0)
        # Unknown grams still count in the query norm: a query of unseen words is far away.
        norm = math.sqrt(float(weight @ weight))
        if not known.any() or norm == 0:
            return np.zeros(self.n_docs)
        cols = self._code_col[pos[known]]
        return _gather(self._by_gram, cols, weight[known]) / norm


_SEPARATOR = re.compile(r"[^\u4e00-\u9fffA-Za-z0-9]")


def _gram_codes(parts: Sequence[tuple[str, float]]) -> tuple[np.ndarray, np.ndarray]:
    """Distinct character 2/3-gram codes of the weighted ``parts`` and their weighted counts.

    A gram is coded as its code points packed into one int64 (16 bits each: only CJK and ASCII
    alphanumerics are kept), trigrams marked by a high bit; grams never cross a separator
    (punctuation, space), like ``char_ngrams``.
    """
    texts = [_SEPARATOR.sub("\0", text) for text, _ in parts]
    joined = "\0".join(texts)
    if not joined:
        return np.zeros(0, dtype=np.int64), np.zeros(0)
    chars = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    weights = np.concatenate(
        [np.full(len(t) + 1, w) for t, (_, w) in zip(texts, parts, strict=True)]
    )[: len(chars)]
    valid = chars != 0
    codes_list = []
    weight_list = []
    for n in (2, 3):
        if len(chars) < n:
            continue
        ok = valid[: len(chars) - n + 1].copy()
        code = chars[: len(chars) - n + 1].copy()
        for k in range(1, n):
            ok &= valid[k : len(chars) - n + 1 + k]
            code = (code << 16) | chars[k : len(chars) - n + 1 + k]
        codes_list.append(code[ok] + (_TRIGRAM if n == 3 else 0))
        weight_list.append(weights[: len(chars) - n + 1][ok])
    if not codes_list:
        return np.zeros(0, dtype=np.int64), np.zeros(0)
    codes = np.concatenate(codes_list)
    uniq, inverse = np.unique(codes, return_inverse=True)
    tf = np.bincount(inverse, weights=np.concatenate(weight_list), minlength=len(uniq))
    return uniq, tf


_TRIGRAM = 1 << 56


def _gram_code(gram: str) -> int:
    code = 0
    for ch in gram:
        code = (code << 16) | ord(ch)
    return code + (_TRIGRAM if len(gram) == 3 else 0)
