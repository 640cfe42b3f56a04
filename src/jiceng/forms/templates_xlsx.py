"""Read report forms from the XLSX templates departments actually send (DESIGN §4).

Layout understood: a title row; a "制表单位：… 报送周期：…" row; one or two header rows where
group cells are merged above the field cells (the field is the lowest header cell, the group is
kept as subject context); each field's note as a cell comment; enum options as a drop-down
data-validation list. Types are not declared and are inferred (``inference.infer_type``).
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from jiceng.errors import InputError, InputErrors
from jiceng.forms.inference import infer_type
from jiceng.forms.schema import Form, FormField

# Limits that keep a hostile upload from exhausting memory: an XLSX is a zip archive, and a
# few kilobytes can inflate to gigabytes (a "zip bomb").
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_ZIP_ENTRIES = 5000
MAX_COMPRESSION_RATIO = 200
MAX_HEADER_ROWS = 3
SCAN_ROWS = 40  # the title, meta and header rows are always near the top

DEPARTMENT_KEYS = (
    "制表单位",
    "制表机关",
    "制发单位",
    "主管部门",
    "发文单位",
    "报表单位",
    "制表部门",
)
PERIOD_KEYS = ("报送周期", "报表周期", "填报周期", "上报周期", "报送频次", "报送频率", "周期")
SERIAL_HEADERS = {"序号", "编号序号"}  # row counters, not data elements
_META = re.compile(r"([^\s：:]{2,8})\s*[：:]\s*([^\s：:]*)")


def read_form_template(source: str | Path | bytes, form_id: str | None = None) -> Form:
    """Read one XLSX template into a ``Form``; the form id defaults to the file name's stem."""
    name = Path(source).name if isinstance(source, str | Path) else f"{form_id or '模板'}.xlsx"
    if form_id is None:
        if isinstance(source, bytes):
            raise InputError("读取字节内容时必须给出表单编号", file=name)
        form_id = Path(source).stem
    data = _read_bytes(source, name)
    workbook = _open_workbook(data, name)
    sheet = _pick_sheet(workbook)
    return _parse_sheet(workbook, sheet, form_id, name)


def load_forms_dir(folder: str | Path) -> list[Form]:
    """Read every ``*.xlsx`` template in a folder (sorted by name); errors are reported together."""
    path = Path(folder)
    if not path.is_dir():
        raise InputError("不是文件夹", file=str(path))
    files = sorted(p for p in path.glob("*.xlsx") if not p.name.startswith("~$"))
    if not files:
        raise InputError("文件夹中没有 .xlsx 报表模板", file=str(path))
    forms: list[Form] = []
    errors: list[InputError] = []
    for file in files:
        try:
            forms.append(read_form_template(file))
        except InputErrors as exc:
            errors.extend(exc.errors)
        except InputError as exc:
            errors.append(exc)
    if errors:
        raise InputErrors(errors)
    return forms


def _read_bytes(source: str | Path | bytes, name: str) -> bytes:
    if isinstance(source, bytes):
        data = source
    else:
        try:
            size = Path(source).stat().st_size
            if size > MAX_FILE_BYTES:
                raise InputError(f"文件过大（超过 {MAX_FILE_BYTES // 1024 // 1024} MB）", file=name)
            data = Path(source).read_bytes()
        except OSError as exc:
            raise InputError(f"无法读取文件（{exc.strerror or exc}）", file=name) from exc
    if len(data) > MAX_FILE_BYTES:
        raise InputError(f"文件过大（超过 {MAX_FILE_BYTES // 1024 // 1024} MB）", file=name)
    return data


