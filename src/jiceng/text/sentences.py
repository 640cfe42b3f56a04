"""Sentence and clause splitting that keeps character offsets into the original text."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

_SENTENCE_END = re.compile(r"[。！？!?；;\n]+")
_CLAUSE_END = re.compile(r"[。！？!?；;\n，,：:]+")


@dataclass(frozen=True, slots=True)
class Span:
    """A piece of a text with its half-open character offsets ``[start, end)``."""

    start: int
    end: int
    text: str


def _split(text: str, pattern: re.Pattern[str]) -> list[Span]:
    spans: list[Span] = []
    start = 0
    for match in pattern.finditer(text):
        end = match.end()
        if text[start : match.start()].strip():
            spans.append(Span(start, end, text[start:end]))
        start = end
    if text[start:].strip():
        spans.append(Span(start, len(text), text[start:]))
    return spans


def split_sentences(text: str) -> list[Span]:
    """Sentences ending at 。！？； or a line break (the end mark stays in the sentence)."""
    return list(_sentences(text))


def split_clauses(text: str) -> list[Span]:
    """Clauses: sentences further cut at commas and colons."""
    return list(_clauses(text))


def span_at(spans: Sequence[Span], pos: int) -> Span | None:
    """The span holding character offset ``pos``, if any (spans as split from one text)."""
    for span in spans:
        if span.start <= pos < span.end:
            return span
    return None


# Cached: one screening splits the same body for matching, acts, flags and the decision.
@lru_cache(maxsize=4096)
def _sentences(text: str) -> tuple[Span, ...]:
    return tuple(_split(text, _SENTENCE_END))


@lru_cache(maxsize=4096)
def _clauses(text: str) -> tuple[Span, ...]:
    return tuple(_split(text, _CLAUSE_END))
