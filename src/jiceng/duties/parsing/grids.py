"""Turn CSV or XLSX bytes into plain grids of strings, refusing hostile or wrong files early."""

from __future__ import annotations

import csv
import datetime
import io
import zipfile
from contextlib import suppress
from dataclasses import dataclass
from xml.etree import ElementTree

import openpyxl
from openpyxl.utils.cell import range_boundaries

from jiceng.duties.parsing.layout import FORMAT
from jiceng.errors import InputError

# --- reading files into grids ----------------------------------------------------------------


@dataclass
class Sheet:
    """A table as plain strings: (row number as Excel shows it, cells) for rows up to the last one used."""

    name: str
    rows: list[tuple[int, list[str]]]


_OTHER_ZIP_FORMATS = {
    "word/document.xml": "Word 文档（.docx）",
    "ppt/presentation.xml": "PowerPoint 演示文稿（.pptx）",
    "content.xml": "OpenDocument（WPS/LibreOffice）文件",
}
_WRONG_TYPE = "请上传 Excel（.xlsx）或 CSV（UTF-8 编码）格式的履职事项清单。"


def sniff_kind(data: bytes, name: str) -> str:
    """ "xlsx" or "csv", decided by the bytes; other formats raise a clear error."""
    head = data[:8]
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return "xlsx"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise InputError(
            "这是旧版 Office 文件（.xls 或 .doc），请在 Excel 中另存为 .xlsx 或 CSV（UTF-8）后再导入。",
            file=name,
        )
    if head.startswith(b"%PDF"):
        raise InputError("这是 PDF 文件，无法读取表格。" + _WRONG_TYPE, file=name)
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"Rar!", b"\x1f\x8b", b"7z\xbc\xaf")):
        raise InputError("这不是表格文件。" + _WRONG_TYPE, file=name)
    sample = data[:4096]
    if b"\x00" in sample and not sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError("文件内容不是文本或 Excel 表格。" + _WRONG_TYPE, file=name)
    if name.lower().endswith((".xlsx", ".xlsm", ".xls")):
        raise InputError(
            "文件扩展名是 Excel，但内容不是 Excel 表格（可能是改了扩展名的其他文件）。"
            + _WRONG_TYPE,
            file=name,
        )
    return "csv"


def _decode_text(data: bytes, name: str, warnings: list[str]) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # Excel on Chinese Windows saves "CSV（逗号分隔）" in GBK; read it, but tell the user.
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        raise InputError(
            "文件不是 UTF-8 编码的文本。请在 Excel 中选择“另存为”→“CSV UTF-8（逗号分隔）”后再导入。",
            file=name,
        ) from None
    warnings.append("文件不是 UTF-8 编码，已按 GBK（GB18030）编码读取；建议另存为“CSV UTF-8”。")
    return text


def read_csv_grid(data: bytes, name: str, warnings: list[str]) -> Sheet:
    text = _decode_text(data, name, warnings)
    head_lines = text[:8192].splitlines()[:20]
    delimiter = max(",\t;", key=lambda d: sum(line.count(d) for line in head_lines))
    rows: list[tuple[int, list[str]]] = []
    max_rows, max_cols = FORMAT.limits["max_rows"], FORMAT.limits["max_columns"]
    try:
        for number, record in enumerate(
            csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), 1
        ):
            if number > max_rows:
                raise InputError(f"文件超过 {max_rows} 行，不像是一份履职事项清单。", file=name)
            rows.append((number, [c.strip() for c in record[:max_cols]]))
    except csv.Error as exc:
        raise InputError(f"CSV 格式错误：{exc}", file=name) from None
    return Sheet("", rows)


