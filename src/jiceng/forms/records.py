"""Base-table writes and generated reports of 一表通, each one audited transaction.

Records are personal information: only the owning township writes them, the audit log keeps
masked values (it is read county-wide), and a report holds just its own form's columns.
"""

from __future__ import annotations

from pathlib import PurePath

from django.db import transaction
from django.utils import timezone

from jiceng.core.audit import Action, record
from jiceng.core.models import Organisation, User
from jiceng.core.roles import Role
from jiceng.errors import ForbiddenError, InputError, InputErrors
from jiceng.forms.models import (
    BaseRecord,
    BaseValue,
    DataElement,
    RecordKind,
    ReportField,
    ReportForm,
)
from jiceng.forms.queries import base_elements
from jiceng.forms.reports import ReportLayout, mask, names_record, policy, read_table, report_xlsx
from jiceng.forms.validators import validate_value
from jiceng.web.exports import workbook_bytes

# --- the base table ---------------------------------------------------------------------------


def _masked(values: dict[int, str], elements: dict[int, DataElement]) -> dict[str, str]:
    # The audit log is read county-wide: it records that personal numbers changed, not the numbers.
    return {elements[pk].name: mask(elements[pk].field_type, value) for pk, value in values.items()}


def _title(kind: str, values: dict[int, str], elements: list[DataElement]) -> str:
    for element in elements:
        value = values.get(element.pk)
        if value and names_record(kind, element.concept, element.subject):
            return value[:200]
    return ""


def clean_values(
    kind: str,
    raw: dict[int, str],
    elements: list[DataElement],
    *,
    file: str | None = None,
    row: int | None = None,
) -> tuple[dict[int, str], list[InputError]]:
    """Validate raw inputs by each element's type (GB 11643 ID checksum, phone, date, amount, enum)."""
    by_id = {e.pk: e for e in elements}
    values: dict[int, str] = {}
    errors: list[InputError] = []
    for pk, text in raw.items():
        element = by_id.get(pk)
        if element is None:
            errors.append(
                InputError("不是本类记录的数据元素。", file=file, row=row, column=str(pk))
            )
            continue
        value, error = validate_value(element.field_type, text, element.options)
        if error:
            errors.append(InputError(error, file=file, row=row, column=element.name))
        elif value is not None:
            values[pk] = value
    return values, errors


def _require_township(actor: User) -> Organisation:
    if actor.role_enum != Role.TOWNSHIP_CLERK or actor.organisation is None:
        raise ForbiddenError("只有乡镇（街道）可以填写本乡镇的基础表。")
    return actor.organisation


def save_record(
    *, actor: User, kind: str, values: dict[int, str], record_obj: BaseRecord | None = None
) -> BaseRecord:
    """Create or update one base-table record; every value is checked, nothing saved on error."""
    township = _require_township(actor)
    if kind not in RecordKind.values:
        raise InputError("未知的记录类型。")
    if record_obj is not None and (
        record_obj.township_id != township.pk or record_obj.kind != kind
    ):
        raise ForbiddenError("只能修改本乡镇的基础表记录。")
    elements = list(base_elements(township.county, kind))
    cleaned, errors = clean_values(kind, values, elements)
    if errors:
        raise InputErrors(errors)
    if not cleaned:
        raise InputError("请至少填写一项。")
    by_id = {e.pk: e for e in elements}
    with transaction.atomic():
        now = timezone.now()
        before: dict[str, str] | None = None
        if record_obj is None:
            record_obj = BaseRecord.objects.create(
                county=township.county, township=township, kind=kind, created_by=actor
            )
        else:
            old = dict(
                record_obj.values.filter(element__in=elements).values_list("element_id", "value")
            )
            before = _masked(old, by_id)
        record_obj.values.filter(element__in=elements).exclude(element__in=cleaned).delete()
        existing = {v.element_id: v for v in record_obj.values.filter(element__in=cleaned)}
        for pk, value in cleaned.items():
            current = existing.get(pk)
            if current is None:
                BaseValue.objects.create(
                    record=record_obj, element_id=pk, value=value, updated_at=now
                )
            elif current.value != value:
                current.value, current.updated_at = value, now
                current.save(update_fields=["value", "updated_at"])
        record_obj.title = _title(kind, cleaned, elements)
        record_obj.updated_at = now
        record_obj.save(update_fields=["title", "updated_at"])
        record(
            Action.CREATE if before is None else Action.UPDATE,
            actor=actor,
            obj=record_obj,
            before=before,
            after=_masked(cleaned, by_id),
            note=f"基础表{RecordKind(kind).label}记录（{len(cleaned)} 项）",
        )
    return record_obj


def delete_base_record(*, actor: User, record_obj: BaseRecord) -> None:
    township = _require_township(actor)
    if record_obj.township_id != township.pk:
        raise ForbiddenError("只能删除本乡镇的基础表记录。")
    with transaction.atomic():
        values = dict(record_obj.values.values_list("element_id", "value"))
        elements = {e.pk: e for e in DataElement.objects.filter(pk__in=values)}
        record(Action.DELETE, actor=actor, obj=record_obj, before=_masked(values, elements))
        record_obj.delete()


