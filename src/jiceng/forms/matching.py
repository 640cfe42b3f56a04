"""Find which fields across report forms are the same data element (一表通 field matching).

Steps, each cheap enough for tens of thousands of fields (no all-pairs comparison):

1. Features per field (``features``): lexicon concept, subject and programme scope.
2. Blocking by key: fields with the same (concept, subject, programme) - or, without a concept,
   the same normalised name, subject, programme, type, unit and options - form one group. A form
   contributes at most one field to a group: two fields of one form are rarely the same element.
3. Fuzzy merging of the remaining groups: candidates come only from groups sharing a subject, a
   programme and a character bigram of their names; pairs are scored (name similarity, option
   overlap, type and unit compatibility) and merged greedily, best first, above a threshold,
   never joining two lexicon concepts or two fields of one form.

Every element carries its members, a confidence and its reasons in Chinese.
"""

from __future__ import annotations

import tomllib
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from rapidfuzz import fuzz

from jiceng.errors import JicengError
from jiceng.forms.features import Features, field_features, form_principal
from jiceng.forms.lexicon import PERSON, lexicon
from jiceng.forms.schema import FieldType, Form
from jiceng.progress import progress

# A block key shared by more groups than this is too common to say anything (and would make the
# candidate pairs grow quadratically): bigrams, and single characters which are weaker evidence.
MAX_POSTING = 400
MAX_CHAR_POSTING = 50


@dataclass(slots=True)
class Element:
    name: str
    members: list[str]
    confidence: float
    reasons: list[str]


@dataclass(slots=True)
class MatchResult:
    elements: list[Element]

    def to_contract(self) -> dict[str, Any]:
        """The stable merge output of DESIGN §4."""
        return {
            "elements": [{"element": e.name, "members": list(e.members)} for e in self.elements]
        }

    def to_json(self) -> dict[str, Any]:
        """The contract plus confidence and reasons, for review screens."""
        return {
            "elements": [
                {
                    "element": e.name,
                    "members": list(e.members),
                    "confidence": round(e.confidence, 3),
                    "reasons": list(e.reasons),
                }
                for e in self.elements
            ]
        }


@dataclass(frozen=True, slots=True)
class Settings:
    threshold: float
    containment: float
    concept_mismatch: float
    option_weight: float
    min_options: int
    substitution: float
    normalise: tuple[tuple[str, str], ...]
    synonym: float
    same_name: float
    lone: float


@cache
def settings() -> Settings:
    text = resources.files("jiceng.forms").joinpath("data/matching.toml").read_text("utf-8")
    raw = tomllib.loads(text)
    return Settings(**raw["fuzzy"], **raw["confidence"], normalise=tuple(raw["normalise"].items()))


@lru_cache(maxsize=65536)
def _fold(core: str, cfg: Settings) -> str:
    for old, new in cfg.normalise:
        core = core.replace(old, new)
    return core


def _is_subsequence(short: str, long_: str) -> bool:
    chars = iter(long_)
    return all(ch in chars for ch in short)


@dataclass(slots=True)
class _Group:
    members: list[int]
    forms: set[str]
    concept: str | None
    cores: set[str]
    links: list[tuple[float, str, str]] = field(default_factory=list)
    best_rejected: tuple[float, str] | None = None
    split_from_same_form: bool = False


def match_fields(forms: Iterable[Form], *, show_progress: bool = False) -> MatchResult:
    """Group every field of ``forms`` into data elements; each field lands in exactly one."""
    forms = list(forms)
    refs: list[str] = []
    form_of: list[str] = []
    feats: list[Features] = []
    seen: set[str] = set()
    total = sum(len(f.fields) for f in forms)
    pairs = ((form, f) for form in forms for f in form.fields)
    principals: dict[str, str] = {}
    previous: Features | None = None
    for form, form_field in progress(pairs, total=total, desc="字段特征", enabled=show_progress):
        ref = form.member_key(form_field)
        if ref in seen:
            raise JicengError(f"字段引用“{ref}”重复：表单编号或字段名不唯一")
        seen.add(ref)
        if form.id not in principals:
            principals[form.id] = form_principal(form)
            previous = None
        refs.append(ref)
        form_of.append(form.id)
        previous = field_features(form, form_field, principals[form.id], previous)
        feats.append(previous)
    groups = _block_by_key(feats, form_of)
    _fuzzy_merge(groups, feats, show_progress)
    return MatchResult(elements=_elements(groups, feats, refs))


def _group_key(ft: Features) -> tuple[Any, ...]:
    if ft.concept_key is not None:
        return ("concept", *ft.concept_key)
    return ("name", ft.plain, ft.subject, ft.scope, ft.type, ft.unit, ft.options)


