"""A learned reader of sentences that hand a county department's own job to the township (label
rule 3: law enforcement, professional testing or inspection, penalties, paying on its behalf).

The act lexicons (``acts.toml``) read those jobs from the words of the law and of the notices
studied so far; departments name them in endless other ways ("把那几家的罚单开了", "样品弄回来送去
化验", "这笔钱镇里先出"). This reader is a logistic regression over the character 1–3-grams of a
sentence (``jiceng.text.char_model``), trained by ``bench/intake_pushed_jobs.py`` on sentences of
our own labelled counties and of blind-written probes (never the sample); its weights ship as data
(``data/pushed_jobs.tsv``).

It is read only where the lexicons found nothing, and only in the sentences the notice addresses
to the township (``own_ask_sentences``), not in those a county body performs: under a 配合
winner (``decision.decide``: rule 3) and under a 基本 winner with a 收回 or the sender's 配合
neighbour of its domain (``Screener._read_as_pushed_down``: rule 4 or 3). A sentence at or above
the threshold (``policy.toml`` ``[pushed_jobs]``) is the evidence, and the reason names it, its
probability and the character strings that weighed most.
"""

from __future__ import annotations

import re

from jiceng.intake.acts import ActAnalyzer, ActEvidence
from jiceng.text.char_model import CharNgramModel, packaged_model
from jiceng.text.sentences import Span, split_sentences

# a sentence whose clauses are this much someone else's ("县局将派员检测") is not asked of the township
_OTHERS_SHARE = 0.9
LABEL = "与部门自身职责下派的措辞相近"


def default_model() -> CharNgramModel:
    """The model shipped with the package (read once)."""
    return packaged_model("jiceng.intake", "pushed_jobs.tsv")


def own_ask_sentences(text: str, acts: ActAnalyzer) -> list[Span]:
    """The sentences of ``text`` that ask the township something (an ask cue or directive mood)
    and are not wholly work a county body or someone else performs."""
    return _own([s for s in split_sentences(text) if acts.is_directive(s.text)], text, acts)


def _own(sentences: list[Span], text: str, acts: ActAnalyzer) -> list[Span]:
    """Those of ``sentences`` (of ``text``) less than ``_OTHERS_SHARE`` someone else's work."""
    if not sentences:
        return []
    others = [c for c, other in acts.clause_agents(text) if other or acts.disclaimed.match(c.text)]
    out = []
    for s in sentences:
        theirs = sum(
            min(c.end, s.end) - max(c.start, s.start)
            for c in others
            if c.start < s.end and c.end > s.start
        )
        if theirs < _OTHERS_SHARE * (s.end - s.start):
            out.append(s)
    return out


class PushedJobReader:
    """Finds the sentence of a notice that most reads as a department's own job pushed down.

    A sentence is read only when it holds a character of an act (``act_chars``: testing, checking,
    judging, penalising, sealing, certifying, paying…): the model has learned the frame such asks
    come in ("请各镇对辖区…开展…"), and the same frame asks for visits and publicity too."""

    def __init__(
        self,
        acts: ActAnalyzer,
        threshold: float,
        act_chars: str,
        model: CharNgramModel | None = None,
    ):
        self.acts = acts
        self.threshold = threshold
        self.act_chars = re.compile(act_chars)
        self.model = model or default_model()

    def find(self, field: str, text: str) -> tuple[ActEvidence, float] | None:
        """The strongest own-ask sentence at or above the threshold, with its probability. (Who
        performs a sentence's clauses is the costly part: it is worked out only for sentences
        that read strongly enough.)"""
        strong: list[tuple[float, Span]] = []
        for s in split_sentences(text):
            if self.act_chars.search(s.text) and self.acts.is_directive(s.text):
                p = self.model.probability(s.text)
                if p >= self.threshold:
                    strong.append((p, s))
        own = {(s.start, s.end) for s in _own([s for _, s in strong], text, self.acts)}
        best = max(
            ((p, s) for p, s in strong if (s.start, s.end) in own),
            key=lambda found: found[0],
            default=None,
        )
        if best is None:
            return None
        p, s = best
        return ActEvidence("learned", LABEL, s.text, field, s.start, s.end), p