def import_records(*, actor: User, kind: str, data: bytes, filename: str) -> int:
    """Rows of an XLSX whose header row names data elements (or form fields linked to them).
    All rows are checked first; any error imports nothing."""
    township = _require_township(actor)
    name = PurePath(filename or "upload.xlsx").name
    elements = list(base_elements(township.county, kind))
    table = read_table(data, name)
    header, rows = table[0], table[1:]
    columns = _resolve_columns(header, elements, township.county, name)
    parsed: list[dict[int, str]] = []
    errors: list[InputError] = []
    for offset, row in enumerate(rows, start=2):
        raw = {pk: row[i] for i, pk in columns.items() if i < len(row) and row[i]}
        if not raw:
            continue  # blank rows and footnotes-free gaps are skipped
        values, row_errors = clean_values(kind, raw, elements, file=name, row=offset)
        errors.extend(row_errors)
        parsed.append(values)
    if errors:
        raise InputErrors(errors)
    if not parsed:
        raise InputError("文件中没有数据行。", file=name)
    by_id = {e.pk: e for e in elements}
    with transaction.atomic():
        now = timezone.now()
        for values in parsed:
            obj = BaseRecord.objects.create(
                county=township.county,
                township=township,
                kind=kind,
                created_by=actor,
                title=_title(kind, values, elements),
                created_at=now,
                updated_at=now,
            )
            BaseValue.objects.bulk_create(
                [
                    BaseValue(record=obj, element_id=pk, value=v, updated_at=now)
                    for pk, v in values.items()
                ]
            )
        record(
            Action.IMPORT,
            actor=actor,
            county=township.county,
            note=f"导入基础表{RecordKind(kind).label}记录 {len(parsed)} 条（文件 {name}，"
            f"列：{'、'.join(by_id[pk].name for pk in columns.values())}）",
        )
    return len(parsed)


def _resolve_columns(
    header: list[str], elements: list[DataElement], county: Organisation, name: str
) -> dict[int, int]:
    by_name = {e.name: e.pk for e in elements}
    allowed = set(by_name.values())
    for field_name, element_id in ReportField.objects.filter(
        form__county=county, form__is_current=True, element__in=allowed
    ).values_list("name", "element_id"):
        by_name.setdefault(field_name, element_id)
    columns: dict[int, int] = {}
    unknown = []
    for i, title in enumerate(header):
        if not title:
            continue
        if title in by_name:
            columns[i] = by_name[title]
        else:
            unknown.append(title)
    if unknown:
        raise InputError(
            f"表头“{'、'.join(unknown)}”不是本类记录的数据元素；请使用下载的基础表模板。",
            file=name,
            row=1,
        )
    if not columns:
        raise InputError("表头中没有可识别的数据元素。", file=name, row=1)
    return columns


# --- generated reports ------------------------------------------------------------------------


def generate_report(
    *, actor: User, form: ReportForm, township: Organisation | None = None
) -> tuple[str, bytes]:
    """A department's report in its own layout, from the townships' base tables. The sending
    department gets every township (or one); a township only its own. Every export is audited."""
    role = actor.role_enum
    if role == Role.DEPARTMENT_CLERK and form.department_id == actor.organisation_id:
        townships = (
            [township]
            if township is not None
            else list(
                Organisation.objects.filter(
                    county=form.county, kind=Organisation.Kind.TOWNSHIP
                ).order_by("name")
            )
        )
    elif role == Role.TOWNSHIP_CLERK and form.is_current:
        townships = [actor.organisation]
        if township is not None and township.pk != actor.organisation_id:
            raise ForbiddenError("只能生成本乡镇的报表。")
    else:
        raise ForbiddenError("报表含个人信息，只有制表部门和填报乡镇可以生成。")
    fields = list(form.fields.select_related("element").order_by("position"))
    records = list(
        BaseRecord.objects.filter(county=form.county, kind=form.record_kind, township__in=townships)
        .select_related("township")
        .order_by("township__name", "id")
    )
    element_ids = {f.element_id for f in fields if f.element_id}
    values: dict[tuple[int, int], str] = {
        (record_id, element_id): value
        for record_id, element_id, value in BaseValue.objects.filter(
            record__in=records, element_id__in=element_ids
        ).values_list("record_id", "element_id", "value")
    }
    rules = policy()
    today = timezone.localdate()
    rows = []
    for obj in records:
        row = []
        for f in fields:
            element = f.element
            if element is not None and element.concept in rules.autofill:
                source = rules.autofill[element.concept]
                row.append(obj.township.name if source == "township_name" else today.isoformat())
            elif element is not None:
                row.append(values.get((obj.pk, element.pk), ""))
            else:
                row.append("")
        rows.append(row)
    layout = ReportLayout(
        title=form.title,
        unit=form.department.name,
        period=form.period,
        headers=[f.name for f in fields],
        groups=[f.group for f in fields],
        filled_by=townships[0].name if len(townships) == 1 else "",
    )
    content = report_xlsx(layout, rows, generated_on=today)
    scope = townships[0].name if len(townships) == 1 else f"全县 {len(townships)} 个乡镇（街道）"
    with transaction.atomic():
        record(
            Action.EXPORT,
            actor=actor,
            obj=form,
            note=f"生成报表“{form.title}”（第 {form.version} 版）：{scope}，记录 {len(rows)} 条，"
            f"列 {len(fields)} 个",
        )
    return f"{form.code}-{form.title}-{scope}.xlsx", content


def template_xlsx(actor: User, kind: str) -> bytes:
    """An empty base-table sheet for ``kind``: one column per confirmed element, to fill and import."""
    township = _require_township(actor)
    names = [e.name for e in base_elements(township.county, kind)]
    return workbook_bytes([(f"基础表-{RecordKind(kind).label}", names, [])])