def _block_by_key(feats: list[Features], form_of: list[str]) -> list[_Group]:
    by_key: dict[tuple[Any, ...], list[int]] = defaultdict(list)
    for index, ft in enumerate(feats):
        by_key[_group_key(ft)].append(index)
    groups: list[_Group] = []
    for indices in by_key.values():
        parts: list[_Group] = []
        for index in indices:
            target = next((g for g in parts if form_of[index] not in g.forms), None)
            if target is None:
                target = _Group(members=[], forms=set(), concept=feats[index].concept, cores=set())
                target.split_from_same_form = bool(parts)
                parts.append(target)
            target.members.append(index)
            target.forms.add(form_of[index])
            target.cores.add(feats[index].core)
        groups.extend(parts)
    return groups


def _bigrams(text: str) -> set[str]:
    # Single characters too: 房屋结构 / 住房结构 share no bigram but are the same fact.
    return {text[i : i + 2] for i in range(len(text) - 1)} | set(text)


def _compatible(a: FieldType, b: FieldType) -> bool:
    return a == b or {a, b} == {FieldType.TEXT, FieldType.ENUM}


def _score(a: _Group, b: _Group, feats: list[Features], cfg: Settings) -> tuple[float, str, str]:
    fa, fb = feats[a.members[0]], feats[b.members[0]]
    if a.concept and b.concept:
        return 0.0, "", ""
    if not _compatible(fa.type, fb.type) or (fa.unit and fb.unit and fa.unit != fb.unit):
        return 0.0, "", ""
    best, name_a, name_b = 0.0, "", ""
    options_count = len(fa.options) >= cfg.min_options and len(fb.options) >= cfg.min_options
    for core_a in a.cores:
        for core_b in b.cores:
            folded_a, folded_b = _fold(core_a, cfg), _fold(core_b, cfg)
            # Names of very different lengths cannot reach the threshold on their own: skip the
            # comparison (ratio is at most 2·short/(short+long)).
            shortest, longest = sorted((len(folded_a), len(folded_b)))
            if not options_count and 2 * shortest < cfg.threshold * (shortest + longest) * 0.8:
                continue
            sim = fuzz.ratio(folded_a, folded_b) / 100
            short, long_ = sorted((folded_a, folded_b), key=len)
            if len(short) >= 2 and short in long_ and len(short) * 2 >= len(long_):
                sim = max(sim, cfg.containment)
            if not _is_subsequence(short, long_):
                sim *= cfg.substitution
            if sim > best:
                best, name_a, name_b = sim, core_a, core_b
    if options_count:
        overlap = _option_overlap(fa.options, fb.options)
        best = (1 - cfg.option_weight) * best + cfg.option_weight * overlap
    if bool(a.concept) != bool(b.concept):
        best *= cfg.concept_mismatch
    return best, name_a, name_b


