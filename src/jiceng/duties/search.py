"""Chinese full-text search over duty items for the browse page (pure, in memory).

Terms are jieba search-mode words plus character bigrams: words rank exact matches, bigrams
catch what the dictionary splits differently ("燃气安全" vs "燃气 安全隐患"). Scoring is BM25
with field weights (name counts most, basis least); ids match exactly ("PH-003", "ph003").
A township list has ~50–200 items, so a plain inverted index is more than fast enough.
"""

from __future__ import annotations

import logging
import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable

import jieba

from jiceng.duties.items import DutyItem

__all__ = ["DutySearchIndex", "search_terms"]

jieba.setLogLevel(logging.WARNING)

# Field weights: a query word in the item name says more than one in its legal basis.
FIELD_WEIGHTS = {
    "name": 3.0,
    "content": 1.0,
    "township_role": 1.0,
    "domain": 1.5,
    "lead_department": 1.5,
    "basis": 0.5,
}
K1, B = 1.2, 0.75
_SPLIT = re.compile(r"[^\w]+")
_CJK = re.compile(r"[\u4e00-\u9fff]")
# Words too common in duty lists to discriminate between items.
_STOP = frozenset(
    [
        "的",
        "和",
        "与",
        "及",
        "等",
        "做好",
        "开展",
        "配合",
        "负责",
        "工作",
        "有关",
        "相关",
        "对",
        "在",
        "按",
        "将",
        "为",
    ]
)


def _normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


def search_terms(text: str) -> list[str]:
    """Index/query terms of ``text``: jieba words and CJK character bigrams."""
    text = _normalise(text)
    terms: list[str] = []
    for chunk in _SPLIT.split(text):
        if not chunk:
            continue
        terms.extend(w for w in jieba.cut_for_search(chunk) if w.strip() and w not in _STOP)
        cjk = "".join(ch if _CJK.match(ch) else " " for ch in chunk)
        for run in cjk.split():
            terms.extend(run[i : i + 2] for i in range(len(run) - 1))
    return terms


def _id_key(text: str) -> str:
    return re.sub(r"[^0-9a-z]", "", _normalise(text))


class DutySearchIndex:
    """``DutySearchIndex(items).search("燃气 排查", limit=10)`` → ``[(item_id, score), ...]``."""

    def __init__(self, items: Iterable[DutyItem]) -> None:
        self._ids: list[str] = []
        self._id_keys: dict[str, str] = {}
        self._tf: list[dict[str, float]] = []
        self._lengths: list[float] = []
        df: Counter[str] = Counter()
        for item in items:
            weighted: dict[str, float] = defaultdict(float)
            for field, weight in FIELD_WEIGHTS.items():
                for term in search_terms(getattr(item, field)):
                    weighted[term] += weight
            self._ids.append(item.id)
            self._id_keys[_id_key(item.id)] = item.id
            self._tf.append(weighted)
            self._lengths.append(sum(weighted.values()))
            df.update(weighted.keys())
        n = len(self._ids)
        self._avg_length = (sum(self._lengths) / n) if n else 1.0
        self._idf = {t: math.log(1 + (n - f + 0.5) / (f + 0.5)) for t, f in df.items()}
        self._postings: dict[str, list[int]] = defaultdict(list)
        for doc, tf in enumerate(self._tf):
            for term in tf:
                self._postings[term].append(doc)

    def __len__(self) -> int:
        return len(self._ids)

    def search(self, query: str, limit: int = 20) -> list[tuple[str, float]]:
        """Best items first; an exact id in the query comes first with the top score."""
        scores: dict[int, float] = defaultdict(float)
        for term, count in Counter(search_terms(query)).items():
            idf = self._idf.get(term)
            if idf is None:
                continue
            for doc in self._postings[term]:
                tf = self._tf[doc][term]
                norm = (
                    tf * (K1 + 1) / (tf + K1 * (1 - B + B * self._lengths[doc] / self._avg_length))
                )
                scores[doc] += idf * norm * count
        ranked = sorted(
            ((self._ids[d], round(s, 4)) for d, s in scores.items()), key=lambda r: (-r[1], r[0])
        )
        exact = [self._id_keys[k] for k in map(_id_key, query.split()) if k in self._id_keys]
        if exact:
            top = (ranked[0][1] if ranked else 0.0) + 1.0
            ranked = [(i, top) for i in exact] + [r for r in ranked if r[0] not in exact]
        return ranked[: max(limit, 0)]
