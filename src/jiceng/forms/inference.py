"""Infer a field's type where a template declares none, from cues kept in ``data/type_cues.toml``."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from jiceng.forms.schema import FieldType


@dataclass(frozen=True, slots=True)
class TypeRule:
    type: FieldType
    name: re.Pattern[str] | None
    note: re.Pattern[str] | None


@cache
def type_rules() -> tuple[TypeRule, ...]:
    text = resources.files("jiceng.forms").joinpath("data/type_cues.toml").read_text("utf-8")
    rules = []
    for raw in tomllib.loads(text)["rule"]:
        rules.append(
            TypeRule(
                type=FieldType(raw["type"]),
                name=re.compile(raw["name"]) if raw.get("name") else None,
                note=re.compile(raw["note"]) if raw.get("note") else None,
            )
        )
    return tuple(rules)


def infer_type(name: str, note: str = "", options: tuple[str, ...] = ()) -> FieldType:
    """A drop-down list means enum; then the first name cue, then the first note cue; else text."""
    if options:
        return FieldType.ENUM
    rules = type_rules()
    for rule in rules:
        if rule.name is not None and rule.name.search(name):
            return rule.type
    if note:
        for rule in rules:
            if rule.note is not None and rule.note.search(note):
                return rule.type
    return FieldType.TEXT
