"""Checking a township's purchase request against the negative list and the county catalogue.

Pure. The negative classes (``data/negative_list.toml``) come from 《政府购买服务管理办法》
(财政部令第102号) and related rules; the positive and county-negative items come from the county's
guidance catalogue (指导目录). Every verdict carries its reasons with the evidence and the clause:

* ``forbidden`` — a negative-list class or a county negative item matched (the evidence is quoted);
* ``allowed``   — no negative match and the request is a catalogue item;
* ``review``    — outside the catalogue, or only possibly negative (a person decides).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from jiceng.text.retrieval import CharNgramIndex
from jiceng.text.synonyms import default_lexicon
from jiceng.text.tokenize import content_tokens

VERDICT_LABELS = {"forbidden": "不得购买", "allowed": "可以购买", "review": "需人工审核"}
GUARD_WINDOW = 4
_CLAUSE_BREAK = re.compile(r"[，,。；;！!？?\n]")


@cache
def _data(name: str) -> dict[str, Any]:
    path = resources.files("jiceng.procurement") / "data" / f"{name}.toml"
    return tomllib.loads(path.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class NegativeClass:
    code: str
    label: str
    clause: str
    keywords: tuple[str, ...]
    guarded: tuple[tuple[str, tuple[str, ...]], ...]
    auxiliary: tuple[str, ...]
    description: str


def negative_classes() -> list[NegativeClass]:
    return [
        NegativeClass(
            code=code,
            label=entry["label"],
            clause=entry["clause"],
            keywords=tuple(entry.get("keywords", ())),
            guarded=tuple((g["word"], tuple(g["requires"])) for g in entry.get("guarded", ())),
            auxiliary=tuple(entry.get("auxiliary", ())),
            description=entry.get("description", ""),
        )
        for code, entry in _data("negative_list").items()
    ]


@dataclass(frozen=True)
class CatalogueEntry:
    code: str
    name: str
    description: str = ""
    category: str = ""
    negative: bool = False  # a county negative-list item
    reason: str = ""  # why a county negative item is excluded


@dataclass(frozen=True)
class Hit:
    code: str
    label: str
    clause: str
    evidence: str
    start: int
    end: int
    auxiliary: bool = False


@dataclass(frozen=True)
class PurchaseCheck:
    verdict: str
    reasons: list[str]
    negative_hits: list[Hit] = field(default_factory=list)
    catalogue_item: str | None = None  # code of the matched positive item
    catalogue_score: float = 0.0
    candidates: list[tuple[str, float]] = field(default_factory=list)

    @property
    def verdict_label(self) -> str:
        return VERDICT_LABELS[self.verdict]


def _negated(text: str, start: int) -> bool:
    rules = _data("checker")
    window = text[max(0, start - int(rules["negation_window"])) : start]
    window = _CLAUSE_BREAK.split(window)[-1]
    return any(n in window for n in rules["negations"])


def _sentence(text: str, start: int, end: int) -> str:
    left = max((m.end() for m in re.finditer(r"[。；;！!？?\n]", text[:start])), default=0)
    right_match = re.search(r"[。；;！!？?\n]", text[end:])
    right = end + right_match.start() if right_match else len(text)
    return text[left:right]


def find_negative_hits(text: str, classes: Sequence[NegativeClass] | None = None) -> list[Hit]:
    """Keyword evidence of each negative class, skipping negated mentions; one hit per class."""
    hits: list[Hit] = []
    for cls in classes if classes is not None else negative_classes():
        candidates: list[tuple[int, str]] = []
        for word in cls.keywords:
            candidates.extend((m.start(), word) for m in re.finditer(re.escape(word), text))
        for word, requires in cls.guarded:
            for m in re.finditer(re.escape(word), text):
                # The context must stand right beside the word ("建设工程", "设备采购"), not
                # anywhere in the sentence ("平安建设宣传和民生工程调查" is no works).
                near = text[max(0, m.start() - GUARD_WINDOW) : m.end() + GUARD_WINDOW]
                if any(r in near for r in requires):
                    candidates.append((m.start(), word))
        for start, word in sorted(candidates, key=lambda c: (c[0], -len(c[1]))):
            if _negated(text, start):
                continue
            sentence = _sentence(text, start, start + len(word))
            auxiliary = any(a in sentence for a in cls.auxiliary)
            hits.append(
                Hit(cls.code, cls.label, cls.clause, word, start, start + len(word), auxiliary)
            )
            break
    return hits


class PurchaseChecker:
    """Built once per catalogue; ``check`` is then cheap."""

    def __init__(self, catalogue: Sequence[CatalogueEntry]) -> None:
        self.catalogue = list(catalogue)
        self.classes = negative_classes()
        self.rules = _data("checker")
        self.index = (
            CharNgramIndex(
                [[(e.name, 2.0), (e.description, 1.0), (e.category, 0.5)] for e in self.catalogue]
            )
            if self.catalogue
            else None
        )
        self.name_terms = [_terms(e.name) for e in self.catalogue]
        self.body_terms = [_terms(f"{e.name} {e.description}") for e in self.catalogue]
        self.class_index = CharNgramIndex(
            [[(c.label, 1.0), (c.description, 2.0)] for c in self.classes]
        )

    def check(self, title: str, description: str = "") -> PurchaseCheck:
        text = f"{title}\n{description}".strip()
        if not text:
            return PurchaseCheck("review", ["申请内容为空，无法判断。"])
        reasons: list[str] = []
        hits = find_negative_hits(text, self.classes)
        firm = [h for h in hits if not h.auxiliary]
        soft = [h for h in hits if h.auxiliary]
        ranked = self._rank(title, description)
        best_code, best_score = ranked[0] if ranked else (None, 0.0)
        best = next((e for e in self.catalogue if e.code == best_code), None)
        for h in firm:
            reasons.append(f"属于负面清单“{h.label}”：申请中写有“{h.evidence}”。依据：{h.clause}")
        if (
            best is not None
            and best.negative
            and best_score >= float(self.rules["catalogue_match"])
        ):
            firm_item = (
                f"与本县指导目录负面清单“{best.code} {best.name}”相符（相似度 {best_score:.2f}）"
            )
            reasons.append(firm_item + (f"：{best.reason}" if best.reason else "。"))
            return PurchaseCheck("forbidden", reasons, hits, None, best_score, ranked[:5])
        if firm:
            return PurchaseCheck("forbidden", reasons, hits, None, best_score, ranked[:5])
        for h in soft:
            reasons.append(
                f"疑似“{h.label}”（“{h.evidence}”），但申请写明为辅助性服务：第九条允许购买履职所需辅助性服务，"
                f"须人工确认不涉及{h.label}本身。依据：{h.clause}"
            )
        semantic = self.class_index.cosine([(text, 1.0)]) if not hits else None
        if semantic is not None:
            for cls, score in zip(self.classes, semantic, strict=True):
                if score >= float(self.rules["negative_semantic"]):
                    reasons.append(
                        f"内容与负面清单“{cls.label}”相近（相似度 {score:.2f}），请人工核实。依据：{cls.clause}"
                    )
                    soft.append(Hit(cls.code, cls.label, cls.clause, "", 0, 0, True))
        if (
            best is not None
            and not best.negative
            and best_score >= float(self.rules["catalogue_match"])
        ):
            reasons.append(
                f"属于本县指导目录“{best.code} {best.name}”（相似度 {best_score:.2f}）。"
            )
            verdict = "review" if soft else "allowed"
            return PurchaseCheck(
                verdict,
                reasons,
                hits + [h for h in soft if h not in hits],
                best.code,
                best_score,
                ranked[:5],
            )
        if best is not None and best_score >= float(self.rules["catalogue_possible"]):
            reasons.append(
                f"未确定属于指导目录，最接近“{best.code} {best.name}”（相似度 {best_score:.2f}），请人工核实。"
            )
        else:
            reasons.append(
                "不在本县政府购买服务指导目录内：目录外事项不得购买，除非按程序调整目录（财政部令第102号第十一条）。"
            )
        return PurchaseCheck(
            "review",
            reasons,
            hits + [h for h in soft if h not in hits],
            None,
            best_score,
            ranked[:5],
        )

    def _rank(self, title: str, description: str) -> list[tuple[str, float]]:
        """Items by a blend of word coverage of the item's name, word overlap with its content
        and character n-gram cosine (weights in checker.toml), so a paraphrase still finds it."""
        if self.index is None:
            return []
        weights = self.rules["weights"]
        cosine = self.index.cosine([(title, 2.0), (description, 1.0)])
        request = _terms(f"{title} {description}")
        scored = []
        for i, entry in enumerate(self.catalogue):
            name_terms = self.name_terms[i]
            body_terms = self.body_terms[i]
            name_cover = len(name_terms & request) / len(name_terms) if name_terms else 0.0
            overlap = (
                len(body_terms & request) / min(len(body_terms), len(request))
                if body_terms and request
                else 0.0
            )
            score = (
                weights["name"] * name_cover
                + weights["content"] * overlap
                + weights["cosine"] * float(cosine[i])
            )
            scored.append((entry.code, round(score, 4)))
        scored.sort(key=lambda pair: -pair[1])
        return [pair for pair in scored[:10] if pair[1] > 0]


def _terms(text: str) -> set[str]:
    """Content words without the generic procurement vocabulary, plus synonym-group tokens."""
    generic = set(_data("checker")["generic_words"])
    words = {w for w in content_tokens(text) if w not in generic}
    return words | set(default_lexicon().group_tokens(text))