def _check_zip(zf: zipfile.ZipFile, name: str) -> None:
    """Refuse zip bombs and files that are zips but not workbooks, before openpyxl opens them."""
    lim = FORMAT.limits
    infos = zf.infolist()
    if len(infos) > lim["max_zip_entries"]:
        raise InputError("Excel 文件内部结构异常（条目过多），拒绝读取。", file=name)
    total = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos) or 1
    if total > lim["max_uncompressed_bytes"] or (
        total > 10_000_000 and total / packed > lim["max_compression_ratio"]
    ):
        raise InputError("Excel 文件解压后过大（疑似压缩炸弹），拒绝读取。", file=name)
    names = {i.filename for i in infos}
    if "xl/workbook.xml" not in names:
        for marker, kind in _OTHER_ZIP_FORMATS.items():
            if marker in names:
                raise InputError(f"这是{kind}，不是 Excel 表格。" + _WRONG_TYPE, file=name)
        raise InputError("文件是压缩包但不是 Excel 表格。" + _WRONG_TYPE, file=name)


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value).strip()


def _merged_ranges(zf: zipfile.ZipFile, sheet_path: str | None) -> list[tuple[int, int, int, int]]:
    """(min_col, min_row, max_col, max_row) of each merged range, read from the sheet XML."""
    if not sheet_path or sheet_path.lstrip("/") not in zf.namelist():
        return []
    ranges = []
    with zf.open(sheet_path.lstrip("/")) as src:
        for _event, element in ElementTree.iterparse(src):
            if element.tag.endswith("}mergeCell") and element.get("ref"):
                with suppress(ValueError):
                    ranges.append(range_boundaries(element.get("ref", "")))
            element.clear()
    return [(int(a or 1), int(b or 1), int(c or a or 1), int(d or b or 1)) for a, b, c, d in ranges]


def read_xlsx_grid(data: bytes, name: str) -> list[Sheet]:
    lim = FORMAT.limits
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError):
        raise InputError("Excel 文件已损坏，无法打开。", file=name) from None
    _check_zip(zf, name)
    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many types for corrupt files; all mean the same to a user
        raise InputError("Excel 文件已损坏或格式不受支持，无法读取。", file=name) from None
    sheets: list[Sheet] = []
    cells_seen = 0
    try:
        for ws in wb.worksheets:
            rows: list[tuple[int, list[str]]] = []
            blank_run = 0
            for number, values in enumerate(
                ws.iter_rows(min_row=1, max_col=lim["max_columns"], values_only=True), start=1
            ):
                cells = [_cell_text(v) for v in values]
                if any(cells):
                    blank_run = 0
                    cells_seen += sum(1 for c in cells if c)
                    if cells_seen > lim["max_cells"] or number > lim["max_rows"]:
                        raise InputError(
                            "Excel 表格过大，不像是一份履职事项清单，拒绝读取。", file=name
                        )
                else:
                    blank_run += 1
                    if blank_run > lim["max_blank_run"]:
                        break  # stray formatting far below the table
                rows.append((number, cells))
            while rows and not any(rows[-1][1]):
                rows.pop()
            _apply_merges(rows, _merged_ranges(zf, getattr(ws, "_worksheet_path", None)))
            sheets.append(Sheet(ws.title, rows))
    except InputError:
        raise
    except Exception:
        raise InputError("Excel 文件内容损坏，无法读取。", file=name) from None
    finally:
        wb.close()
    return sheets


def _apply_merges(
    rows: list[tuple[int, list[str]]], ranges: list[tuple[int, int, int, int]]
) -> None:
    """Copy each merged range's value into every cell it covers (category merged down its rows)."""
    index = {number: cells for number, cells in rows}
    for min_col, min_row, max_col, max_row in ranges:
        anchor = index.get(min_row)
        if anchor is None or min_col > len(anchor):
            continue
        value = anchor[min_col - 1]
        for r in range(min_row, min(max_row, len(rows)) + 1):
            cells = index.get(r)
            if cells is None:
                continue
            for c in range(min_col, min(max_col, len(cells)) + 1):
                if not cells[c - 1]:
                    cells[c - 1] = value
