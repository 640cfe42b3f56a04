"""Learned word associations: what notices call the things a duty list names otherwise.

A department writes "违建" where the list says "违法建设", "菌子" where it says "野生菌",
"反诈" for "电信网络诈骗". The synonym lexicon (``synonyms.toml``) holds the groups people wrote
down; this lexicon holds pairs mined from labelled screening decisions: a word of the notices
that recurs, across several counties, with a word of the names of the items those notices were
matched to (``bench/intake_associations.py`` mines it and says from which counties).

A notice's bag of words is widened with the list words its own words call to mind, each at a
fraction of the notice word's weight, so retrieval and the coverage behind rule 5 see the list's
wording without the notice having used it.
"""

from __future__ import annotations

from collections.abc import Container, Iterable, Mapping, MutableMapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class AssociationLexicon:
    """``pairs``: a notice word → the list words it calls to mind, each with its strength (Dice
    coefficient of the two words over the mined decisions, 0–1)."""

    pairs: Mapping[str, tuple[tuple[str, float], ...]]

    def __len__(self) -> int:
        return sum(len(v) for v in self.pairs.values())

    def restricted_to(self, known: Container[str]) -> AssociationLexicon:
        """The pairs whose list word is in ``known`` (an index vocabulary): a word no item holds
        would add nothing but cost, so a matcher keeps only its own list's words."""
        pairs = {
            word: kept
            for word, listed in self.pairs.items()
            if (kept := tuple((v, s) for v, s in listed if v in known))
        }
        return AssociationLexicon(pairs)

    def expand(self, bag: MutableMapping[str, float], weight: float) -> None:
        """Add to ``bag`` every list word that a word of ``bag`` calls to mind, weighted by
        ``weight`` × strength × the notice word's own weight."""
        if weight <= 0:
            return
        pairs = self.pairs
        found = [(pairs[word], w * weight) for word, w in bag.items() if word in pairs]
        for listed, w in found:
            for v, strength in listed:
                bag[v] = bag.get(v, 0.0) + w * strength

    def source(
        self, listed: str, notice_words: Iterable[str], *, min_strength: float = 0.0
    ) -> str | None:
        """The notice word that calls ``listed`` to mind most strongly (for reasons), if that is
        at least ``min_strength``; of words calling it to mind equally, the first in sorted
        order, so a reason reads the same in every run whatever order the words come in (a
        set's order changes with the hash seed)."""
        best: tuple[float, str] | None = None
        for word in sorted(notice_words):
            for v, strength in self.pairs.get(word, ()):
                if (
                    v == listed
                    and strength >= min_strength
                    and (best is None or strength > best[0])
                ):
                    best = (strength, word)
        return best[1] if best else None


def load_associations(text: str, *, source: str = "associations.tsv") -> AssociationLexicon:
    """Parse ``notice word<TAB>list word<TAB>strength`` lines (``#`` starts a comment)."""
    pairs: dict[str, list[tuple[str, float]]] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 3:
            raise ValueError(f"{source} 第 {number} 行：应为“通知用语、清单用语、强度”三列")
        try:
            strength = float(fields[2])
        except ValueError:
            raise ValueError(f"{source} 第 {number} 行第 3 列：强度应为数字") from None
        pairs.setdefault(fields[0], []).append((fields[1], strength))
    return AssociationLexicon({w: tuple(v) for w, v in pairs.items()})


@lru_cache(maxsize=1)
def default_associations() -> AssociationLexicon:
    """The packaged lexicon (``data/associations.tsv``)."""
    data = resources.files("jiceng.text") / "data" / "associations.tsv"
    return load_associations(data.read_text(encoding="utf-8"))
