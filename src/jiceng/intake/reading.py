"""What the notice-level learned readers (``core_reader``, ``listed_reader``) share: the text they
read, taking a reading only when it is sure enough, and how a reason names its basis."""

from __future__ import annotations

from dataclasses import dataclass

from jiceng.intake.records import Task
from jiceng.text.char_model import CharNgramModel


@dataclass(frozen=True, slots=True)
class Reading:
    """A sure reading of a notice: its probability and the strings that weighed most."""

    probability: float
    strongest: tuple[str, ...]

    def basis(self) -> str:
        """The reading as a reason puts it: "（概率 0.99；主要依据：“回头看”、“暗访”）"."""
        names = "、".join(f"“{s}”" for s in self.strongest)
        return f"（概率 {self.probability:.2f}" + (f"；主要依据：{names}" if names else "") + "）"


class NoticeReader:
    """A learned reading of a whole notice (title and body), taken only when it is at least
    ``threshold`` sure; otherwise the rules stand."""

    label = "判读"  # (named in the error a bad threshold raises)

    def __init__(self, threshold: float, model: CharNgramModel) -> None:
        if not 0.5 < threshold < 1.0:
            raise ValueError(f"{self.label}的阈值应在 0.5 与 1 之间，实为 {threshold}")
        self.threshold = threshold
        self.model = model

    def read(self, task: Task) -> Reading | None:
        text = notice_text(task)
        p = self.model.probability(text)
        if p < self.threshold:
            return None
        return Reading(p, named_strings(self.model, text))


def notice_text(task: Task) -> str:
    """What a reader reads: the title, then the body (as in training)."""
    return task.title + "。" + task.body


def named_strings(model: CharNgramModel, text: str, k: int = 3) -> tuple[str, ...]:
    """What the reason names as the reading's basis: the strongest strings of two characters or
    more (a lone character says nothing to a reviewer), chained where they run on in the notice
    ("回头" and "头看" shown as "回头看")."""
    grams = [g for g in model.strongest(text, 4 * k) if len(g) >= 2]
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
