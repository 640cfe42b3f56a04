"""The duty item as plain data: what every part (screening, coordination routing…) reads."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Category(StrEnum):
    """The three kinds of item on a published 履职事项清单 (DESIGN §3.1)."""

    BASIC = "basic"  # 基本履职事项: the township's own duty
    COOPERATING = "cooperating"  # 配合履职事项: a county department leads, the township assists
    RETURNED = "returned"  # 上级部门收回事项: the department must do it itself

    @property
    def label(self) -> str:
        return CATEGORY_LABELS[self]

    @classmethod
    def from_label(cls, text: str) -> Category | None:
        return LABEL_TO_CATEGORY.get(text.strip())


CATEGORY_LABELS = {
    Category.BASIC: "基本履职事项",
    Category.COOPERATING: "配合履职事项",
    Category.RETURNED: "上级部门收回事项",
}
LABEL_TO_CATEGORY = {label: cat for cat, label in CATEGORY_LABELS.items()}


@dataclass(frozen=True, slots=True)
class DutyItem:
    id: str
    category: Category
    domain: str
    name: str
    content: str
    basis: str = ""
    lead_department: str = ""
    township_role: str = ""

    @property
    def text(self) -> str:
        """The searchable text of the item, as the screening engine and search index read it."""
        return "\n".join(p for p in (self.name, self.content, self.township_role) if p)
