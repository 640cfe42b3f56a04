"""A learned reading of whether a listed task's core is itself formalism (label rule 7) or the
formalism can be cut while the work stays (rule 6).

``decision.core_formalism`` decides it by rule: the title carries core-flag evidence and names
nothing else, or no ask of the body is free of such evidence while asking substantive work. On
counties nobody studied, that test errs both ways about as often (a campaign's one real ask
written as background; a check-in told as a duty of the season), and the general features of a
notice — its sentence counts, flags, the engine's scores — do not tell those cases apart
(``bench/intake_boundary_experiment.py``). The words do, somewhat: this reader is a logistic
regression over the character 1–2-grams of the title and body (``jiceng.text.char_model``),
trained by ``bench/intake_core_reader.py`` on the listed tasks with formalism flags of our own
labelled counties (never the sample), with the reviewed decision as the target (reject or revise).
Its weights ship as data (``data/core_reader.tsv``).

It is a second opinion, not the judge: only a reading at least ``1 − margin`` sure of the other
answer (``policy.toml`` ``[core_reader]``) changes the decision, and the reason then says the rules
and the reading disagreed, with the reading's probability and the strings that weighed most, for
the reviewer to confirm.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

from jiceng.intake.records import Task
from jiceng.text.char_model import CharNgramModel, load_char_model


@cache
def default_model() -> CharNgramModel:
    """The model shipped with the package (read once)."""
    text = resources.files("jiceng.intake").joinpath("data/core_reader.tsv").read_text("utf-8")
    return load_char_model(text, source="core_reader.tsv")


def notice_text(task: Task) -> str:
    """What the reader reads: the title, then the body (as in training)."""
    return task.title + "。" + task.body


@dataclass(frozen=True, slots=True)
class CoreReading:
    """A reading that overrules the rules: ``core`` is what it reads (True: rule 7)."""

    core: bool
    probability: float  # that the task is to be rejected as core formalism
    strongest: tuple[str, ...]

    def reason(self) -> str:
        basis = "、".join(f"“{s}”" for s in self.strongest)
        basis = f"；主要依据：{basis}" if basis else ""
        if self.core:
            rules, read = "删去上述要求后仍有实质工作", "任务的核心本身就是形式主义"
        else:
            rules, read = "任务的核心要求本身就是形式主义", "删去上述要求后仍有实质工作"
        return (
            f"按规则判断，{rules}；学习所得的判读模型则读作{read}（属退回情形的概率 "
            f"{self.probability:.2f}{basis}），从其判读，请审核人员确认。"
        )


class CoreReader:
    def __init__(self, margin: float, model: CharNgramModel | None = None) -> None:
        if not 0.0 < margin < 0.5:
            raise ValueError(f"形式主义核心判读的 margin 应在 0 与 0.5 之间，实为 {margin}")
        self.margin = margin
        self.model = model or default_model()

    def overrules(self, task: Task, core_by_rules: bool) -> CoreReading | None:
        """The reading when it is sure enough of the other answer than the rules gave, else
        None (the rules stand)."""
        text = notice_text(task)
        p = self.model.probability(text)
        if core_by_rules and p <= self.margin:
            return CoreReading(False, p, _basis(self.model, text, against=True))
        if not core_by_rules and p >= 1.0 - self.margin:
            return CoreReading(True, p, _basis(self.model, text, against=False))
        return None


def _basis(model: CharNgramModel, text: str, *, against: bool, k: int = 3) -> tuple[str, ...]:
    """What the reason names as the reading's basis: the strongest strings of two characters or
    more (a lone character says nothing to a reviewer), chained where they run on in the notice
    ("回头" and "头看" shown as "回头看")."""
    grams = [g for g in model.strongest(text, 4 * k, against=against) if len(g) >= 2]
    merged: list[str] = []
    for g in grams:
        for i, m in enumerate(merged):
            if m[1 - len(g) :] == g[:-1] and m + g[-1] in text:
                merged[i] = m + g[-1]
                break
            if g[1:] == m[: len(g) - 1] and g[0] + m in text:
                merged[i] = g[0] + m
                break
        else:
            merged.append(g)
    return tuple(merged[:k])
