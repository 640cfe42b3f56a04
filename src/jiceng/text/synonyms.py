"""The governance synonym lexicon: maps many wordings of one topic to one group token.

Expansion adds a group token (``§name``) for each group whose term occurs in the text, so a
retrieval index sees "控辍保学" in a notice that only says "返校就读".
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

GROUP_PREFIX = "§"
_CACHE_SIZE = 8192
# The lexicon's terms are split by first character into this many patterns (see _Scanner).
_BUCKETS = 12


def _trie_alternation(terms: Iterable[str]) -> str:
    """One regex matching any of ``terms``, the longest where several start at one place.

    The terms are factored into a trie ("农村公路|农村供水" → "农村(?:公路|供水)"), so the regex
    engine tries each first character once instead of every term in turn (a lexicon of a
    thousand terms costs a third less); an optional, greedy tail keeps the longest-match
    semantics of a length-sorted alternation."""
    trie: dict[str, dict] = {}
    for term in terms:
        node = trie
        for ch in term:
            node = node.setdefault(ch, {})
        node[""] = {}  # a term ends here

    def build(node: dict[str, dict]) -> str:
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


class _Scanner:
    """``finditer`` of one trie alternation of all terms, run as several smaller ones.

    Where a term could start, the regex engine checks the position's character against each
    first character of the alternation in turn, and a lexicon's terms start with hundreds of
    characters; most positions where one of them stands start no term, and cost every check.
    Split by first character into ``_BUCKETS`` tries, each position is checked against one
    bucket's characters only (the others skip it in their scan for a first character, in C):
    the lexicon's scan of the labelled counties' notices took a third of the time (12 buckets;
    4–16 did about as well, docs/benchmarks.md). No two buckets can match at one position, so the leftmost match of any
    bucket from where the last match ended is the match the whole alternation finds there: the
    matches are the same, in the same order.
    """

    def __init__(self, terms: Iterable[str], buckets: int) -> None:
        by_first: dict[str, list[str]] = {}
        for term in terms:
            by_first.setdefault(term[0], []).append(term)
        firsts = sorted(by_first)
        size = -(-len(firsts) // buckets) if firsts else 1
        self.patterns = [
            re.compile(_trie_alternation(t for f in firsts[k : k + size] for t in by_first[f]))
            for k in range(0, len(firsts), size)
        ]

    def finditer(self, text: str) -> Iterator[str]:
        """The matched terms of ``text``, as ``finditer`` of the whole alternation finds them."""
        patterns = self.patterns
        upcoming = [p.search(text) for p in patterns]
        pos = 0
        while True:
            best: re.Match[str] | None = None
            for k, match in enumerate(upcoming):
                if match is not None and match.start() < pos:
                    # it started inside the last match: that bucket looks again from its end
                    match = upcoming[k] = patterns[k].search(text, pos)
                if match is not None and (best is None or match.start() < best.start()):
                    best = match
            if best is None:
                return
            yield best.group()
            pos = best.end()  # (terms are never empty)


@dataclass(frozen=True)
class SynonymLexicon:
    groups: dict[str, tuple[str, ...]]

    def __post_init__(self) -> None:
        term_groups: dict[str, list[str]] = {}
        for name, terms in self.groups.items():
            for term in terms:
                term_groups.setdefault(term, []).append(name)
        object.__setattr__(self, "_term_groups", term_groups)
        scanner = _Scanner((t for t in term_groups if t), _BUCKETS) if term_groups else None
        object.__setattr__(self, "_scanner", scanner)
        object.__setattr__(self, "_cache", {})

    def group_tokens(self, text: str) -> list[str]:
        """One ``§group`` token per occurrence of any term of that group in ``text``."""
        # Cached per text: one screening reads the same sentences for retrieval and coverage.
        cache: dict[str, tuple[str, ...]] = self._cache  # type: ignore[attr-defined]
        hit = cache.get(text)
        if hit is None:
            hit = self._group_tokens(text)
            if len(cache) >= _CACHE_SIZE:
                cache.clear()
            cache[text] = hit
        return list(hit)

    def _group_tokens(self, text: str) -> tuple[str, ...]:
        scanner: _Scanner | None = self._scanner  # type: ignore[attr-defined]
        if scanner is None:
            return ()
        term_groups: dict[str, list[str]] = self._term_groups  # type: ignore[attr-defined]
        out: list[str] = []
        for term in scanner.finditer(text):
            out.extend(GROUP_PREFIX + g for g in term_groups[term])
        return tuple(out)

    def groups_of(self, text: str) -> set[str]:
        """The names of the groups mentioned in ``text``."""
        return {t[len(GROUP_PREFIX) :] for t in self.group_tokens(text)}


def load_lexicon(data: str) -> SynonymLexicon:
    """Parse a synonym TOML document (``[[group]] name=..., terms=[...]``)."""
    parsed = tomllib.loads(data)
    groups = {g["name"]: tuple(g["terms"]) for g in parsed.get("group", [])}
    return SynonymLexicon(groups)


@lru_cache(maxsize=1)
def default_lexicon() -> SynonymLexicon:
    """The packaged governance synonym lexicon (``data/synonyms.toml``)."""
    text = (resources.files("jiceng.text") / "data" / "synonyms.toml").read_text(encoding="utf-8")
    return load_lexicon(text)
