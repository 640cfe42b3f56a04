"""What the notice-level learned readers (``core_reader``, ``listed_reader``) share: the text they
read, and the strings a reason names as a reading's basis."""

from __future__ import annotations

from jiceng.intake.records import Task
from jiceng.text.char_model import CharNgramModel


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