def _option_overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Share of options that the other list also offers, counting a worded variant as offered:
    自理 / 完全自理, 失能 / 完全失能 are one choice worded twice. Identical lists give 1."""

    def offered(option: str, others: frozenset[str]) -> bool:
        if option in others:
            return True
        return len(option) >= 2 and any(
            len(other) >= 2 and (option in other or other in option) for other in others
        )

    hits = sum(offered(o, b) for o in a) + sum(offered(o, a) for o in b)
    return hits / (len(a) + len(b))


def _fuzzy_merge(groups: list[_Group], feats: list[Features], show_progress: bool) -> None:
    cfg = settings()
    index: dict[tuple[str, str], list[int]] = defaultdict(list)
    for gid, group in enumerate(groups):
        ft = feats[group.members[0]]
        # text and enum may match each other; other types only themselves
        kind = "text" if ft.type in (FieldType.TEXT, FieldType.ENUM) else ft.type.value
        for core in group.cores:
            for gram in _bigrams(core):
                index[(f"{ft.subject}|{ft.scope}|{kind}", gram)].append(gid)
    candidates: set[tuple[int, int]] = set()
    for (_, gram), posting in index.items():
        if len(posting) > (MAX_POSTING if len(gram) > 1 else MAX_CHAR_POSTING):
            continue
        unique = sorted(set(posting))
        for i, a in enumerate(unique):
            for b in unique[i + 1 :]:
                candidates.add((a, b))
    scored: list[tuple[float, int, int, str, str]] = []
    for a, b in progress(
        sorted(candidates), total=len(candidates), desc="候选字段对", enabled=show_progress
    ):
        score, name_a, name_b = _score(groups[a], groups[b], feats, cfg)
        if score > 0:
            scored.append((score, a, b, name_a, name_b))
    scored.sort(key=lambda item: (-item[0], item[1], item[2]))
    parent = list(range(len(groups)))

    def root(gid: int) -> int:
        while parent[gid] != gid:
            parent[gid] = parent[parent[gid]]
            gid = parent[gid]
        return gid

    for score, a, b, name_a, name_b in scored:
        ra, rb = root(a), root(b)
        if ra == rb:
            continue
        ga, gb = groups[ra], groups[rb]
        joinable = not (ga.forms & gb.forms) and not (ga.concept and gb.concept)
        if score >= cfg.threshold and joinable:
            parent[rb] = ra
            ga.members.extend(gb.members)
            ga.forms |= gb.forms
            ga.cores |= gb.cores
            ga.concept = ga.concept or gb.concept
            ga.links.extend(gb.links)
            ga.links.append((score, name_a, name_b))
            gb.members = []
        else:
            for mine, other in ((ga, feats[gb.members[0]].name), (gb, feats[ga.members[0]].name)):
                if mine.best_rejected is None or score > mine.best_rejected[0]:
                    mine.best_rejected = (score, other)
    groups[:] = [g for g in groups if g.members]


def _elements(groups: list[_Group], feats: list[Features], refs: list[str]) -> list[Element]:
    cfg = settings()
    lex = lexicon()
    groups.sort(key=lambda g: min(g.members))
    # Which subjects and programmes each concept appears under: the false-friend context.
    subjects_of: dict[str, set[str]] = defaultdict(set)
    scopes_of: dict[str, set[str]] = defaultdict(set)
    for group in groups:
        for m in group.members:
            ft = feats[m]
            kind = ft.concept or ft.core
            subjects_of[kind].add(ft.subject)
            if ft.scope:
                scopes_of[kind].add(ft.scope_label)
    elements: list[Element] = []
    used_names: Counter[str] = Counter()
    for group in groups:
        members = sorted(group.members)
        first = feats[members[0]]
        names = list(dict.fromkeys(feats[m].name for m in members))
        reasons: list[str] = []
        if first.concept:
            if len(members) == 1:
                reasons.append(f"对应数据元素“{first.concept_label}”（同义词表）")
            elif len(names) > 1:
                reasons.append(
                    f"同义词表“{first.concept_label}”：{'、'.join(names)} 为同一数据元素"
                )
            else:
                reasons.append(f"字段名相同（“{names[0]}”），属同义词表“{first.concept_label}”")
        elif len(members) > 1 and len(names) == 1:
            reasons.append(f"字段名相同（“{names[0]}”），类型一致（{first.type.label}）")
        for score, name_a, name_b in group.links:
            reasons.append(f"字段名相近：“{name_a}”与“{name_b}”（相似度 {score:.2f}），类型相容")
        subject = lex.subjects[first.subject]
        if first.subject not in ("place", "meta"):
            reasons.append(f"主体：{subject.label}（{first.subject_why}）")
        kind = first.concept or first.core
        if len(subjects_of[kind]) > 1 and subject.separate:
            reasons.append(f"区分主体：{subject.separate}")
        if first.scope:
            reasons.append(f"所属项目：{first.scope_label}")
            others = scopes_of[kind] - {first.scope_label}
            if others:
                reasons.append(
                    f"区分项目：与{'、'.join(sorted(others))}的同类字段分列（专款专用，不同项目的金额、日期不合并）"
                )
        if group.split_from_same_form:
            reasons.append("同一表单中已有同一元素的字段，本字段单列")
        if len(members) == 1 and group.best_rejected is not None:
            score, other = group.best_rejected
            reasons.append(f"与“{other}”最相近（{score:.2f}），未达合并条件")
        confidence = _confidence(group, first, len(names), len(members), cfg)
        name = _element_name(group, feats, members)
        used_names[name] += 1
        if used_names[name] > 1:
            name = f"{name}（{used_names[name]}）"
        elements.append(
            Element(
                name=name,
                members=[refs[m] for m in members],
                confidence=confidence,
                reasons=reasons,
            )
        )
    return elements


def _confidence(group: _Group, first: Features, distinct: int, size: int, cfg: Settings) -> float:
    if group.links:
        return min(score for score, _, _ in group.links)
    if size == 1:
        if group.best_rejected is not None:
            return max(0.5, min(cfg.lone, 1 - group.best_rejected[0] / 2))
        return cfg.lone
    return cfg.same_name if distinct == 1 else cfg.synonym


def _element_name(group: _Group, feats: list[Features], members: list[int]) -> str:
    lex = lexicon()
    first = feats[members[0]]
    concept_member = next((feats[m] for m in members if feats[m].concept), None)
    if concept_member is not None:
        concept = lex.concept(concept_member.concept or "")
        label = concept_member.concept_label
        if concept is not None and concept.subject == PERSON and first.subject != "self":
            label = f"{lex.subjects[first.subject].label}{label}"
    else:
        counts = Counter(feats[m].name for m in members)
        label = counts.most_common(1)[0][0]  # ties keep the first form's wording
    programme = next((p for p in lex.programmes if p.key == first.scope), None)
    if programme is not None and not programme.cues.search(label):
        label = f"{programme.label}·{label}"
    return label
