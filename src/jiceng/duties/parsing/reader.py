"""Read grids (from CSV or XLSX) as a duty list: find the header, the category, the items.

Every problem is collected and raised at once as ``InputErrors`` so the user can fix the file in
one go; row numbers are those the user sees in Excel (header row included).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from jiceng.duties.items import Category, DutyItem
from jiceng.duties.parsing.grids import Sheet
from jiceng.duties.parsing.layout import FORMAT, parse_category
from jiceng.errors import InputError, InputErrors


@dataclass
class DutyListFile:
    """One imported list: its items and what the file says about itself."""

    items: list[DutyItem]
    title: str = ""
    unit: str = ""
    version_note: str = ""
    source_name: str = ""
    # Non-fatal remarks for the importer to show (encoding guessed, ids generated, sheets skipped).
    warnings: list[str] = field(default_factory=list)

    def count_by_category(self) -> dict[Category, int]:
        counts = {c: 0 for c in Category}
        for item in self.items:
            counts[item.category] += 1
        return counts


# --- interpretation -------------------------------------------------------------------------


@dataclass
class _Row:
    """One data row, already mapped to fields, before ids are settled."""

    file_label: str
    row: int
    values: dict[str, str]
    category: Category | None
    headers: dict[str, str]  # field -> header text as the user wrote it (for error messages)


def interpret(sheets: list[Sheet], name: str, warnings: list[str]) -> DutyListFile:
    errors: list[InputError] = []
    rows: list[_Row] = []
    result = DutyListFile(items=[], source_name=name, warnings=warnings)
    found_header = False
    multi = len(sheets) > 1
    for sheet in sheets:
        label = f"{name}［工作表：{sheet.name}］" if multi and sheet.name else name
        header = _find_header(sheet)
        if header is None:
            if multi and any(v for _, cells in sheet.rows for v in cells):
                warnings.append(f"工作表“{sheet.name}”中没有找到清单表头，已跳过。")
            continue
        found_header = True
        header_row, columns, strict = header
        title, unit, version = _read_preamble(sheet, header_row)
        if not result.title:
            result.title, result.unit, result.version_note = title, unit, version
        sheet_category = parse_category(sheet.name) or parse_category(title)
        headers = {f: sheet_cells_text(sheet, header_row, i) for f, i in columns.items()}
        missing = [f for f in FORMAT.required_fields if f not in columns]
        if strict:
            missing = [c for c in FORMAT.contract_columns if c not in columns]
        if missing:
            labels = "、".join(f"“{FORMAT.field_labels[f]}”" for f in missing)
            errors.append(InputError(f"表头缺少必需的列：{labels}。", file=label, row=header_row))
            continue
        sheet_rows, sheet_errors = _read_rows(sheet, header_row, columns, strict, sheet_category)
        if "category" not in columns and any(r.category is None for r in sheet_rows):
            errors.append(
                InputError(
                    "表头缺少“事项类别”列，工作表名称和分段标题也没有指明类别。",
                    file=label,
                    row=header_row,
                )
            )
            sheet_rows = [r for r in sheet_rows if r.category is not None]
        for r in sheet_rows:
            r.file_label = label
            r.headers = headers
        for e in sheet_errors:
            e.file = label
            errors.append(InputError(e.detail, file=label, row=e.row, column=e.column))
        rows.extend(sheet_rows)
    if not found_header:
        expected = "、".join(FORMAT.field_labels[f] for f in FORMAT.required_fields)
        raise InputError(
            f"没有找到清单表头。表头应包含“事项类别”以及 {expected} 等列，"
            f"或使用标准列名 {','.join(FORMAT.contract_columns)}。",
            file=name,
        )
    ids = _assign_ids(rows, warnings)
    items, item_errors = _build_items(rows, ids)
    errors.extend(item_errors)
    if errors:
        raise InputErrors(errors)
    if not items:
        raise InputError("文件中没有找到任何履职事项（表头下方没有数据行）。", file=name)
    result.items = items
    return result


def sheet_cells_text(sheet: Sheet, row_number: int, index: int) -> str:
    for number, cells in sheet.rows:
        if number == row_number:
            return cells[index] if index < len(cells) else ""
    return ""


def _map_header(cells: list[str]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for i, text in enumerate(cells):
        f = FORMAT.match_field(text)
        if f and f not in columns:
            columns[f] = i
    return columns


def _find_header(sheet: Sheet) -> tuple[int, dict[str, int], bool] | None:
    for number, cells in sheet.rows[: FORMAT.limits["header_scan_rows"]]:
        columns = _map_header(cells)
        if len(columns) >= 3 or ("name" in columns and len(columns) >= 2):
            raw = {c.strip() for c in cells if c.strip()}
            strict = set(FORMAT.contract_columns) <= raw
            return number, columns, strict
    return None


_VERSION_RE = re.compile(r"(\d{4}\s*年|版|修订|更新|日期|v\d)", re.IGNORECASE)


def _read_preamble(sheet: Sheet, header_row: int) -> tuple[str, str, str]:
    """Title, unit and version note from the rows above the header."""
    texts: list[str] = []
    for number, cells in sheet.rows:
        if number >= header_row:
            break
        seen: list[str] = []
        for c in cells:
            if c and c not in seen:
                seen.append(c)
        texts.extend(seen)
    if not texts:
        return "", "", ""
    title = _strip_category_suffix(texts[0])
    unit = version = ""
    for text in texts[1:]:
        # A single cell may hold both: "填报单位：某某办公室　　2026年版".
        for part in re.split(r"\s{2,}|\u3000+", text):
            part = part.strip()
            if not part:
                continue
            key, sep, rest = re.sub(r"[:：]", ":", part).partition(":")
            if not unit and sep and any(m in key for m in FORMAT.preamble["unit_markers"]):
                unit = rest.strip()
            elif not version and _VERSION_RE.search(part):
                version = part
    return title, unit, version


def _strip_category_suffix(title: str) -> str:
    m = re.match(r"^(.*?)[（(]([^（）()]*)[）)]?\s*$", title)
    if m and parse_category(m.group(2)):
        return m.group(1).strip()
    return title.strip()


def _is_note(text: str) -> bool:
    t = unicodedata.normalize("NFKC", text).strip()
    if any(t.startswith(p) for p in FORMAT.notes["signature_prefixes"]):
        return True
    for p in FORMAT.notes["prefixes"]:
        if t.startswith(p):
            rest = t[len(p) :]
            # "注：…", "注1.", "说明:"; but not an item named "注销…" or "说明会…".
            if p in ("※", "*") or not rest or rest[0] in ":：0123456789.、 (（①②③":
                return True
    return False


def _read_rows(
    sheet: Sheet,
    header_row: int,
    columns: dict[str, int],
    strict: bool,
    sheet_category: Category | None,
) -> tuple[list[_Row], list[InputError]]:
    rows: list[_Row] = []
    errors: list[InputError] = []
    header_fields = set(columns)
    current = sheet_category
    in_notes = False
    cat_col = columns.get("category")
    for number, cells in sheet.rows:
        if number <= header_row:
            continue
        values = [c for c in cells if c]
        if not values:
            continue
        distinct = list(dict.fromkeys(values))
        first = distinct[0]
        if _is_note(first) and len(distinct) <= 2:
            in_notes = True
            continue
        if set(_map_header(cells)) == header_fields:
            continue  # the header repeated (lists pasted from Word repeat it on every page)
        if len(distinct) == 1:
            section = parse_category(first) if len(first) <= 30 else None
            only_in_category_cell = cat_col is not None and cells[cat_col] == first
            if section and (only_in_category_cell or cells.count(first) > 1 or not strict):
                current = section  # "一、配合履职事项" section row, or a merged category cell
                continue
            if in_notes:
                continue
            name_col = columns.get("name")
            if (name_col is None or cells[name_col] != first) and len(first) > 15:
                in_notes = True  # a footnote written without a "注：" prefix
                continue
        row_values = {f: (cells[i] if i < len(cells) else "") for f, i in columns.items()}
        category: Category | None
        raw_cat = row_values.get("category", "")
        if raw_cat:
            category = parse_category(raw_cat)
            if category is None:
                errors.append(
                    InputError(
                        f"事项类别“{raw_cat}”无法识别，应为“基本履职事项”“配合履职事项”或“上级部门收回事项”。",
                        row=number,
                        column=sheet_cells_text(sheet, header_row, columns["category"]),
                    )
                )
                continue
            current = category
        elif strict:
            errors.append(InputError("事项类别为空。", row=number, column="category"))
            continue
        else:
            category = current
        rows.append(_Row("", number, row_values, category, {}))
    return rows, errors


def _seq_number(text: str) -> int | None:
    t = unicodedata.normalize("NFKC", text).strip().rstrip(".、")
    return int(t) if t.isdigit() else None


def _assign_ids(rows: list[_Row], warnings: list[str]) -> list[str]:
    """The 编号 of each row, or one made from category prefix and 序号 where the list has none.

    序号 is used when it restarts at 1 in each category (sheet per category); when a single sheet
    numbers straight through, the position within the category is used instead, so the same
    list gives the same ids in either layout.
    """
    by_category: dict[Category, list[_Row]] = {}
    for r in rows:
        if r.category is not None and not r.values.get("id"):
            by_category.setdefault(r.category, []).append(r)
    generated: dict[int, str] = {}
    for category, members in by_category.items():
        seqs = [_seq_number(r.values.get("seq", "")) for r in members]
        use_seq = all(s is not None for s in seqs) and min(s or 0 for s in seqs) == 1
        prefix = FORMAT.id_prefix[category.value]
        for pos, (r, s) in enumerate(zip(members, seqs, strict=True), start=1):
            generated[id(r)] = f"{prefix}-{(s if use_seq and s is not None else pos):03d}"
    if generated:
        warnings.append(f"有 {len(generated)} 个事项没有编号，已按类别和序号生成（如 JB-001）。")
    return [
        unicodedata.normalize("NFKC", r.values.get("id", "")).strip() or generated.get(id(r), "")
        for r in rows
    ]


def _is_township_lead(lead: str) -> bool:
    t = unicodedata.normalize("NFKC", lead).strip()
    rules = FORMAT.township_lead
    if any(t.startswith(p) for p in rules["upper_prefixes"]):
        return False
    return any(m in t for m in rules["markers"])


def _build_items(rows: list[_Row], ids: list[str]) -> tuple[list[DutyItem], list[InputError]]:
    items: list[DutyItem] = []
    errors: list[InputError] = []
    first_seen: dict[str, _Row] = {}
    for r, item_id in zip(rows, ids, strict=True):
        v = r.values
        col = r.headers.get
        row_errors: list[InputError] = []
        if item_id in first_seen:
            prev = first_seen[item_id]
            where = (
                f"第 {prev.row} 行"
                if prev.file_label == r.file_label
                else f"{prev.file_label} 第 {prev.row} 行"
            )
            row_errors.append(
                InputError(
                    f"编号“{item_id}”重复（与{where}相同）。", row=r.row, column=col("id") or "编号"
                )
            )
        else:
            first_seen[item_id] = r
        name = v.get("name", "")
        lead = v.get("lead_department", "")
        if not name:
            row_errors.append(InputError("事项名称为空。", row=r.row, column=col("name")))
        if r.category in (Category.COOPERATING, Category.RETURNED) and not lead:
            row_errors.append(
                InputError(
                    f"{r.category.label}必须填写牵头（主管）部门。",
                    row=r.row,
                    column=col("lead_department"),
                )
            )
        if r.category is Category.BASIC and lead and not _is_township_lead(lead):
            row_errors.append(
                InputError(
                    f"基本履职事项由乡镇（街道）自身承担，牵头部门应为乡镇（街道），而不是“{lead}”；"
                    "如由县级部门牵头，应列为配合履职事项。",
                    row=r.row,
                    column=col("lead_department"),
                )
            )
        for e in row_errors:
            errors.append(InputError(e.detail, file=r.file_label, row=e.row, column=e.column))
        if row_errors or r.category is None:
            continue
        items.append(
            DutyItem(
                id=item_id,
                category=r.category,
                domain=v.get("domain", ""),
                name=name,
                content=v.get("content", ""),
                basis=v.get("basis", ""),
                lead_department=lead,
                township_role=v.get("township_role", ""),
            )
        )
    return items, errors
