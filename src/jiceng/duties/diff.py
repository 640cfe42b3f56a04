"""Compare two versions of a duty list (lists are revised every year or so).

Items are matched by id first. Items left over on both sides whose names are identical (after
whitespace/width normalisation) are paired as renumbered — a list revision often renumbers items,
and moving an item to another category always changes its prefix (JB-010 → SH-004).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field, fields

from jiceng.duties.items import Category, DutyItem

__all__ = ["ChangedItem", "DutyListDiff", "MovedItem", "RenumberedItem", "diff_lists"]

# Fields compared for "changed" (id and category have their own buckets).
COMPARED_FIELDS = tuple(f.name for f in fields(DutyItem) if f.name not in ("id", "category"))
FIELD_LABELS = {
    "domain": "所属领域",
    "name": "事项名称",
    "content": "具体工作内容",
    "basis": "履职依据",
    "lead_department": "牵头（主管）部门",
    "township_role": "乡镇（街道）职责",
}


@dataclass(frozen=True, slots=True)
class MovedItem:
    """An item whose category changed; ``id`` is its id in the new list."""

    id: str
    from_category: Category
    to_category: Category
    old_id: str


@dataclass(frozen=True, slots=True)
class ChangedItem:
    """An item (``id`` in the new list) whose text fields changed: field -> (old, new)."""

    id: str
    changes: dict[str, tuple[str, str]]
    old_id: str

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(self.changes)


@dataclass(frozen=True, slots=True)
class RenumberedItem:
    old_id: str
    new_id: str
    name: str


@dataclass
class DutyListDiff:
    added: list[DutyItem] = field(default_factory=list)
    removed: list[DutyItem] = field(default_factory=list)
    moved: list[MovedItem] = field(default_factory=list)
    changed: list[ChangedItem] = field(default_factory=list)
    renumbered: list[RenumberedItem] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.removed or self.moved or self.changed or self.renumbered)

    def summary(self) -> str:
        """One Chinese line for a version history page."""
        if self.is_empty:
            return "两个版本内容相同。"
        parts = [
            (len(self.added), "新增"),
            (len(self.removed), "删除"),
            (len(self.moved), "调整类别"),
            (len(self.changed), "修改内容"),
            (len(self.renumbered), "重新编号"),
        ]
        return "，".join(f"{label} {n} 项" for n, label in parts if n) + "。"

    def describe(self) -> list[str]:
        """One Chinese line per change, for the review page before a new version is saved."""
        lines = [f"新增：{it.id} {it.name}（{it.category.label}）" for it in self.added]
        lines += [f"删除：{it.id} {it.name}（{it.category.label}）" for it in self.removed]
        lines += [f"重新编号：{r.old_id} → {r.new_id} {r.name}" for r in self.renumbered]
        lines += [
            f"调整类别：{m.id} 由{m.from_category.label}调整为{m.to_category.label}"
            for m in self.moved
        ]
        lines += [
            f"修改：{c.id} 的" + "、".join(FIELD_LABELS.get(f, f) for f in c.fields)
            for c in self.changed
        ]
        return lines


def _norm(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def _compare(old: DutyItem, new: DutyItem, result: DutyListDiff) -> None:
    if old.category is not new.category:
        result.moved.append(MovedItem(new.id, old.category, new.category, old.id))
    changes = {
        name: (getattr(old, name), getattr(new, name))
        for name in COMPARED_FIELDS
        if _norm(getattr(old, name)) != _norm(getattr(new, name))
    }
    if changes:
        result.changed.append(ChangedItem(new.id, changes, old.id))


def diff_lists(old: list[DutyItem], new: list[DutyItem]) -> DutyListDiff:
    """What changed from ``old`` to ``new``; each bucket keeps the order of the new list."""
    result = DutyListDiff()
    old_by_id = {it.id: it for it in old}
    new_ids = {it.id for it in new}
    unmatched_new: list[DutyItem] = []
    for item in new:
        if item.id in old_by_id:
            _compare(old_by_id[item.id], item, result)
        else:
            unmatched_new.append(item)
    unmatched_old = [it for it in old if it.id not in new_ids]
    # Pair leftovers by identical name, only where the name is unique on both sides.
    old_names: dict[str, list[DutyItem]] = {}
    for it in unmatched_old:
        old_names.setdefault(_norm(it.name), []).append(it)
    new_name_counts: dict[str, int] = {}
    for it in unmatched_new:
        new_name_counts[_norm(it.name)] = new_name_counts.get(_norm(it.name), 0) + 1
    paired_old: set[str] = set()
    for item in unmatched_new:
        key = _norm(item.name)
        candidates = old_names.get(key, [])
        if key and len(candidates) == 1 and new_name_counts[key] == 1:
            previous = candidates[0]
            paired_old.add(previous.id)
            result.renumbered.append(RenumberedItem(previous.id, item.id, item.name))
            _compare(previous, item, result)
        else:
            result.added.append(item)
    result.removed = [it for it in unmatched_old if it.id not in paired_old]
    return result