def _open_workbook(data: bytes, name: str) -> Workbook:
    if not data.startswith(b"PK\x03\x04"):
        raise InputError("不是 XLSX 文件（请另存为 Excel 工作簿 .xlsx 后再导入）", file=name)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
            names = {e.filename for e in entries}
            if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
                raise InputError("不是 XLSX 文件（压缩包中没有 Excel 工作簿）", file=name)
            _check_zip_bomb(entries, name)
    except zipfile.BadZipFile as exc:
        raise InputError("XLSX 文件已损坏，无法解压", file=name) from exc
    try:
        return load_workbook(io.BytesIO(data), data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on malformed parts
        raise InputError(f"XLSX 文件无法解析（{type(exc).__name__}）", file=name) from exc


def _check_zip_bomb(entries: list[zipfile.ZipInfo], name: str) -> None:
    if len(entries) > MAX_ZIP_ENTRIES:
        raise InputError("XLSX 压缩包内文件数异常，疑似恶意文件，已拒绝", file=name)
    total = 0
    for entry in entries:
        total += entry.file_size
        ratio = entry.file_size / max(entry.compress_size, 1)
        if entry.file_size > 1024 * 1024 and ratio > MAX_COMPRESSION_RATIO:
            raise InputError("XLSX 压缩比异常（疑似压缩炸弹），已拒绝", file=name)
    if total > MAX_UNCOMPRESSED_BYTES:
        raise InputError("XLSX 解压后体积过大（疑似压缩炸弹），已拒绝", file=name)


def _pick_sheet(workbook: Workbook) -> Worksheet:
    active = workbook.active
    if isinstance(active, Worksheet) and active.max_row > 1:
        return active
    for sheet in workbook.worksheets:
        if sheet.max_row > 1:
            return sheet
    return workbook.worksheets[0]


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    return re.sub(r"\s+", "", str(value)) if isinstance(value, str) else str(value)


class _Grid:
    """Cell text with merged ranges expanded, so every cell of a merge reads the anchor's value."""

    def __init__(self, sheet: Worksheet, max_row: int) -> None:
        self.sheet = sheet
        self.max_col = sheet.max_column
        self.anchor: dict[tuple[int, int], tuple[int, int]] = {}
        for merged in sheet.merged_cells.ranges:
            if merged.min_row > max_row:
                continue
            for row in range(merged.min_row, min(merged.max_row, max_row) + 1):
                for col in range(merged.min_col, merged.max_col + 1):
                    self.anchor[(row, col)] = (merged.min_row, merged.min_col)

    def anchor_of(self, row: int, col: int) -> tuple[int, int]:
        return self.anchor.get((row, col), (row, col))

    def raw(self, row: int, col: int) -> Any:
        r, c = self.anchor_of(row, col)
        return self.sheet.cell(row=r, column=c).value

    def text(self, row: int, col: int) -> str:
        return _cell_text(self.raw(row, col))

    def row_values(self, row: int) -> list[str]:
        """Distinct non-empty texts of a row, one per merged block."""
        seen: set[tuple[int, int]] = set()
        out = []
        for col in range(1, self.max_col + 1):
            anchor = self.anchor_of(row, col)
            if anchor in seen:
                continue
            seen.add(anchor)
            text = self.text(row, col)
            if text:
                out.append(text)
        return out


def _parse_sheet(workbook: Workbook, sheet: Worksheet, form_id: str, name: str) -> Form:
    last = min(sheet.max_row, SCAN_ROWS)
    grid = _Grid(sheet, last)
    data_start = _first_validation_row(sheet)
    title = department = period = ""
    header_start = 0
    for row in range(1, last + 1):
        values = grid.row_values(row)
        if not values:
            continue
        if all(_META.search(v) for v in values):
            meta = _parse_meta(values)
            department = department or meta.get("department", "")
            period = period or meta.get("period", "")
            continue
        if len(values) == 1 and not title:
            title = values[0]
            continue
        header_start = row
        break
    if not header_start:
        raise InputError("未找到表头行（应在标题行、制表单位行之下）", file=name)
    header_rows = [header_start]
    for row in range(header_start + 1, min(header_start + MAX_HEADER_ROWS, last + 1)):
        if data_start and row >= data_start:
            break
        if not grid.row_values(row) or _looks_like_data(sheet, row, grid):
            break
        header_rows.append(row)
    options_by_col = _validation_options(workbook, sheet, header_rows[-1])
    fields = _read_fields(sheet, grid, header_rows, options_by_col, name)
    if not fields:
        raise InputError("表头中没有字段", file=name, row=header_rows[-1])
    return Form(id=form_id, department=department, title=title, period=period, fields=tuple(fields))


# Cell text has its spaces removed, so "制表单位：县民政局  报送周期：月报" in one cell reads as
# "制表单位：县民政局报送周期：月报": a value runs until the next known key, not to a space.
_KNOWN_KEY = "|".join(
    sorted((re.escape(k) for k in (*DEPARTMENT_KEYS, *PERIOD_KEYS)), key=len, reverse=True)
)
_META_IN_CELL = re.compile(rf"({_KNOWN_KEY})\s*[：:]\s*(.*?)(?=(?:{_KNOWN_KEY})\s*[：:]|$)")


def _parse_meta(values: list[str]) -> dict[str, str]:
    meta: dict[str, str] = {}
    for text in values:
        for key, value in _META_IN_CELL.findall(text) or _META.findall(text):
            value = value.strip(" ，,；;")
            if any(k in key for k in DEPARTMENT_KEYS):
                meta["department"] = value
            elif any(k in key for k in PERIOD_KEYS):
                meta["period"] = value
    return meta


def _looks_like_data(sheet: Worksheet, row: int, grid: _Grid) -> bool:
    """Header cells are labels; a row holding numbers or dates is an example/data row."""
    for col in range(1, grid.max_col + 1):
        if grid.anchor_of(row, col) != (row, col):
            continue
        value = sheet.cell(row=row, column=col).value
        if value is not None and not isinstance(value, str):
            return True
    return False


def _first_validation_row(sheet: Worksheet) -> int:
    rows = [
        cell_range.min_row
        for validation in sheet.data_validations.dataValidation
        for cell_range in validation.sqref.ranges
    ]
    return min(rows) if rows else 0


def _validation_options(
    workbook: Workbook, sheet: Worksheet, header_row: int
) -> dict[int, tuple[str, ...]]:
    options: dict[int, tuple[str, ...]] = {}
    for validation in sheet.data_validations.dataValidation:
        if validation.type != "list" or not validation.formula1:
            continue
        values = _list_values(workbook, sheet, validation.formula1)
        if not values:
            continue
        for cell_range in validation.sqref.ranges:
            if cell_range.max_row <= header_row:
                continue
            for col in range(cell_range.min_col, cell_range.max_col + 1):
                options.setdefault(col, values)
    return options


def _list_values(workbook: Workbook, sheet: Worksheet, formula: str) -> tuple[str, ...]:
    formula = formula.strip()
    if formula.startswith('"') and formula.endswith('"'):
        parts = re.split(r"[,，]", formula[1:-1])
        return tuple(dict.fromkeys(p.strip() for p in parts if p.strip()))
    # A reference such as 选项!$A$1:$A$5 or a defined name: read the listed cells.
    reference = formula.lstrip("=")
    if reference in workbook.defined_names:
        reference = workbook.defined_names[reference].attr_text
    target, _, cells = reference.rpartition("!")
    source = sheet
    if target:
        title = target.strip("'")
        if title not in workbook.sheetnames:
            return ()
        source = workbook[title]
    try:
        min_col, min_row, max_col, max_row = range_boundaries(cells.replace("$", ""))
    except (ValueError, TypeError):
        return ()
    if None in (min_col, min_row, max_col, max_row):
        return ()
    assert min_col and min_row and max_col and max_row
    if (max_row - min_row + 1) * (max_col - min_col + 1) > 1000:
        return ()
    values = [
        _cell_text(source.cell(row=r, column=c).value)
        for r in range(min_row, max_row + 1)
        for c in range(min_col, max_col + 1)
    ]
    return tuple(dict.fromkeys(v for v in values if v))


def _comment_text(sheet: Worksheet, row: int, col: int) -> str:
    comment = sheet.cell(row=row, column=col).comment
    if comment is None or not comment.text:
        return ""
    text = comment.text.strip()
    # Excel prefixes a comment with "Author:\n"; that is not part of the note.
    author = (comment.author or "").strip()
    if author and text.startswith(author):
        text = text[len(author) :].lstrip(":：").strip()
    return re.sub(r"\s+", "", text)


def _read_fields(
    sheet: Worksheet,
    grid: _Grid,
    header_rows: list[int],
    options_by_col: dict[int, tuple[str, ...]],
    name: str,
) -> list[FormField]:
    lowest = header_rows[-1]
    fields: list[FormField] = []
    used: set[str] = set()
    for col in range(1, grid.max_col + 1):
        anchor = grid.anchor_of(lowest, col)
        if anchor[1] != col:
            continue  # a field header merged across columns is read once, at its anchor
        field_name = grid.text(lowest, col)
        if not field_name or field_name in SERIAL_HEADERS:
            continue
        groups = []
        for row in header_rows[:-1]:
            text = grid.text(row, col)
            if text and text != field_name and text not in groups:
                groups.append(text)
        group = "/".join(groups)
        note = _comment_text(sheet, *anchor)
        options = options_by_col.get(col, ())
        unique = field_name
        if unique in used:  # two 姓名 columns under 申请人/监护人: keep names unique in the form
            unique = f"{group}·{field_name}" if group else field_name
            if unique in used:
                unique = f"{field_name}（{get_column_letter(col)}列）"
        used.add(unique)
        fields.append(
            FormField(
                name=unique,
                type=infer_type(field_name, note, options),
                description=note,
                options=options,
                group=group,
            )
        )
    return fields
