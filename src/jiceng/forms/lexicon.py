"""The matching policy as data: concepts (synonyms), subjects (false-friend guards), programmes.

Loaded once from ``jiceng/forms/data/*.toml``; each entry there names its policy source.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from jiceng.forms.schema import FieldType

PERSON = "person"  # a concept whose subject is read from cues rather than fixed
ROLE = "role:"  # prefix of a subject named by a role noun no list knows ("管水员", "房东")


@dataclass(frozen=True, slots=True)
class Concept:
    key: str
    label: str
    pattern: re.Pattern[str]
    types: frozenset[FieldType]
    subject: str  # PERSON or a fixed subject key
    default: str
    allowed: frozenset[str]
    scoped: bool


@dataclass(frozen=True, slots=True)
class Subject:
    key: str
    label: str
    cues: tuple[str, ...]
    bare: tuple[str, ...]
    refines: tuple[str, ...]
    separate: str
    name_only: tuple[str, ...]
    claims_next_phone: bool
    # Set on the household head: on a form whose only named person is this subject, the unmarked
    # identity fields listed here (身份证号码, 联系电话 …) are this subject's.
    principal_concepts: frozenset[str] = frozenset()


class SubjectTable(dict[str, Subject]):
    """The listed subjects, plus one made on demand for each role noun met in a form."""

    def __missing__(self, key: str) -> Subject:
        if not key.startswith(ROLE):
            raise KeyError(key)
        role = key.removeprefix(ROLE)
        subject = Subject(
            key=key,
            label=role,
            cues=(),
            bare=(),
            refines=(),
            separate=f"“{role}”是登记对象之外的另一人，其姓名、电话等信息与本人分列",
            name_only=(),
            claims_next_phone=True,
        )
        self[key] = subject
        return subject

    def get(self, key: str, default: Subject | None = None) -> Subject | None:  # type: ignore[override]
        try:
            return self[key]
        except KeyError:
            return default


@dataclass(frozen=True, slots=True)
class Programme:
    key: str
    label: str
    cues: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class Principal:
    subject: str
    title: re.Pattern[str]
    fields: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class Lexicon:
    concepts: tuple[Concept, ...]
    subjects: SubjectTable
    programmes: tuple[Programme, ...]
    principals: tuple[Principal, ...]
    scope_trigger: re.Pattern[str]
    # (cue, subject key), longest cue first so "紧急联系人" wins over "联系人".
    cue_index: tuple[tuple[str, str], ...]
    bare_index: dict[str, str]
    note_cue_index: tuple[tuple[str, str], ...]  # cue_index without the name-only cues
    cue_regex: re.Pattern[str]  # all cues, longest first: leftmost-longest scanning in one pass
    note_cue_regex: re.Pattern[str]
    cue_subject: dict[str, str]
    role_noun: re.Pattern[str]  # a word naming a person by role: ends with 员/长/主任/人 …
    role_filler: re.Pattern[str]  # trailing words that do not change whom a prefix names
    group_filler: re.Pattern[str]  # trailing words of a group header: "房东信息" → "房东"

    def concept(self, key: str) -> Concept | None:
        return next((c for c in self.concepts if c.key == key), None)


def _load(name: str) -> dict[str, Any]:
    text = resources.files("jiceng.forms").joinpath(f"data/{name}").read_text("utf-8")
    return tomllib.loads(text)


@cache
def lexicon() -> Lexicon:
    concepts = []
    for raw in _load("lexicon.toml")["concept"]:
        subject = raw.get("subject", PERSON)
        concepts.append(
            Concept(
                key=raw["key"],
                label=raw["label"],
                pattern=re.compile(raw["pattern"]),
                types=frozenset(FieldType(t) for t in raw["types"]),
                subject=subject,
                default=raw.get("default", "self" if subject == PERSON else subject),
                allowed=frozenset(raw.get("allowed", [])),
                scoped=bool(raw.get("scoped", False)),
            )
        )
    subject_data = _load("subjects.toml")
    subjects = SubjectTable(
        (
            key,
            Subject(
                key=key,
                label=raw["label"],
                cues=tuple(raw.get("cues", [])),
                bare=tuple(raw.get("bare", [])),
                refines=tuple(raw.get("refines", [])),
                separate=raw.get("separate", ""),
                name_only=tuple(raw.get("name_only", [])),
                claims_next_phone=bool(raw.get("claims_next_phone", False)),
                principal_concepts=frozenset(raw.get("principal_concepts", [])),
            ),
        )
        for key, raw in subject_data["subject"].items()
    )
    principals = tuple(
        Principal(subject=key, title=re.compile(raw["title"]), fields=re.compile(raw["fields"]))
        for key, raw in subject_data["principal"].items()
    )
    programme_data = _load("programmes.toml")
    programmes = tuple(
        Programme(key=raw["key"], label=raw["label"], cues=re.compile(raw["cues"]))
        for raw in programme_data["programme"]
    )
    cue_index = sorted(
        ((cue, s.key) for s in subjects.values() for cue in s.cues),
        key=lambda item: -len(item[0]),
    )
    name_only = {cue for s in subjects.values() for cue in s.name_only}
    note_cue_index = tuple((cue, key) for cue, key in cue_index if cue not in name_only)
    bare_index = {word: s.key for s in subjects.values() for word in s.bare}
    _check(concepts, subjects)
    return Lexicon(
        concepts=tuple(concepts),
        subjects=subjects,
        programmes=programmes,
        principals=principals,
        scope_trigger=re.compile(programme_data["scope"]["trigger"]),
        cue_index=tuple(cue_index),
        bare_index=bare_index,
        note_cue_index=note_cue_index,
        cue_regex=_alternation(c for c, _ in cue_index),
        note_cue_regex=_alternation(c for c, _ in note_cue_index),
        cue_subject=dict(cue_index),
        role_noun=re.compile(subject_data["roles"]["noun"]),
        role_filler=re.compile(subject_data["roles"]["filler"]),
        group_filler=re.compile(subject_data["roles"]["group_filler"]),
    )


def _alternation(cues: Iterable[str]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(c) for c in cues) or "(?!)")


def _check(concepts: list[Concept], subjects: dict[str, Subject]) -> None:
    """Fail loudly on a typo in the data files rather than mis-grouping silently."""
    for concept in concepts:
        for key in {concept.default, *concept.allowed} | (
            set() if concept.subject == PERSON else {concept.subject}
        ):
            if key not in subjects:
                raise ValueError(f"lexicon concept {concept.key}: unknown subject {key}")
    for subject in subjects.values():
        for key in subject.refines:
            if key not in subjects:
                raise ValueError(f"subject {subject.key}: refines unknown subject {key}")
