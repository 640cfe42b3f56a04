"""Pure helpers of the base table and generated reports (no Django).

* ``policy()``: the base-table policy data (``data/base_table.toml``);
* ``record_kind_of(form)``: whom one row of a form describes (resident, household, enterprise,
  village);
* ``field_traits(forms)``: the subject and lexicon concept the matcher reads for each field;
* ``mask(field_type, value)``: ID and phone numbers masked for lists;
* ``report_xlsx(layout, rows)``: a department's report in its own layout.
"""

from __future__ import annotations

import datetime as dt
import io
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from jiceng.errors import InputError
from jiceng.forms.features import field_features, form_principal
from jiceng.forms.lexicon import lexicon
from jiceng.forms.schema import FieldType, Form

PERSON, HOUSEHOLD = "person", "household"
MAX_UPLOAD_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Policy:
    seconds_per_field: float
    identity_concepts: frozenset[str]
    household_subject: str
    principal_kinds: dict[str, str]
    report_level_subjects: frozenset[str]
    autofill: dict[str, str]


@cache
def policy() -> Policy:
    text = resources.files("jiceng.forms").joinpath("data/base_table.toml").read_text("utf-8")
    raw = tomllib.loads(text)
    return Policy(
        seconds_per_field=float(raw["measures"]["seconds_per_field"]),
        identity_concepts=frozenset(raw["record_kind"]["identity_concepts"]),
        household_subject=raw["record_kind"]["household_subject"],
        principal_kinds=dict(raw["record_kind"]["principal_kinds"]),
        report_level_subjects=frozenset(raw["report_level"]["subjects"]),
        autofill=dict(raw["autofill"]),
    )


@dataclass(frozen=True, slots=True)
class Trait:
    subject: str
    subject_label: str
    concept: str  # "" when no lexicon concept matched


def field_traits(forms: Iterable[Form]) -> dict[str, Trait]:
    """``FORMID:field`` → the subject and concept the matcher reads for that field."""
    lex = lexicon()
    traits: dict[str, Trait] = {}
    for form in forms:
        principal = form_principal(form)
        previous = None
        for form_field in form.fields:
            previous = field_features(form, form_field, principal, previous)
            subject = lex.subjects.get(previous.subject)
            traits[form.member_key(form_field)] = Trait(
                subject=previous.subject,
                subject_label=subject.label if subject else previous.subject,
                concept=previous.concept or "",
            )
    return traits


def record_kind_of(form: Form) -> str:
    """Whom one row describes: the form principal's kind, else household or person by identity."""
    rules = policy()
    principal = form_principal(form)
    if principal in rules.principal_kinds:
        return rules.principal_kinds[principal]
    identity = [t for t in field_traits([form]).values() if t.concept in rules.identity_concepts]
    subjects = {t.subject for t in identity}
    if rules.household_subject in subjects and "self" not in subjects:
        return HOUSEHOLD
    return PERSON


def mask(field_type: str, value: str) -> str:
    """Personal numbers masked for lists: ``3301**********1234``, ``138****5678``."""
    if not value:
        return value
    if field_type == FieldType.ID_NUMBER:
        keep = 4 if len(value) > 8 else 1
        return value[:keep] + "*" * (len(value) - 2 * keep) + value[-keep:]
    if field_type == FieldType.PHONE:
        if len(value) <= 4:
            return "*" * len(value)
        head = 3 if len(value) >= 11 else 2
        return value[:head] + "*" * (len(value) - head - 4) + value[-4:]
    return value


# The value that names a record in lists: the person's own name, the household head's, the
# enterprise's or the village's name (lexicon.toml concept and subjects.toml subject keys).
TITLE_CONCEPTS: dict[str, tuple[str, ...]] = {
    PERSON: ("name",),
    HOUSEHOLD: ("name",),
    "enterprise": ("enterprise_name",),
    "village": ("village",),
}
TITLE_SUBJECTS: dict[str, tuple[str, ...]] = {
    PERSON: ("self",),
    HOUSEHOLD: ("head",),
    "enterprise": ("enterprise",),
    "village": ("place", "village"),
}


