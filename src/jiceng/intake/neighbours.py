"""A learned arbiter between near neighbours: the 基本 / 配合 / 收回 items one topic carries.

Retrieval and the precedence rules (``jiceng.intake.precedence``) pick the item a task falls
under. Where a close candidate is an item of the same domain in another category (the 基本,
配合 or 收回 neighbour of the pick; ``same_topic_rivals``), the pick is the judgement that decides
the label rule (rule 1, 2/3 or 4), and the hand-made rules weigh only a few signals at a time.
This arbiter weighs them together: a logistic regression over some twenty-five signals of the
pair — how close the two scores are, which categories they are, whether the sender
plausibly leads each, whether an asked act is one either item names, how much the notice's
characters resemble each item's name and content and each one's ``township_role``, how much
the clauses asking a department's act resemble each item's name (the sample README's precedence:
the act asked is itself a 收回 item), and how much likelier a learned reading of the notice's
wording finds the rival's category than the pick's (``jiceng.intake.category_reader``; added in
session 24: under county-fold cross-validation the arbiter then moved 38 pairs rightly and 10
wrongly at its threshold, against 24 and 6 without it).

Its weights ship as data (``data/neighbours.toml``), trained by ``bench/intake_neighbours.py`` on
the studied counties' tasks where the engine without the arbiter left such a pair (never the
sample or the held-out counties). It weighs only neighbours scoring at least the file's
``rival_floor`` of the pick and moves a task to one only at or above its ``threshold`` (to the
likeliest, when two are); the reason says the judgement is learned, names the signals that
weighed most and asks the reviewer to confirm. Weighing every product of two signals as well
moved more duty items rightly under cross-validation but lost decisions, and its reasons could
not name what carried a move (``bench/intake_neighbours_interactions_experiment.py``): not taken.
Weighing the runner-up alone (before session 22) missed the 收回 item of a triple whenever
another candidate stood between it and the pick.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np

from jiceng.duties.items import Category, DutyItem

CATEGORIES = (Category.BASIC, Category.COOPERATING, Category.RETURNED)


def _pair_name(chosen: Category, rival: Category) -> str:
    return f"{chosen.value}>{rival.value}"


# Every signal of a pair, in a fixed order (the model file names each). The six pair kinds are
# the ordered (chosen, rival) categories.
PAIR_KINDS = tuple(_pair_name(a, b) for a in CATEGORIES for b in CATEGORIES if a is not b)
FEATURES = (
    *(f"pair:{kind}" for kind in PAIR_KINDS),
    "score_ratio",
    "sender_leads_chosen",
    "sender_leads_rival",
    "act_asked",
    "act_named_by_rival",
    "act_named_by_chosen",
    "text_chosen",
    "text_rival",
    "text_rival_minus_chosen",
    "role_chosen",
    "role_rival",
    "asked_chosen",
    "asked_rival",
    *(f"{c.value}:act_asked" for c in CATEGORIES),
    *(f"{c.value}:score_ratio" for c in CATEGORIES),
    "category_reading",
)

# How each signal reads in a reason (Chinese UI text).
_DESCRIPTIONS = {
    "score_ratio": "两事项的得分之比",
    "sender_leads_chosen": "发文单位是否牵头原选事项",
    "sender_leads_rival": "发文单位是否牵头该事项",
    "act_asked": "通知是否要求乡镇实施部门职权行为",
    "act_named_by_rival": "所要求的职权行为是否为该事项所列",
    "act_named_by_chosen": "所要求的职权行为是否为原选事项所列",
    "text_chosen": "通知与原选事项名称和内容的字面相似度",
    "text_rival": "通知与该事项名称和内容的字面相似度",
    "text_rival_minus_chosen": "通知与两事项字面相似度之差",
    "role_chosen": "通知与原选事项乡镇职责的字面相似度",
    "role_rival": "通知与该事项乡镇职责的字面相似度",
    "asked_chosen": "所要求职权行为所在语句与原选事项名称的字面相似度",
    "asked_rival": "所要求职权行为所在语句与该事项名称的字面相似度",
    "category_reading": "通知措辞读作该事项类别（而非原选事项类别）的程度",
}


def describe(feature: str) -> str:
    """The Chinese wording of a signal for a reason."""
    if feature.startswith("pair:"):
        return "两事项的类别组合"
    if ":" in feature:
        return _DESCRIPTIONS[feature.split(":", 1)[1]] + "（按该事项类别）"
    return _DESCRIPTIONS[feature]


class CharProfile:
    """How much a notice's characters resemble an item's name and content, and its
    ``township_role``, whatever words jieba would cut: TF-IDF vectors over the character
    1–2-grams of one duty list's items, with smooth idf and sublinear tf as scikit-learn's
    ``TfidfVectorizer(analyzer="char", ngram_range=(1, 2), sublinear_tf=True)`` computes them
    fitted on each item's name, content and role (except that runs of whitespace are not folded
    into one space). The retrieval's 2/3-gram index, ``CharNgramIndex``, served the arbiter worse
    under cross-validation: 14 pairs moved rightly and 7 wrongly, against 17 and 4."""

    def __init__(self, items: Sequence[DutyItem]) -> None:
        docs = [_gram_codes(item.name + item.content + item.township_role)[0] for item in items]
        n = len(docs)
        grams = np.concatenate(docs) if docs else np.zeros(0, dtype=np.int64)
        self._codes, df = np.unique(grams, return_counts=True)
        # (math.log, not numpy's: the same floats the reference computation gives)
        self._idf = np.array([math.log((1 + n) / (1 + d)) + 1.0 for d in df.tolist()])
        self._vectors: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._recent: tuple[tuple[str, tuple[np.ndarray, np.ndarray, float]], ...] = ()

    def similarities(self, text: str, chosen: DutyItem, rival: DutyItem) -> tuple[float, ...]:
        """The cosine of the notice with the chosen item's and the rival's name and content,
        then with the chosen item's and the rival's role."""
        return self._cosines(
            text,
            (
                chosen.name + "。" + chosen.content,
                rival.name + "。" + rival.content,
                chosen.township_role,
                rival.township_role,
            ),
        )

    def names(self, text: str, chosen: DutyItem, rival: DutyItem) -> tuple[float, ...]:
        """The cosine of ``text`` with the chosen item's and the rival's name."""
        return self._cosines(text, (chosen.name, rival.name))

    def resemblance(self, text: str, item: DutyItem) -> float:
        """The cosine of the notice with the item's name and content."""
        return self._cosines(text, (item.name + "。" + item.content,))[0]

    def _cosines(self, text: str, texts: Sequence[str]) -> tuple[float, ...]:
        """(The notice's vector is left unnormalised and its norm divided out at the end.)"""
        codes, weights, norm = self._notice_vector(text)
        if not norm:
            return (0.0,) * len(texts)
        out = []
        for t in texts:
            item_codes, item_weights = self._item_vector(t)
            at = np.searchsorted(codes, item_codes)
            at[at >= len(codes)] = 0
            shared = codes[at] == item_codes if len(codes) else np.zeros(len(at), dtype=bool)
            products = item_weights[shared] * weights[at[shared]]
            out.append(math.fsum(products.tolist()) / norm)
        return tuple(out)

    def _notice_vector(self, text: str) -> tuple[np.ndarray, np.ndarray, float]:
        """A notice's weights and norm, kept for the last two texts read (the notice and its ask
        clauses): the arbiter weighs them against each of the pick's neighbours in turn. (An
        immutable tuple, replaced whole, so screening stays safe across threads.)"""
        recent = self._recent
        for seen, found in recent:
            if seen == text:
                return found
        codes, weights = self._weights(text)
        found = (codes, weights, math.sqrt(math.fsum((weights * weights).tolist())))
        self._recent = ((text, found), *recent[:1])
        return found

    def _item_vector(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """The L2-normalised vector of an item's text, kept (a list has a few hundred)."""
        found = self._vectors.get(text)
        if found is None:
            codes, weights = self._weights(text)
            norm = math.sqrt(math.fsum((weights * weights).tolist())) or 1.0
            found = self._vectors[text] = (codes, weights / norm)
        return found

    def _weights(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """The text's n-grams the list has (others are ignored), as sorted codes, and their
        sublinear tf × idf. (The arbiter's hot path: a few numpy calls over the text.)"""
        codes, counts = _gram_codes(text)
        vocabulary = self._codes
        if not len(codes) or not len(vocabulary):
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        at = np.searchsorted(vocabulary, codes)
        at[at >= len(vocabulary)] = 0
        known = vocabulary[at] == codes
        return codes[known], self._idf[at[known]] * _sublinear(counts[known])


# 1 + ln(count) for the counts a notice has, worked out with math.log once
_SUBLINEAR = np.array([0.0, *(1.0 + math.log(c) for c in range(1, 256))])


def _sublinear(counts: np.ndarray) -> np.ndarray:
    if not len(counts) or counts.max() < len(_SUBLINEAR):
        return _SUBLINEAR[counts]
    return np.array([1.0 + math.log(c) for c in counts.tolist()])


# A character's code point (21 bits) is its 1-gram's code; a 2-gram packs both and this bit.
_PAIR = 1 << 42


def _gram_codes(text: str) -> tuple[np.ndarray, np.ndarray]:
    """The distinct character 1- and 2-grams of ``text`` (lower case) as sorted integer codes,
    and how often each occurs."""
    chars = np.frombuffer(text.lower().encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    grams = np.concatenate([chars, (chars[:-1] << 21) | chars[1:] | _PAIR])
    return np.unique(grams, return_counts=True)


def _lead(plausible: bool | None) -> float:
    return 1.0 if plausible is True else (-1.0 if plausible is False else 0.0)


@dataclass(frozen=True, slots=True)
class Pair:
    """The chosen item and a same-domain rival of another category, with what the engine
    knows of them: scores, whether the sender plausibly leads each (None for a 基本 item), the
    act kinds each names and those the notice asks of the township."""

    chosen: DutyItem
    chosen_score: float
    rival: DutyItem
    rival_score: float
    sender_leads_chosen: bool | None
    sender_leads_rival: bool | None
    chosen_kinds: frozenset[str]
    rival_kinds: frozenset[str]
    asked_kinds: frozenset[str]
    asked_text: str = ""  # the clauses asking those acts


# A category reading's floor: log(0) is no number, and a reading is never that sure.
_READING_FLOOR = 1e-6


def pair_features(
    text: str,
    pair: Pair,
    profile: CharProfile,
    reading: Mapping[Category, float] | None = None,
) -> dict[str, float]:
    """The signals of ``FEATURES`` for a notice (title and body) and a pair; ``reading`` is how
    likely the notice asks each category of duty (``jiceng.intake.category_reader``), weighed as
    the log of the rival's probability over the pick's (left out without a reading)."""
    chosen, rival = pair.chosen, pair.rival
    ratio = pair.rival_score / pair.chosen_score if pair.chosen_score > 0 else 1.0
    asked = 1.0 if pair.asked_kinds else 0.0
    text_chosen, text_rival, role_chosen, role_rival = profile.similarities(text, chosen, rival)
    asked_chosen, asked_rival = (
        profile.names(pair.asked_text, chosen, rival) if pair.asked_text else (0.0, 0.0)
    )
    out = {f"pair:{kind}": 0.0 for kind in PAIR_KINDS}
    out[f"pair:{_pair_name(chosen.category, rival.category)}"] = 1.0
    out.update(
        {
            "score_ratio": ratio,
            "sender_leads_chosen": _lead(pair.sender_leads_chosen),
            "sender_leads_rival": _lead(pair.sender_leads_rival),
            "act_asked": asked,
            "act_named_by_rival": 1.0 if pair.asked_kinds & pair.rival_kinds else 0.0,
            "act_named_by_chosen": 1.0 if pair.asked_kinds & pair.chosen_kinds else 0.0,
            "text_chosen": text_chosen,
            "text_rival": text_rival,
            "text_rival_minus_chosen": text_rival - text_chosen,
            "role_chosen": role_chosen,
            "role_rival": role_rival,
            "asked_chosen": asked_chosen,
            "asked_rival": asked_rival,
        }
    )
    if reading is not None:
        out["category_reading"] = _reading_ratio(reading, rival.category, chosen.category)
    for category in CATEGORIES:
        own = 1.0 if rival.category is category else 0.0
        out[f"{category.value}:act_asked"] = own * asked
        out[f"{category.value}:score_ratio"] = own * ratio
    return out


def _reading_ratio(reading: Mapping[Category, float], rival: Category, chosen: Category) -> float:
    floor = _READING_FLOOR
    return math.log(max(reading[rival], floor)) - math.log(max(reading[chosen], floor))


@dataclass(frozen=True, slots=True)
class NeighbourModel:
    """A logistic regression over standardised signals: per feature (mean, scale, weight).
    Neighbours scoring under ``rival_floor`` of the pick are not weighed (none moved in training:
    a cost saved, not a judgement)."""

    intercept: float
    threshold: float
    terms: Mapping[str, tuple[float, float, float]]
    rival_floor: float = 0.0

    def contributions(self, features: Mapping[str, float]) -> dict[str, float]:
        """Each signal's push towards the rival. A signal left out (no category reading) stands
        at its training mean: it pushes neither way."""
        return {
            name: weight * (features[name] - mean) / scale if name in features else 0.0
            for name, (mean, scale, weight) in self.terms.items()
        }

    def probability(self, features: Mapping[str, float]) -> float:
        """How likely the rival, not the chosen item, is the task's item (0–1)."""
        z = self.intercept + sum(self.contributions(features).values())
        return 1.0 / (1.0 + math.exp(-z))

    def strongest(self, features: Mapping[str, float], k: int = 2) -> list[str]:
        """The signals that pushed most towards the rival, strongest first."""
        ranked = sorted(self.contributions(features).items(), key=lambda kv: -kv[1])
        return [name for name, value in ranked[:k] if value > 0]


def load_neighbour_model(text: str, *, source: str = "neighbours.toml") -> NeighbourModel:
    """Parse the model file: ``intercept``, ``threshold``, an optional ``rival_floor`` (0: weigh
    every neighbour) and a ``[terms]`` table giving each of ``FEATURES`` as ``[mean, scale,
    weight]``."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"{source}：TOML 格式不正确（{exc}）") from None
    for key in ("intercept", "threshold"):
        if not isinstance(data.get(key), int | float):
            raise ValueError(f"{source}：缺少数值项 {key}")
    floor = data.get("rival_floor", 0.0)
    if not isinstance(floor, int | float) or not 0 <= floor < 1:
        raise ValueError(f"{source}：rival_floor 应为 0 到 1 之间的数")
    raw = data.get("terms")
    if not isinstance(raw, dict):
        raise ValueError(f"{source}：缺少 [terms] 表")
    unknown = sorted(set(raw) - set(FEATURES))
    missing = [f for f in FEATURES if f not in raw]
    if unknown or missing:
        raise ValueError(f"{source}：[terms] 中未知特征 {unknown}，缺少特征 {missing}")
    terms: dict[str, tuple[float, float, float]] = {}
    for name in FEATURES:
        values = raw[name]
        if (
            not isinstance(values, list)
            or len(values) != 3
            or not all(isinstance(v, int | float) for v in values)
            or values[1] <= 0
        ):
            raise ValueError(f"{source}：特征 {name} 应为 [均值, 正的尺度, 权重]")
        terms[name] = (float(values[0]), float(values[1]), float(values[2]))
    return NeighbourModel(
        float(data["intercept"]), float(data["threshold"]), terms, rival_floor=float(floor)
    )


@cache
def default_model() -> NeighbourModel:
    """The model shipped with the package (read once)."""
    text = resources.files("jiceng.intake").joinpath("data/neighbours.toml").read_text("utf-8")
    return load_neighbour_model(text)


def same_topic_rivals(
    candidates: Sequence[tuple[DutyItem, float]], floor: float = 0.0
) -> list[tuple[DutyItem, float]]:
    """The near neighbours the arbiter weighs against the chosen candidate (the first): per
    category other than its own, the best candidate of its domain, best first. The runner-up
    alone would miss the 收回 item of a triple when the 基本 item stands between them. A best
    scoring under ``floor`` of the chosen one's score is left out."""
    if not candidates:
        return []
    chosen, chosen_score = candidates[0]
    seen: set[Category] = {chosen.category}
    out = []
    for item, score in candidates[1:]:
        if item.domain == chosen.domain and item.category not in seen:
            seen.add(item.category)
            if score >= floor * chosen_score:
                out.append((item, score))
    return out
