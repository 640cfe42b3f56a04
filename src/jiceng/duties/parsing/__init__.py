"""Read a township duty list (履职事项清单) from CSV or XLSX into DutyItems (DESIGN §4).

Two shapes are accepted: the plain contract table (``id,category,…,township_role``) and lists as
counties publish them in Excel — a title row and a unit/version row above Chinese headers, the
category in a cell merged down its rows, in section rows, or one sheet per category, blank rows
and footnotes. Both CSV and XLSX are first turned into plain grids of strings (``grids.Sheet``); one
interpreter then reads every grid the same way. Layout knowledge (header aliases, category
labels, caps) lives in ``data/duty_list_format.toml``.

Every problem in a file is collected and raised at once as ``InputErrors`` so the user can fix
the file in one go; row numbers are those the user sees in Excel (header row included).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from jiceng.duties.items import DutyItem
from jiceng.duties.parsing.grids import read_csv_grid, read_xlsx_grid, sniff_kind
from jiceng.duties.parsing.layout import FORMAT, normalise_header, parse_category
from jiceng.duties.parsing.reader import DutyListFile, interpret
from jiceng.errors import InputError

__all__ = [
    "DutyListFile",
    "dump_duty_csv",
    "load_duty_list",
    "normalise_header",
    "parse_category",
    "parse_duty_list",
]


def load_duty_list(path: str | Path) -> DutyListFile:
    """Read a duty list file from disk (CSV or XLSX, decided by content)."""
    p = Path(path)
    try:
        size = p.stat().st_size
    except OSError as exc:
        raise InputError(f"无法读取文件：{exc.strerror or exc}", file=p.name) from None
    if size > FORMAT.limits["max_file_bytes"]:
        raise InputError(_too_big_message(size), file=p.name)
    return parse_duty_list(p.read_bytes(), p.name)


def parse_duty_list(data: bytes, filename: str) -> DutyListFile:
    """Parse an uploaded duty list; raises InputError / InputErrors with Chinese messages."""
    name = Path(filename).name or "清单文件"
    if len(data) > FORMAT.limits["max_file_bytes"]:
        raise InputError(_too_big_message(len(data)), file=name)
    if not data.strip():
        raise InputError("文件是空的，没有任何内容。", file=name)
    warnings: list[str] = []
    if sniff_kind(data, name) == "xlsx":
        sheets = read_xlsx_grid(data, name)
    else:
        sheets = [read_csv_grid(data, name, warnings)]
    return interpret(sheets, name, warnings)


def dump_duty_csv(items: list[DutyItem]) -> str:
    """Write items in the contract CSV layout (UTF-8 text, header row first)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(FORMAT.contract_columns)
    for it in items:
        writer.writerow(
            [
                it.id,
                it.category.label,
                it.domain,
                it.name,
                it.content,
                it.basis,
                it.lead_department,
                it.township_role,
            ]
        )
    return out.getvalue()


def _too_big_message(size: int) -> str:
    cap = FORMAT.limits["max_file_bytes"] // 1_000_000
    return f"文件过大（{size / 1_000_000:.1f} MB），履职事项清单文件不应超过 {cap} MB。"