def names_record(kind: str, concept: str, subject: str) -> bool:
    return concept in TITLE_CONCEPTS.get(kind, ()) and subject in TITLE_SUBJECTS.get(kind, ())


@dataclass(frozen=True, slots=True)
class ReportLayout:
    title: str
    unit: str  # 制表单位: the department that asked for the report
    period: str
    headers: Sequence[str]
    groups: Sequence[str]  # group header above each column ("" when none)
    filled_by: str = ""  # 填报单位 (the township) when the report is one township's


# Spreadsheet formula injection (OWASP "CSV injection"): text starting with these is stored as
# plain text so that opening the report never runs it.
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def _safe(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA_PREFIXES):
        return "'" + value
    return value


def report_xlsx(
    layout: ReportLayout, rows: Iterable[Sequence[Any]], *, generated_on: dt.date | None = None
) -> bytes:
    """The report as the department designed it: title row, 制表单位/报送周期 row, group headers
    merged above the field headers when the form has groups, then one row per record."""
    wb = Workbook()
    ws = wb.active
    ws.title = (layout.title or "报表")[:31]
    width = max(1, len(layout.headers))
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    ws.cell(row=1, column=1, value=layout.title).font = Font(bold=True, size=14)
    ws.cell(row=1, column=1).alignment = Alignment(horizontal="center")
    if width > 1:
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    meta = f"制表单位：{layout.unit}　　报送周期：{layout.period or '—'}"
    if layout.filled_by:
        meta += f"　　填报单位：{layout.filled_by}"
    meta += f"　　生成日期：{(generated_on or dt.date.today()).isoformat()}"
    ws.cell(row=2, column=1, value=meta)
    if width > 1:
        ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)
    header_row = 3
    if any(layout.groups):
        header_row = 4
        _group_row(ws, list(layout.groups), border)
    for col, name in enumerate(layout.headers, start=1):
        cell = ws.cell(row=header_row, column=col, value=name)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = border
        ws.column_dimensions[get_column_letter(col)].width = max(10, min(30, len(name) * 2 + 4))
    row_no = header_row
    for row_no, values in enumerate(rows, start=header_row + 1):
        for col, value in enumerate(values, start=1):
            ws.cell(row=row_no, column=col, value=_safe(value)).border = border
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _group_row(ws: Any, groups: list[str], border: Border) -> None:
    """Row 3: each run of equal group names merged above its fields; ungrouped fields span rows 3–4."""
    col = 0
    while col < len(groups):
        end = col
        while end + 1 < len(groups) and groups[end + 1] == groups[col]:
            end += 1
        name = groups[col]
        cell = ws.cell(row=3, column=col + 1, value=name or None)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center")
        cell.border = border
        if name and end > col:
            ws.merge_cells(start_row=3, start_column=col + 1, end_row=3, end_column=end + 1)
        col = end + 1


def read_table(data: bytes, name: str) -> list[list[str]]:
    """The first sheet of an uploaded XLSX as text cells; the header row is the first non-empty one."""
    if not data:
        raise InputError("文件是空的。", file=name)
    if len(data) > MAX_UPLOAD_BYTES:
        raise InputError("文件超过 20 MB。", file=name)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:
        raise InputError("无法读取该 Excel 文件，请上传 .xlsx 格式。", file=name) from None
    sheet = workbook.worksheets[0]
    rows = [
        ["" if v is None else str(v).strip() for v in row]
        for row in sheet.iter_rows(values_only=True, max_row=20001)
    ]
    workbook.close()
    while rows and not any(rows[0]):
        rows.pop(0)
    if not rows:
        raise InputError("文件中没有表头。", file=name)
    return rows
