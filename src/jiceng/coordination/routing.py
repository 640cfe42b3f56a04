"""Routing a coordination ticket from the township's duty list, and spotting duplicates. Pure.

The ticket's category and description are searched against the duty items in force for the
township (BM25 over words and governance synonym groups, plus character n-gram cosine, from
``jiceng.text``). The best items say who should act: a cooperating item's lead department leads,
a returned item's department must do the work itself, and a basic item is the township's own
duty — the suggestion says so instead of pushing the township's work onto a department.
"""

from __future__ import annotations

import re
import tomllib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import numpy as np
from rapidfuzz import fuzz

from jiceng.duties.items import Category, DutyItem
from jiceng.text.retrieval import BM25Index, CharNgramIndex, char_ngrams
from jiceng.text.synonyms import SynonymLexicon, default_lexicon
from jiceng.text.tokenize import content_tokens

Parts = list[tuple[str, float]]


@cache
def routing_policy() -> dict[str, Any]:
    text = (resources.files("jiceng.coordination") / "data" / "routing.toml").read_text("utf-8")
    return tomllib.loads(text)


@dataclass(frozen=True)
class ItemMatch:
    item: DutyItem
    score: float


@dataclass
class RoutingSuggestion:
    lead: str | None  # department name as the duty list writes it
    cooperating: list[str] = field(default_factory=list)
    township_own: bool = False  # the best item is a basic item: the township's own duty
    matches: list[ItemMatch] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)


def split_departments(text: str) -> list[str]:
    """The department names of a lead-department cell, in order, without duplicates."""
    separators = routing_policy()["departments"]["separators"]
    pattern = "|".join(re.escape(s) for s in separators)
    names = [n.strip(" （）()") for n in re.split(pattern, text or "") if n.strip()]
    return list(dict.fromkeys(n for n in names if n))


def _core(name: str) -> str:
    core = name
    for word in routing_policy()["departments"]["generic"]:
        core = core.replace(word, "")
    return core


def resolve_department(name: str, known: Sequence[str]) -> str | None:
    """The organisation name in ``known`` that ``name`` (as a duty list writes it) stands for.

    Exact name first, then one containing the other ("县民政局" / "民政局"), then the distinctive
    core of the names ("市场监管" in both), then a fuzzy match above the configured floor.
    Ambiguous or weak matches give None: the dispatcher decides, the engine does not guess.
    """
    name = name.strip()
    if not name:
        return None
    if name in known:
        return name
    contained = [k for k in known if name in k or k in name]
    if len(contained) == 1:
        return contained[0]
    core = _core(name)
    if len(core) >= 2:
        by_core = [
            k for k in known if core in _core(k) or (len(_core(k)) >= 2 and _core(k) in core)
        ]
        if len(by_core) == 1:
            return by_core[0]
    floor = routing_policy()["departments"]["min_fuzzy"]
    scored = sorted(((fuzz.ratio(core, _core(k)), k) for k in known), reverse=True)
    if scored and scored[0][0] >= floor and (len(scored) == 1 or scored[1][0] < scored[0][0]):
        return scored[0][1]
    return None


def _bag(parts: Parts, lexicon: SynonymLexicon) -> dict[str, float]:
    bag: defaultdict[str, float] = defaultdict(float)
    for text, weight in parts:
        for token in content_tokens(text):
            bag[token] += weight
        for token in lexicon.group_tokens(text):
            bag[token] += weight
    return bag


