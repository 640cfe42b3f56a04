"""Layout knowledge of published duty lists, loaded from ``data/duty_list_format.toml``."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from importlib import resources
from typing import Any

from jiceng.duties.items import Category

# --- layout knowledge (data/duty_list_format.toml) -------------------------------------------

_STRIP_RE = re.compile(r"[\s()\[\]【】〔〕{}<>《》*:：、/\\_\-—·.。,，]")


def normalise_header(text: str) -> str:
    """Header text reduced to what identifies it: NFKC, lower case, no spaces/brackets/colons."""
    return _STRIP_RE.sub("", unicodedata.normalize("NFKC", text).lower())


class _Format:
    """The parsed TOML, with lookups built once."""

    def __init__(self, raw: dict[str, Any]) -> None:
        self.contract_columns: list[str] = raw["contract_columns"]
        self.required_fields: list[str] = raw["required_fields"]
        self.field_labels: dict[str, str] = raw["field_labels"]
        self.limits: dict[str, int] = raw["limits"]
        self.notes: dict[str, list[str]] = raw["notes"]
        self.preamble: dict[str, list[str]] = raw["preamble"]
        self.township_lead: dict[str, list[str]] = raw["township_lead"]
        self.id_prefix: dict[str, str] = raw["id_prefix"]
        self.keywords: dict[str, list[list[str]]] = raw["keywords"]
        self.alias_index = {
            normalise_header(alias): f for f, aliases in raw["aliases"].items() for alias in aliases
        }
        # Longest label first, so "上级部门收回事项" wins over "收回事项".
        self.category_aliases = sorted(
            ((normalise_header(k), Category(v)) for k, v in raw["category_aliases"].items()),
            key=lambda kv: -len(kv[0]),
        )
        self.category_short = {k: Category(v) for k, v in raw["category_short"].items()}

    def match_field(self, header: str) -> str | None:
        n = normalise_header(header)
        if not n:
            return None
        if n in self.alias_index:
            return self.alias_index[n]
        if len(n) > 16:  # a sentence (title, note), not a header
            return None
        for f, sets in self.keywords.items():
            if any(all(k in n for k in kws) for kws in sets):
                return f
        return None


def _load_format() -> _Format:
    text = (
        resources.files("jiceng.duties").joinpath("data/duty_list_format.toml").read_text("utf-8")
    )
    return _Format(tomllib.loads(text))


FORMAT = _load_format()


def parse_category(text: str) -> Category | None:
    """A category from a cell, sheet name, title or section row ("二、配合履职事项（25项）")."""
    n = normalise_header(text)
    if not n:
        return None
    if text.strip() in FORMAT.category_short:
        return FORMAT.category_short[text.strip()]
    for label, category in FORMAT.category_aliases:
        if label in n:
            return category
    return None
