"""Faster searches for lexicon alternations, with the matches of the plain pattern.

``guarded`` adds a first-character lookahead (below); ``dispatched`` (further down) also
rewrites the alternation so that a position tries only the branches that can start there.

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
from functools import lru_cache
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


# --- First-character dispatch ----------------------------------------------------------------
#
# The guard above skips the positions no branch can start at, but where one can (a lexicon of a
# hundred act wordings starts with most common characters between them: 出, 开, 进, 检…) the
# engine still tries every branch in turn. ``dispatched`` rewrites a top-level alternation so
# that each branch starts with a plain character: groups and classes in front are multiplied out
# ("(开展|进行)X" → "开展X|进行X"), a lookbehind in front moves behind the first character it now
# covers too ("(?<!配)采样" → "采(?<!配采)样"), a repeat in front gives up its first round
# ("\\s*X" → "X|\\s…"), and the branches are grouped by that character, twice over ("开(?:展…|具…)").
# The engine then checks one character per group, in C, and enters the one group that can match.
# Branches keep their order within a group, and where the character a branch starts with cannot
# be multiplied out (a class like \d), every group it could start like is closed before it, so
# at every position the branches are tried in their original order: the first match found is
# the plain pattern's, span for span.

_DEPTH = 2  # characters dispatched on: the first, then the second within each group


class _NoDispatch(Exception):
    """The item cannot be rewritten (a back reference, inline flags, an unknown node)."""


_ANCHORS = (
    {
        _c.AT_BEGINNING: "^",
        _c.AT_END: "$",
        _c.AT_BEGINNING_STRING: r"\A",
        _c.AT_END_STRING: r"\Z",
        _c.AT_BOUNDARY: r"\b",
        _c.AT_NON_BOUNDARY: r"\B",
    }
    if _c
    else {}
)
_CLASS_CATEGORIES = (
    {
        **_CATEGORIES,
        _c.CATEGORY_NOT_DIGIT: r"\D",
        _c.CATEGORY_NOT_SPACE: r"\S",
        _c.CATEGORY_NOT_WORD: r"\W",
    }
    if _c
    else {}
)
_LOOKAROUND = (
    {
        (_c.ASSERT, 1): "(?=",
        (_c.ASSERT, -1): "(?<=",
        (_c.ASSERT_NOT, 1): "(?!",
        (_c.ASSERT_NOT, -1): "(?<!",
    }
    if _c
    else {}
)
_SMALL_RANGE = 16  # a range in a leading class spelled out character by character ("[2-9]")

Items = list[tuple[Any, Any]]  # a parsed sequence: (opcode, argument) pairs


@lru_cache(maxsize=1024)  # lexicons are compiled by every screener built; rewriting costs
def dispatched(pattern: str) -> re.Pattern[str]:
    """``pattern`` compiled with first-character dispatch: the same matches, found faster.

    Every match (its span and text) is the plain pattern's; capturing groups do not capture, so
    only callers that read whole matches may use it. A pattern that cannot be rewritten (named
    groups or back references, inline flags) comes back as ``guarded(pattern)``.
    """
    if _p is None:
        return guarded(pattern)
    try:
        return _dispatched(pattern)
    except _NoDispatch:
        return guarded(pattern)


def _dispatched(pattern: str) -> re.Pattern[str]:
    parsed = _p.parse(pattern)
    if parsed.state.flags & ~_c.SRE_FLAG_UNICODE or parsed.state.groupdict:
        raise _NoDispatch
    items: Items = list(parsed)
    if len(items) == 1 and items[0][0] is _c.BRANCH:
        branches = [list(branch) for branch in items[0][1][1]]
    else:
        branches = [items]
    out: list[str] = []
    groups: dict[int, list[Items]] = {}  # first character → the rests of its branches, in order
    kept_whole = False
    for branch in branches:
        try:
            leads = _leads(branch)
        except _NoDispatch:
            # kept as written: the groups it could start like go before it, so that at any
            # position the branches before it are still tried first
            starts = _starts(branch)
            for code in list(groups):
                if starts is None or starts.match(chr(code)):
                    out.append(_char(code) + _tail(groups.pop(code), _DEPTH - 1))
            out.append(_unparse(branch))
            kept_whole = True
            continue
        for code, rest in leads:
            groups.setdefault(code, []).append(rest)
    out.extend(_char(code) + _tail(rests, _DEPTH - 1) for code, rests in groups.items())
    rewritten = "|".join(out)
    # With every branch starting with a plain character the engine skips ahead by them itself;
    # a branch kept whole needs the guard for that.
    return guarded(rewritten) if kept_whole else re.compile(rewritten)


def _starts(items: Items) -> re.Pattern[str] | None:
    """A class of the characters a match of ``items`` can start with (None: not known)."""
    try:
        return re.compile("[" + "".join(dict.fromkeys(_first(items))) + "]")
    except _Unknown:
        return None


def _leads(items: Items) -> list[tuple[int, Items]]:
    """The ways a match of ``items`` can start, in the engine's order of trying them: (the
    character it starts with, what must follow). Raises ``_NoDispatch`` when the first item
    cannot be multiplied out."""
    if not items:
        raise _NoDispatch  # the empty match: nothing to dispatch on
    (op, av), rest = items[0], items[1:]
    if op is _c.LITERAL:
        return [(av, rest)]
    if op is _c.IN:
        out: list[tuple[int, Items]] = []
        for kind, value in av:
            if kind is _c.LITERAL:
                out.append((value, rest))
            elif kind is _c.RANGE and value[1] - value[0] < _SMALL_RANGE:
                out.extend((code, rest) for code in range(value[0], value[1] + 1))
            else:
                raise _NoDispatch  # a negation, a category or a wide range
        return out
    if op is _c.SUBPATTERN:
        if av[1] or av[2]:
            raise _NoDispatch  # inline flags change what a literal matches
        return _leads(list(av[3]) + rest)
    if op is _c.BRANCH:
        # (A|B)R tries A then R before B then R: the same as AR|BR
        return [lead for branch in av[1] for lead in _leads(list(branch) + rest)]
    if op in (_c.ASSERT, _c.ASSERT_NOT) and av[0] == -1:
        # (?<!X)cR ≡ c(?<!Xc)R: the lookbehind, one character longer, starts where it did
        behind = list(av[1])
        return [
            (code, [(op, (-1, _subpattern([*behind, (_c.LITERAL, code)]))), *after])
            for code, after in _leads(rest)
        ]
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
        low, high, body = av[0], av[1], list(av[2])
        if high == 0:
            return _leads(rest)  # X{0,0} matches nothing
        if _subpattern(body).getwidth()[0] == 0:
            raise _NoDispatch  # a body matching nothing ends the repeat early
        fewer = high if high is _c.MAXREPEAT else high - 1
        again = [(op, (max(low - 1, 0), fewer, _subpattern(body)))] if fewer else []
        once = _leads(body + again + rest)  # X{m,n}R ≡ X X{m-1,n-1}R
        if low >= 1:
            return once
        # X{0,n}R: one more round first when greedy, going on first when lazy
        return once + _leads(rest) if op is _c.MAX_REPEAT else _leads(rest) + once
    raise _NoDispatch


def _tail(rests: list[Items], depth: int) -> str:
    """What follows one first character: its branches' rests in order, dispatched again on
    their own first characters while ``depth`` lasts."""
    if len(rests) == 1:
        body = _unparse(rests[0])
        return f"(?:{body})" if body else ""
    if depth > 0:
        try:
            leads = [lead for rest in rests for lead in _leads(rest)]
        except _NoDispatch:
            pass
        else:
            groups: dict[int, list[Items]] = {}
            for code, rest in leads:
                groups.setdefault(code, []).append(rest)
            return (
                "(?:"
                + "|".join(_char(code) + _tail(r, depth - 1) for code, r in groups.items())
                + ")"
            )
    return "(?:" + "|".join(_unparse(rest) for rest in rests) + ")"


def _subpattern(items: Items) -> Any:
    sub = _p.SubPattern(_p.State())
    sub.data = items
    return sub


def _class_char(code: int) -> str:
    ch = chr(code)
    return "\\" + ch if ch in "\\]^-[" else ch


def _unparse(items: Items) -> str:
    """Pattern text for parsed ``items`` (groups written non-capturing)."""
    return "".join(_unparse_one(op, av) for op, av in items)


def _unparse_one(op: Any, av: Any) -> str:
    if op is _c.LITERAL:
        return _char(av)
    if op is _c.NOT_LITERAL:
        return f"[^{_class_char(av)}]"
    if op is _c.ANY:
        return "."
    if op is _c.IN:
        negate, parts = "", []
        for kind, value in av:
            if kind is _c.NEGATE:
                negate = "^"
            elif kind is _c.LITERAL:
                parts.append(_class_char(value))
            elif kind is _c.RANGE:
                parts.append(f"{_class_char(value[0])}-{_class_char(value[1])}")
            elif kind is _c.CATEGORY and value in _CLASS_CATEGORIES:
                parts.append(_CLASS_CATEGORIES[value])
            else:
                raise _NoDispatch
        return f"[{negate}{''.join(parts)}]"
    if op is _c.BRANCH:
        return "(?:" + "|".join(_unparse(list(branch)) for branch in av[1]) + ")"
    if op is _c.SUBPATTERN:
        if av[1] or av[2]:
            raise _NoDispatch
        return f"(?:{_unparse(list(av[3]))})"
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
        low, high, body = av
        text = _unparse(list(body))
        if not (len(body) == 1 and body[0][0] in (_c.LITERAL, _c.NOT_LITERAL, _c.IN, _c.ANY)):
            text = f"(?:{text})"
        bounds = f"{{{low},{'' if high is _c.MAXREPEAT else high}}}"
        return text + bounds + ("?" if op is _c.MIN_REPEAT else "")
    if op in (_c.ASSERT, _c.ASSERT_NOT):
        return _LOOKAROUND[(op, av[0])] + _unparse(list(av[1])) + ")"
    if op is _c.AT and av in _ANCHORS:
        return _ANCHORS[av]
    raise _NoDispatch  # back references, atomic groups, possessive repeats…