class TicketRouter:
    """Built once per duty list version; ``suggest`` answers in milliseconds."""

    def __init__(self, items: Sequence[DutyItem], lexicon: SynonymLexicon | None = None) -> None:
        self.items = list(items)
        self.lexicon = lexicon or default_lexicon()
        policy = routing_policy()
        self.scores_policy = policy["scores"]
        w = policy["fields"]
        self.query_weights = (w["ticket_category"], w["ticket_description"])
        docs: list[Parts] = [
            [
                (item.name, w["name"]),
                (item.content, w["content"]),
                (item.domain, w["domain"]),
                (item.township_role, w["township_role"]),
            ]
            for item in self.items
        ]
        self.bm25 = BM25Index([_bag(parts, self.lexicon) for parts in docs])
        self.chars = CharNgramIndex(docs)

    def scores(self, category: str, description: str) -> np.ndarray:
        if not self.items:
            return np.zeros(0)
        parts: Parts = [(category, self.query_weights[0]), (description, self.query_weights[1])]
        coverage = np.minimum(self.bm25.coverage(_bag(parts, self.lexicon)), 1.0)
        cosine = self.chars.cosine(parts)
        p = self.scores_policy
        return p["bm25_weight"] * coverage + p["char_weight"] * cosine

    def suggest(self, category: str, description: str) -> RoutingSuggestion:
        p = self.scores_policy
        scores = self.scores(category, description)
        order = [int(i) for i in np.argsort(-scores)] if len(scores) else []
        strong = [i for i in order if scores[i] >= p["min_score"]]
        if not strong:
            return RoutingSuggestion(
                lead=None,
                reasons=[
                    "履职事项清单中没有与该问题相符的事项，请县级调度员根据实际情况指定牵头部门。"
                ],
            )
        best_score = float(scores[strong[0]])
        close = [i for i in strong if scores[i] >= best_score * p["cooperating_ratio"]]
        matches = [
            ItemMatch(self.items[i], round(float(scores[i]), 4)) for i in strong[: int(p["top_k"])]
        ]
        best = self.items[strong[0]]
        reasons = [
            "相符事项："
            + "；".join(
                f"{m.item.id}「{m.item.name}」（{m.item.category.label}，相似度 {m.score:.2f}）"
                for m in matches
            )
        ]
        suggestion = RoutingSuggestion(lead=None, matches=matches, reasons=reasons)
        departments: list[tuple[str, DutyItem]] = []
        for i in close:
            item = self.items[i]
            if item.category is Category.BASIC:
                continue
            departments.extend((name, item) for name in split_departments(item.lead_department))
        if best.category is Category.BASIC:
            suggestion.township_own = True
            reasons.append(
                f"最相符的事项 {best.id}「{best.name}」是基本履职事项，属乡镇（街道）自身职责，"
                "原则上由乡镇自行办理；确需部门支持的，由县级调度员指定部门协助。"
            )
        if departments:
            lead_name, lead_item = departments[0]
            suggestion.lead = lead_name
            if lead_item.category is Category.RETURNED:
                reasons.append(
                    f"事项 {lead_item.id}「{lead_item.name}」是上级部门收回事项，应由{lead_name}自行承担，建议其牵头。"
                )
            else:
                reasons.append(
                    f"事项 {lead_item.id}「{lead_item.name}」的牵头（主管）部门为{lead_name}，建议其牵头办理。"
                )
            cooperating = list(dict.fromkeys(n for n, _ in departments[1:] if n != lead_name))
            suggestion.cooperating = cooperating[: int(p["max_cooperating"])]
            for name in suggestion.cooperating:
                item = next(it for n, it in departments if n == name)
                reasons.append(
                    f"{name}是相关事项 {item.id}「{item.name}」的牵头或参与部门，建议配合。"
                )
        elif not suggestion.township_own:
            reasons.append("相符事项未写明牵头部门，请县级调度员指定。")
        return suggestion


@dataclass(frozen=True)
class DuplicateCandidate:
    ticket_id: int
    similarity: float


def text_similarity(a: str, b: str) -> float:
    """Mean of the normalised edit similarity and the Dice overlap of character bigrams.

    Two townships describing one pothole use different words but many of the same characters
    in a similar order; both signals reward that, and neither needs a corpus.
    """
    grams_a, grams_b = set(char_ngrams(a, (2,))), set(char_ngrams(b, (2,)))
    dice = (
        2 * len(grams_a & grams_b) / (len(grams_a) + len(grams_b)) if grams_a and grams_b else 0.0
    )
    return (fuzz.ratio(a, b) / 100 + dice) / 2


def duplicate_candidates(
    text: str, others: Sequence[tuple[int, str]], *, min_similarity: float | None = None
) -> list[DuplicateCandidate]:
    """Open tickets whose description reads like ``text`` (most similar first)."""
    floor = (
        routing_policy()["duplicates"]["min_similarity"]
        if min_similarity is None
        else min_similarity
    )
    found = [DuplicateCandidate(tid, round(text_similarity(text, body), 4)) for tid, body in others]
    return sorted((d for d in found if d.similarity >= floor), key=lambda d: -d.similarity)
