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

from collections.abc import Container, Mapping, MutableMapping
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

    def expand(
        self, bag: MutableMapping[str, float], known: Container[str], weight: float
    ) -> dict[str, str]:
        """Add to ``bag`` every list word in ``known`` (the index vocabulary: a word no item holds
        adds nothing) that a word of ``bag`` calls to mind, weighted by ``weight`` × strength ×
        the notice word's own weight. Returns each added word the notice itself did not use
        with the notice word that brought it (the strongest one), for reasons."""
        if weight <= 0:
            return {}
        added: dict[str, float] = {}
        source: dict[str, tuple[float, str]] = {}
        for word, w in bag.items():
            for listed, strength in self.pairs.get(word, ()):
                if listed in known:
                    added[listed] = added.get(listed, 0.0) + w * strength * weight
                    if listed not in source or strength > source[listed][0]:
                        source[listed] = (strength, word)
        new = {listed: word for listed, (_, word) in source.items() if listed not in bag}
        for listed, w in added.items():
            bag[listed] = bag.get(listed, 0.0) + w
        return new


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
