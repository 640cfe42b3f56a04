"""A learned reading of whether a listed task the rules would revise (label rule 6: cut the
formalism, the work stays) has formalism at its very core (rule 7: reject).

``decision.core_formalism`` decides it by rule: the title carries core-flag evidence and names
nothing else, or no ask of the body is free of such evidence while asking substantive work. On
counties nobody studied, that test misses a core it cannot see in any one sentence (a campaign
told as a season's duty, a check-in as routine work), and the general features of a notice — its
sentence counts, flags, the engine's scores — do not tell those cases apart
(``bench/intake_boundary_experiment.py``). The words do, somewhat: this reader is a logistic
regression over the character 1–2-grams of the title and body (``jiceng.text.char_model``),
trained by ``bench/intake_core_reader.py`` on the listed tasks with formalism flags of our own
labelled counties (never the sample) that the rules conclude by rule 6 or 7, with the reviewed
decision as the target. Its weights ship as data (``data/core_reader.tsv``).

It is a second opinion in one direction only: a task with core-flag evidence that the rules
would revise is rejected when the reading is at least ``threshold`` sure (``policy.toml``
``[core_reader]``), and the reason says the rules and the reading disagreed, with the reading's
probability and the strings that weighed most, for the reviewer to confirm. The other way, a
rule-7 reject read as work to revise, cross-validation found it wrong almost as often as right,
so the rules keep those.
"""

from __future__ import annotations

from jiceng.intake.reading import NoticeReader, Reading
from jiceng.text.char_model import CharNgramModel, packaged_model


def default_model() -> CharNgramModel:
    """The model shipped with the package (read once)."""
    return packaged_model("jiceng.intake", "core_reader.tsv")


class CoreReader(NoticeReader):
    """Reads whether a task's core is itself formalism (``read``: None unless sure of it)."""

    label = "形式主义核心判读"

    def __init__(self, threshold: float, model: CharNgramModel | None = None) -> None:
        super().__init__(threshold, model or default_model())

    @staticmethod
    def reason(reading: Reading) -> str:
        return (
            "按规则判断，删去上述要求后仍有实质工作；学习所得的判读模型则读作任务的核心要求本身"
            f"就是形式主义{reading.basis()}，从其判读，请审核人员确认。"
        )
