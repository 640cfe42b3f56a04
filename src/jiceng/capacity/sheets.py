"""Reading a county spreadsheet (XLSX or CSV) into rows keyed by canonical column names. Pure.

County files carry a title row above the header, Chinese headers in several spellings, blank rows
and a footnote below; the reader finds the header row, maps the headers and keeps Excel row
numbers so every error can name the file, row and column.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from jiceng.errors import InputError

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 50_000
HEADER_SEARCH_ROWS = 10
_FOOTNOTE = re.compile(r"^(注|说明|备注|填表说明|填报说明)[:：　\s]")


@dataclass(frozen=True)
class SheetRow:
    number: int  # the row number as Excel shows it (1-based)
    values: dict[str, Any]


def normalise_header(text: Any) -> str:
    value = str(text or "").strip().replace("（", "(").replace("）", ")").replace("*", "")
    return re.sub(r"\s+", "", value)


def read_rows(
    data: bytes,
    filename: str,
    columns: Mapping[str, Sequence[str]],
    required: Sequence[str],
) -> tuple[list[SheetRow], dict[str, str]]:
    """Rows of the first sheet with a recognisable header; also the header text per column."""
    if not data:
        raise InputError("文件是空的。", file=filename)
    if len(data) > MAX_BYTES:
        raise InputError("文件超过 20 MB，请检查是否选错文件。", file=filename)
    grid = _xlsx_grid(data, filename) if data[:4] == b"PK\x03\x04" else _csv_grid(data, filename)
    lookup = {
        normalise_header(alias): key
        for key, aliases in columns.items()
        for alias in (key, *aliases)
    }
    header_index = -1
    mapping: dict[int, str] = {}
    for index, row in enumerate(grid[:HEADER_SEARCH_ROWS]):
        found = {
            i: lookup[normalise_header(v)]
            for i, v in enumerate(row)
            if normalise_header(v) in lookup
        }
        if set(required) <= set(found.values()):
            header_index, mapping = index, found
            break
    if header_index < 0:
        wanted = "、".join(columns[k][0] if columns[k] else k for k in required)
        raise InputError(
            f"找不到表头行：前 {HEADER_SEARCH_ROWS} 行中没有同时包含 {wanted} 的行。", file=filename
        )
    headers = {key: str(grid[header_index][i]).strip() for i, key in mapping.items()}
    rows: list[SheetRow] = []
    for offset, raw in enumerate(grid[header_index + 1 :], start=header_index + 2):
        cells = [c for c in raw if c is not None and str(c).strip() != ""]
        if not cells:
            continue
        if len(cells) == 1 and _FOOTNOTE.match(str(cells[0]).strip()):
            continue
        values = {key: _clean(raw[i]) if i < len(raw) else None for i, key in mapping.items()}
        rows.append(SheetRow(offset, values))
        if len(rows) > MAX_ROWS:
            raise InputError(f"数据超过 {MAX_ROWS} 行，请分批导入。", file=filename)
    if not rows:
        raise InputError("表头下面没有数据行。", file=filename)
    return rows, headers


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def _xlsx_grid(data: bytes, filename: str) -> list[list[Any]]:
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(info.file_size for info in archive.infolist()) > 10 * MAX_BYTES:
                raise InputError("文件解压后过大，已拒绝。", file=filename)
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except InputError:
        raise
    except Exception:
        raise InputError(
            "无法读取该 Excel 文件（需为 .xlsx 格式），文件可能已损坏。", file=filename
        ) from None
    try:
        sheet = workbook.worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


def _csv_grid(data: bytes, filename: str) -> list[list[Any]]:
    if b"\x00" in data[:4096]:
        raise InputError("文件既不是 Excel（.xlsx）也不是 CSV 文本。", file=filename)
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return [list(row) for row in csv.reader(io.StringIO(text))]
    raise InputError("无法识别文件编码，请另存为 UTF-8 的 CSV 或 .xlsx。", file=filename)


def cell_int(
    row: SheetRow,
    key: str,
    header: str,
    file: str,
    errors: list[InputError],
    *,
    required: bool = True,
) -> int | None:
    """A non-negative whole number from a cell, or an error naming the cell."""
    value = row.values.get(key)
    if value is None:
        if required:
            errors.append(InputError("不能为空。", file=file, row=row.number, column=header))
        return None
    try:
        number = float(str(value).replace(",", ""))
    except ValueError:
        errors.append(InputError(f"“{value}”不是数字。", file=file, row=row.number, column=header))
        return None
    if number < 0 or number != int(number):
        errors.append(
            InputError(f"“{value}”应为不小于 0 的整数。", file=file, row=row.number, column=header)
        )
        return None
    return int(number)


def cell_number(
    row: SheetRow,
    key: str,
    header: str,
    file: str,
    errors: list[InputError],
    *,
    required: bool = True,
) -> float | None:
    value = row.values.get(key)
    if value is None:
        if required:
            errors.append(InputError("不能为空。", file=file, row=row.number, column=header))
        return None
    try:
        number = float(str(value).replace(",", "").replace("，", ""))
    except ValueError:
        errors.append(InputError(f"“{value}”不是数字。", file=file, row=row.number, column=header))
        return None
    if number < 0:
        errors.append(
            InputError(f"“{value}”不能为负数。", file=file, row=row.number, column=header)
        )
        return None
    return number


def cell_text(
    row: SheetRow,
    key: str,
    header: str,
    file: str,
    errors: list[InputError],
    *,
    required: bool = True,
    limit: int = 200,
) -> str:
    value = row.values.get(key)
    text = "" if value is None else str(value).strip()
    if required and not text:
        errors.append(InputError("不能为空。", file=file, row=row.number, column=header))
    elif len(text) > limit:
        errors.append(
            InputError(
                f"内容过长（{len(text)} 字），上限 {limit} 字。",
                file=file,
                row=row.number,
                column=header,
            )
        )
    return text
