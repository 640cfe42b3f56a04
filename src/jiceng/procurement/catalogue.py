"""The county's guidance catalogue (政府购买服务指导性目录) file: positive and negative items. Pure.

A positive item that itself falls in a national negative class is refused at import: a county
catalogue cannot open what 财政部令第102号 closes.
"""

from __future__ import annotations

from jiceng.capacity.sheets import cell_text, read_rows
from jiceng.errors import InputError, InputErrors
from jiceng.procurement.checker import CatalogueEntry, find_negative_hits

COLUMNS: dict[str, tuple[str, ...]] = {
    "code": ("编码", "目录编码", "代码", "序号", "编号"),
    "category": ("类别", "一级目录", "二级目录", "服务类别", "所属类别", "目录类别"),
    "name": ("服务项目", "项目名称", "服务名称", "三级目录", "具体项目", "名称"),
    "description": ("服务内容", "内容", "项目说明", "说明", "服务要求", "具体内容"),
    "list_kind": ("清单类型", "清单", "类型", "正面/负面", "是否可购买"),
    "reason": ("理由", "依据", "不得购买理由", "备注"),
}
REQUIRED = ("code", "name")
POSITIVE = {"正面", "正面清单", "可购买", "是", "允许", "positive", ""}
NEGATIVE = {"负面", "负面清单", "不得购买", "禁止购买", "否", "禁止", "negative"}


def read_catalogue(data: bytes, filename: str) -> list[CatalogueEntry]:
    rows, headers = read_rows(data, filename, COLUMNS, REQUIRED)
    errors: list[InputError] = []
    entries: list[CatalogueEntry] = []
    seen: dict[str, int] = {}
    for row in rows:
        before = len(errors)
        code = cell_text(row, "code", headers["code"], filename, errors, limit=32)
        name = cell_text(row, "name", headers["name"], filename, errors, limit=200)
        description = cell_text(
            row,
            "description",
            headers.get("description", "服务内容"),
            filename,
            errors,
            required=False,
            limit=2000,
        )
        category = cell_text(
            row,
            "category",
            headers.get("category", "类别"),
            filename,
            errors,
            required=False,
            limit=100,
        )
        reason = cell_text(
            row,
            "reason",
            headers.get("reason", "理由"),
            filename,
            errors,
            required=False,
            limit=500,
        )
        kind_text = str(row.values.get("list_kind") or "").strip()
        if kind_text not in POSITIVE | NEGATIVE:
            errors.append(
                InputError(
                    f"“{kind_text}”不是有效的清单类型（应为“正面”或“负面”）。",
                    file=filename,
                    row=row.number,
                    column=headers.get("list_kind"),
                )
            )
        if len(errors) > before:
            continue
        if code in seen:
            errors.append(
                InputError(
                    f"编码“{code}”与第 {seen[code]} 行重复。",
                    file=filename,
                    row=row.number,
                    column=headers["code"],
                )
            )
            continue
        seen[code] = row.number
        negative = kind_text in NEGATIVE
        if not negative:
            hits = [h for h in find_negative_hits(f"{name}\n{description}") if not h.auxiliary]
            if hits:
                h = hits[0]
                errors.append(
                    InputError(
                        f"列为可购买的“{name}”含“{h.evidence}”，属于负面清单“{h.label}”，不能列入正面目录（{h.clause}）。",
                        file=filename,
                        row=row.number,
                        column=headers["name"],
                    )
                )
                continue
        entries.append(CatalogueEntry(code, name, description, category, negative, reason))
    if errors:
        raise InputErrors(errors)
    return entries
