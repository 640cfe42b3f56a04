"""Turning stored flags into highlighted text segments for the pages (pure)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Segment:
    text: str
    flag: str = ""  # the flag's Chinese label when this segment is evidence
    rule: str = ""


def segments(text: str, flags: list[dict[str, Any]], field: str) -> list[Segment]:
    """Split ``text`` into plain and evidence segments; overlapping spans are merged."""
    spans = sorted(
        (
            int(f.get("start", 0)),
            int(f.get("end", 0)),
            f.get("label_zh") or f.get("code", ""),
            f.get("rule", ""),
        )
        for f in flags
        if f.get("field") == field
        and 0 <= int(f.get("start", 0)) < int(f.get("end", 0)) <= len(text)
    )
    out: list[Segment] = []
    cursor = 0
    for start, end, label, rule in spans:
        if end <= cursor:
            continue
        start = max(start, cursor)
        if start > cursor:
            out.append(Segment(text[cursor:start]))
        out.append(Segment(text[start:end], label, rule))
        cursor = end
    if cursor < len(text):
        out.append(Segment(text[cursor:]))
    return out
