"""A learned reading of which kind of duty a notice asks of the township: its own (基本), help
to the county department that leads the work (配合), or a power the county has taken back (收回).

Where a topic carries a 基本, a 配合 and a 收回 item, retrieval and the precedence rules put them
close together, and the arbiter between near neighbours (``jiceng.intake.neighbours``) decides
which the task falls under from signals of the pair. None of those signals reads how the notice
itself is worded: a notice handing down the power ("自行出具检测结论", "直接发给零售证") reads
unlike one asking for help ("通知经营户到场", "提供名单"), whatever the topic's words. This
reader gives the arbiter that signal: a multinomial logistic regression over the character 1–2-
grams of the title and body (``jiceng.text.char_model.CharNgramClassifier``), trained by
``bench/intake_category_reader.py`` on the labelled tasks of our own counties (never the sample)
that name an item, with the item's category as the target. Its weights ship as data
(``data/category_reader.tsv``).

It decides nothing by itself: the arbiter weighs how much likelier it reads the rival's category
than the pick's, beside its other signals, and names it in its reason when it weighed most.
"""

from __future__ import annotations

from jiceng.duties.items import Category
from jiceng.intake.reading import notice_text
from jiceng.intake.records import Task
from jiceng.text.char_model import CharNgramClassifier, packaged_classifier

# The categories the reader tells apart (a task off the list has no item to weigh).
CATEGORIES = (Category.BASIC, Category.COOPERATING, Category.RETURNED)


def default_model() -> CharNgramClassifier:
    """The model shipped with the package (read once)."""
    return packaged_classifier("jiceng.intake", "category_reader.tsv")


class CategoryReader:
    """Reads how likely a notice asks each kind of duty (``read``: category → probability)."""

    label = "类别判读"

    def __init__(self, model: CharNgramClassifier | None = None) -> None:
        self.model = model or default_model()
        expected = tuple(c.value for c in CATEGORIES)
        if tuple(sorted(self.model.classes)) != tuple(sorted(expected)):
            raise ValueError(f"{self.label}的类别应为 {expected}，实为 {self.model.classes}")

    def read(self, task: Task) -> dict[Category, float]:
        found = self.model.probabilities(notice_text(task))
        return {Category(name): p for name, p in found.items()}
