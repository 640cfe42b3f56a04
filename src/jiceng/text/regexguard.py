"""Faster "does this alternation occur at all?" searches.

Python's ``re`` skips ahead by a pattern's possible first characters only when every branch
starts with a plain literal; an alternation of lexicon patterns ("(照片|图片)…|每(户|次)…|\\d+本…")
is instead tried in full at every position of the text. ``guarded`` puts a one-character
lookahead of the pattern's possible first characters in front, so most positions fail on one
set test. The guarded pattern matches exactly where the original does (every match must start
with one of those characters); when the first characters cannot be worked out (a pattern that
can match the empty string, a negated class, ``.``…) the pattern is returned unguarded.
"""

from __future__ import annotations

import importlib
import re
from typing import Any

# The parser of the stdlib engine (Python >= 3.11; private modules, typed as Any here). Should a
# later Python move them, patterns are compiled unguarded: slower, never different.
try:
    _c: Any = importlib.import_module("re._constants")
    _p: Any = importlib.import_module("re._parser")
except ImportError:  # pragma: no cover - depends on the interpreter
    _c = _p = None

_CATEGORIES = (
    {_c.CATEGORY_DIGIT: r"\d", _c.CATEGORY_SPACE: r"\s", _c.CATEGORY_WORD: r"\w"} if _c else {}
)
_ZERO_WIDTH = {_c.AT, _c.ASSERT, _c.ASSERT_NOT} if _c else set()


class _Unknown(Exception):
    """The first characters of the pattern cannot be listed."""


def _char(code: int) -> str:
    return re.escape(chr(code))


def _first(seq: list[Any]) -> list[str]:
    """Class fragments of the characters a non-empty match of ``seq`` can start with."""
    out: list[str] = []
    for op, av in seq:
        if op in _ZERO_WIDTH:
            continue  # a lookaround or anchor consumes nothing: the next item starts the match
        if op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and av[0] < 1:
            out.extend(_first(list(av[2])))  # an optional item, or the next one, starts it
            continue
        return out + _first_of(op, av)
    raise _Unknown  # the pattern can match the empty string


def _first_of(op: Any, av: Any) -> list[str]:
    if op is _c.LITERAL:
        return [_char(av)]
    if op is _c.IN:
        out = []
        for kind, value in av:
            if kind is _c.LITERAL:
                out.append(_char(value))
            elif kind is _c.RANGE:
                out.append(f"{_char(value[0])}-{_char(value[1])}")
            elif kind is _c.CATEGORY and value in _CATEGORIES:
                out.append(_CATEGORIES[value])
            else:
                raise _Unknown  # negation, other categories
        return out
    if op is _c.SUBPATTERN:
        if av[1]:  # inline flags ((?i:…)) change what a literal matches
            raise _Unknown
        return _first(list(av[-1]))
    if op is _c.BRANCH:
        out = []
        for alternative in av[1]:
            out.extend(_first(list(alternative)))
        return out
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
        return _first(list(av[2]))  # at least once
    raise _Unknown


def guarded(pattern: str) -> re.Pattern[str]:
    """``re.compile(pattern)`` with a first-character lookahead when one can be built."""
    compiled = re.compile(pattern)
    if _p is None or compiled.flags & (re.IGNORECASE | re.VERBOSE):
        return compiled
    parsed = list(_p.parse(pattern))
    if (
        parsed
        and parsed[0][0] is _c.AT
        and parsed[0][1] in (_c.AT_BEGINNING, _c.AT_BEGINNING_STRING)
    ):
        return compiled  # anchored at the start: the engine tries one position already
    try:
        first = _first(parsed)
    except _Unknown:
        return compiled
    return re.compile(f"(?=[{''.join(dict.fromkeys(first))}])(?:{pattern})")
