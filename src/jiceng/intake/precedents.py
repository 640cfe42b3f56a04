"""Precedents: the county's own reviewed tasks, looked up when the same kind of task comes again.

A county sees the same kinds of tasks period after period — the quarterly report, the spring
campaign, the annual census round — written each time by another clerk, with the department's
own shorthand for the duty. Once a reviewer has settled which duty item such a task belongs to,
the next one of its kind should be read the same way. A precedent is a reviewed task from the
same sender whose words (title and asks, boilerplate left out) are close enough to the new
task's; its reviewed duty item (or its "no item") then takes the place of retrieval's pick.

How close is close enough starts from a packaged cut and is then checked on the examples
themselves, leave-one-out: each reviewed task is screened as if it were new, with the others as
precedents, and the cut moves to where following precedents would have fixed the most of the
county's own items net of those it broke — up past precedents that would have misled, or down
where more would have helped.

Only the item is carried over. The decision is taken again on the new text: this year's notice
may have dropped last year's photo demands, or added a quota, and rules 3–8 judge what it asks.
Nor does a precedent settle whether a returned power is asked: the screener does not follow one
onto a 收回 item when the new notice asks no act of its kind, nor off the 收回 item retrieval took
for an act the notice asks (``Screener._follows``; one sender's tasks on the 基本 / 配合 / 收回
items of one topic read alike and differ exactly there).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from jiceng.duties.items import DutyItem
from jiceng.intake.learning import LabelledTask
from jiceng.intake.matching import MatchOutcome
from jiceng.intake.records import Task

Bag = Mapping[str, float]


@dataclass(frozen=True, slots=True)
class Precedent:
    example: LabelledTask
    similarity: float

    @property
    def duty_item(self) -> str | None:
        return self.example.duty_item

    def note(self, item_phrase: str) -> str:
        task = self.example.task
        return (
            f"本县已复核过同一发文单位的同类任务 {task.id}“{task.title}”（用词相似度 "
            f"{self.similarity:.2f}），复核认定为{item_phrase}，本次沿用该认定。"
        )


@dataclass(frozen=True, slots=True)
class TrialPin:
    """One reviewed task screened as new: its nearest other precedent and who got it right."""

    similarity: float
    precedent_right: bool
    retrieval_right: bool


class PrecedentIndex:
    """Reviewed tasks compared by TF-IDF cosine over the matcher's word bags.

    Word weights (idf) come from the duty list and the examples together, so the words every
    item shares weigh little and a department's own shorthand, which no item uses, weighs most.
    Rule-7 rejects are left out: their item is only "the closest", a reviewer's judgment call,
    not a reading worth repeating; so are examples of items no longer on the list.
    """

    def __init__(
        self,
        examples: Sequence[LabelledTask],
        items: Sequence[DutyItem],
        bag_of: Callable[[Task], Bag],
        item_bag: Callable[[DutyItem], Bag],
    ) -> None:
        item_ids = {i.id for i in items}
        self.examples = [
            ex
            for ex in examples
            if not ex.is_rule7 and (ex.duty_item is None or ex.duty_item in item_ids)
        ]
        self.min_similarity = math.inf  # no precedent until ``calibrate`` sets the cut
        self._bag_of = bag_of
        bags = [bag_of(ex.task) for ex in self.examples]
        background = [item_bag(i) for i in items] + bags
        df: dict[str, int] = {}
        for bag in background:
            for term in bag:
                df[term] = df.get(term, 0) + 1
        n = len(background)
        self._idf = {t: math.log(1 + n / d) for t, d in df.items()}
        self._vocab = {t: j for j, t in enumerate(self._idf)}
        self._matrix = sparse.vstack(
            [self._vector(b) for b in bags] or [sparse.csr_matrix((0, len(self._vocab)))]
        ).tocsr()
        self._senders = np.array([_sender_key(ex.task.from_department) for ex in self.examples])

    def __len__(self) -> int:
        return len(self.examples)

    def _vector(self, bag: Bag) -> sparse.csr_matrix:
        cols, vals = [], []
        for term, tf in bag.items():
            j = self._vocab.get(term)
            if j is not None and tf > 0:
                cols.append(j)
                vals.append(
                    (1 + math.log(tf)) * self._idf[term] if tf >= 1 else tf * self._idf[term]
                )
        v = np.array(vals)
        norm = float(np.linalg.norm(v)) if len(v) else 0.0
        return sparse.csr_matrix(
            (v / norm if norm else v, ([0] * len(cols), cols)), shape=(1, len(self._vocab))
        )

    def _similarities(self, task: Task) -> np.ndarray:
        if not self.examples:
            return np.zeros(0)
        sims = np.asarray((self._matrix @ self._vector(self._bag_of(task)).T).todense()).ravel()
        sims[self._senders != _sender_key(task.from_department)] = 0.0
        return sims

    def nearest(self, task: Task) -> Precedent | None:
        """The most similar reviewed task from the same sender, if similar enough."""
        found = self._most_similar(task)
        return found if found is not None and found.similarity >= self.min_similarity else None

    def _most_similar(self, task: Task, *, exclude: int | None = None) -> Precedent | None:
        """The most similar reviewed task from the same sender (other than ``exclude``)."""
        sims = self._similarities(task)
        if exclude is not None and len(sims):
            sims[exclude] = 0.0
        if not len(sims) or sims.max() <= 0:
            return None
        best = int(sims.argmax())
        return Precedent(self.examples[best], float(sims[best]))

    def calibrate(
        self,
        retrieve: Callable[[Task], MatchOutcome],
        *,
        follows: Callable[[str | None, MatchOutcome], bool] = lambda reviewed, match: True,
        default: float,
        floor: float,
    ) -> None:
        """Set the similarity cut from the examples themselves (leave-one-out, see module doc).

        ``retrieve`` should be retrieval without the examples' learned words: a held-out
        example's own words would otherwise make retrieval look better on it than on new tasks.
        """
        trials = []
        for k, ex in enumerate(self.examples):
            found = self._most_similar(ex.task, exclude=k)
            if found is None:
                continue
            retrieved = retrieve(ex.task)
            retrieved_id = retrieved.item.id if retrieved.item is not None else None
            if not follows(found.duty_item, retrieved):
                continue  # the precedent would not be followed: retrieval's pick stands
            trials.append(
                TrialPin(
                    found.similarity,
                    found.duty_item == ex.duty_item,
                    retrieved_id == ex.duty_item,
                )
            )
        self.min_similarity = best_cut(trials, default=default, floor=floor)


def best_cut(trials: Sequence[TrialPin], *, default: float, floor: float) -> float:
    """The similarity cut with the largest net gain of following precedents over retrieval
    (items fixed minus items broken, over the trials at or above it), the packaged default
    winning ties: the examples move the cut only when they show it would do better elsewhere —
    down where more precedents would have helped, up past precedents that would have misled.
    Never below ``floor``; infinity (no precedents) when every cut down to the floor loses."""

    def gain(cut: float) -> int:
        return sum(
            int(t.precedent_right) - int(t.retrieval_right) for t in trials if t.similarity >= cut
        )

    cuts = {default, math.inf} | {t.similarity for t in trials if t.similarity >= floor}
    return max(cuts, key=lambda c: (gain(c), -abs(c - default)))


def _sender_key(name: str) -> str:
    return "".join(name.split())
