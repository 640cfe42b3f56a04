"""Learning from reviewed tasks (the county reviewer's confirmed labels).

Three uses, each measured by cross-validation in ``bench/intake_quality.py --cv``:
1. local words of the examples' asks (used by no item of the list, repeated in examples of one
   item) join that item's document, so the department wordings seen in practice are matched
   next time;
2. the no-match threshold (label rule 5) is re-fitted on out-of-fold retrieval scores when that
   separates them better than the default, shrunk towards the default by the number of the
   rarer kind of example (no-match ones are few);
3. flag patterns that only ever fire on examples whose reviewer did not confirm that flag are
   switched off (calibration).
Without examples the engine runs on its packaged defaults.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from jiceng.duties.items import DutyItem
from jiceng.errors import InputError
from jiceng.intake.acts import ActAnalyzer
from jiceng.intake.flags import FlagDetector
from jiceng.intake.records import Task, task_from_json
from jiceng.text.sentences import split_sentences

_DECISIONS = {"admit", "revise", "reject"}
_CATEGORIES = {"basic", "cooperating", "returned", "none"}
# No-match (or matched, whichever are fewer) examples needed before the fitted threshold counts
# as much as the packaged default.
_SHRINKAGE = 10
_FOLDS = 5


@dataclass(frozen=True, slots=True)
class LabelledTask:
    """A task with its reviewed label: ``{"decision", "duty_item", "category", "flags", ...}``."""

    task: Task
    label: Mapping[str, Any]

    @property
    def duty_item(self) -> str | None:
        value = self.label.get("duty_item")
        return str(value) if value else None

    @property
    def flags(self) -> list[str]:
        return list(self.label.get("flags") or [])

    @property
    def is_rule7(self) -> bool:
        """A reject whose core is formalism (label rule 7): its item is only "the closest", a
        judgment call, so it is neither scored for the item nor learned from for one."""
        return self.label.get("decision") == "reject" and bool(
            set(self.flags) - {"shifting_responsibility"}
        )


def labelled_task_from_json(
    obj: object, *, line: int | None = None, file: str | None = None
) -> LabelledTask:
    task = task_from_json(obj, line=line, file=file)
    assert isinstance(obj, dict)
    label = obj.get("label")
    if not isinstance(label, dict):
        raise InputError("示例任务缺少“label”对象", file=file, row=line, column="label")
    if label.get("decision") not in _DECISIONS:
        raise InputError(
            "“label.decision”应为 admit、revise 或 reject",
            file=file,
            row=line,
            column="label.decision",
        )
    if label.get("category", "none") not in _CATEGORIES:
        raise InputError("“label.category”取值无效", file=file, row=line, column="label.category")
    if not isinstance(label.get("flags", []), list):
        raise InputError("“label.flags”应为数组", file=file, row=line, column="label.flags")
    return LabelledTask(task, label)


@dataclass(slots=True)
class Learned:
    extra_texts: dict[str, list[str]] = field(default_factory=dict)
    none_threshold: float | None = None
    disabled_patterns: set[tuple[str, int]] = field(default_factory=set)


def example_texts(
    examples: Sequence[LabelledTask], acts: ActAnalyzer, item_ids: set[str]
) -> dict[str, list[str]]:
    """Per duty item, the title and ask sentences of the examples labelled with it."""
    out: dict[str, list[str]] = {}
    for ex in examples:
        item_id = ex.duty_item
        if item_id is None or item_id not in item_ids:
            continue
        asks = [s.text for s in split_sentences(ex.task.body) if acts.is_ask(s.text)]
        out.setdefault(item_id, []).append(ex.task.title + "。" + "".join(asks))
    return out


def fit_threshold(scored: Sequence[tuple[float, bool]], default: float) -> float:
    """The cut that best separates no-match examples (True) from matched ones, shrunk to default.

    The cut moves only when it makes fewer errors than the default on the out-of-fold scores,
    and then by a share that grows with the rarer of the two kinds of examples: a county's
    reviewed tasks hold few no-match ones, and a cut fitted to two or three of them is mostly
    chance (``_SHRINKAGE`` such examples weigh as much as the packaged default).
    """
    n_none = sum(1 for _, is_none in scored if is_none)
    n_rarer = min(n_none, len(scored) - n_none)
    if n_rarer == 0:
        return default
    values = sorted({s for s, _ in scored})
    cuts = [(a + b) / 2 for a, b in zip(values, values[1:], strict=False)] or [default]

    def errors(cut: float) -> int:
        return sum((s < cut) != is_none for s, is_none in scored)

    best = min(cuts, key=lambda c: (errors(c), abs(c - default)))
    if errors(best) >= errors(default):
        return default
    weight = n_rarer / (n_rarer + _SHRINKAGE)
    return weight * best + (1 - weight) * default


def calibrate_flags(
    examples: Sequence[LabelledTask], detector: FlagDetector, items: Mapping[str, DutyItem]
) -> set[tuple[str, int]]:
    """Patterns that fired at least twice on examples and never where the reviewer kept the flag."""
    fired: Counter[tuple[str, int]] = Counter()
    confirmed: Counter[tuple[str, int]] = Counter()
    for ex in examples:
        item = items.get(ex.duty_item or "")
        for field_name, text in (("title", ex.task.title), ("body", ex.task.body)):
            for code, index in detector.pattern_hits(field_name, text, item):
                fired[(code, index)] += 1
                if code in ex.flags:
                    confirmed[(code, index)] += 1
    return {key for key, n in fired.items() if n >= 2 and confirmed[key] == 0}


def learn(
    items: Sequence[DutyItem],
    examples: Sequence[LabelledTask],
    *,
    acts: ActAnalyzer,
    detector: FlagDetector,
    default_threshold: float,
    score_fn: Callable[[dict[str, list[str]], Task], float],
) -> Learned:
    """Fit what the examples can teach. ``score_fn(extra_texts, task)`` gives the best retrieval
    score of ``task`` against the list enriched with ``extra_texts`` (built per fold)."""
    item_ids = {i.id for i in items}
    scored: list[tuple[float, bool]] = []
    for fold in range(_FOLDS):
        train = [ex for k, ex in enumerate(examples) if k % _FOLDS != fold]
        held = [ex for k, ex in enumerate(examples) if k % _FOLDS == fold]
        if not held:
            continue
        extra = example_texts(train, acts, item_ids)
        for ex in held:
            if ex.is_rule7:
                continue  # the closest item of a rule-7 reject is a judgment call
            scored.append((score_fn(extra, ex.task), ex.duty_item is None))
    return Learned(
        extra_texts=example_texts(examples, acts, item_ids),
        none_threshold=fit_threshold(scored, default_threshold),
        disabled_patterns=calibrate_flags(examples, detector, {i.id: i for i in items}),
    )
