"""Reading an uploaded ledger file (CSV or XLSX, every problem reported with its row and column)
and importing its events: all or nothing, audited, and idempotent for a file imported again."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction

from jiceng.core.audit import Action, record
from jiceng.core.models import Organisation, User
from jiceng.core.roles import Role
from jiceng.errors import ForbiddenError, InputError, InputErrors
from jiceng.ledger.events import Event, _map_header, keyed_events, validate_row
from jiceng.ledger.models import BurdenEvent
from jiceng.ledger.services import MAX_TITLE, county_of, refresh_summaries

BATCH = 2000


def read_ledger_file(data: bytes, filename: str) -> list[tuple[int, Event]]:
    """Every valid event of a contract CSV/XLSX with its spreadsheet row; all problems at once."""
    errors: list[InputError] = []
    rows: list[tuple[int, Event]] = []
    for number, values in _raw_rows(data, filename, errors):
        event = validate_row(values, file=filename, row=number, errors=errors)
        if event is not None:
            rows.append((number, event))
    if errors:
        raise InputErrors(errors)
    if not rows:
        raise InputError("文件中没有负担事件记录。", file=filename)
    return rows


def _raw_rows(
    data: bytes, filename: str, errors: list[InputError]
) -> Iterable[tuple[int, dict[str, Any]]]:
    if filename.lower().endswith((".xlsx", ".xlsm")):
        yield from _xlsx_rows(data, filename, errors)
        return
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(
            "文件不是 UTF-8 编码，请另存为 UTF-8 格式的 CSV 后再导入", file=filename
        ) from None
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if header is None:
        raise InputError("文件为空，缺少表头", file=filename, row=1)
    positions = _map_header(list(header), file=filename, row=1, errors=errors)
    if positions is None:
        return
    for number, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > len(header):
            errors.append(
                InputError(
                    f"本行有 {len(cells)} 个字段，多于表头的 {len(header)} 列",
                    file=filename,
                    row=number,
                )
            )
            continue
        yield number, {positions[i]: cells[i] for i in positions if i < len(cells)}


def _xlsx_rows(
    data: bytes, filename: str, errors: list[InputError]
) -> Iterable[tuple[int, dict[str, Any]]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged or non-XLSX file
        raise InputError("无法作为 XLSX 文件打开，请确认文件格式", file=filename) from exc
    try:
        positions: dict[int, str] | None = None
        for number, cells in enumerate(workbook.worksheets[0].iter_rows(values_only=True), start=1):
            texts = ["" if c is None else str(c).strip() for c in cells]
            if positions is None:
                if not {"township", "乡镇", "乡镇（街道）", "乡镇(街道)", "街道"} & set(texts):
                    continue
                positions = _map_header(list(cells), file=filename, row=number, errors=errors)
                if positions is None:
                    return
                continue
            if not any(texts):
                continue
            yield number, {positions[i]: cells[i] for i in positions if i < len(cells)}
        if positions is None:
            errors.append(InputError("找不到表头行（应包含 township/乡镇 等列）", file=filename))
    finally:
        workbook.close()


# --------------------------------------------------------------------------------------------
# Import
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportResult:
    created: int
    skipped: int  # already in the ledger (same file imported again)

    @property
    def message(self) -> str:
        return f"新增 {self.created} 条负担事件" + (
            f"，{self.skipped} 条已在台账中（未重复导入）" if self.skipped else ""
        )


def _org_maps(county: Organisation) -> tuple[dict[str, Organisation], dict[str, Organisation]]:
    orgs = Organisation.objects.filter(
        county=county, kind__in=[Organisation.Kind.TOWNSHIP, Organisation.Kind.DEPARTMENT]
    )
    townships = {o.name: o for o in orgs if o.kind == Organisation.Kind.TOWNSHIP}
    departments = {o.name: o for o in orgs if o.kind == Organisation.Kind.DEPARTMENT}
    return townships, departments


def import_events(
    *,
    actor: User | None,
    county: Organisation,
    rows: Sequence[tuple[int, Event]],
    filename: str,
    origin: str = BurdenEvent.Origin.IMPORT,
) -> ImportResult:
    """Add the events of one file; all or nothing; events already imported are not added again.

    ``actor`` None is the system (demo seeding). A township clerk may only import rows of their
    own township; the county admin imports for every township of the county.
    """
    if actor is not None:
        if actor.role_enum not in (Role.COUNTY_ADMIN, Role.TOWNSHIP_CLERK):
            raise ForbiddenError("只有县级管理员或乡镇（街道）经办人可以导入台账。")
        if county_of(actor.organisation) != county:  # type: ignore[arg-type]
            raise ForbiddenError("只能导入本县的台账。")
    townships, departments = _org_maps(county)
    errors: list[InputError] = []
    for number, event in rows:
        township = townships.get(event.township)
        if township is None:
            errors.append(
                InputError(
                    f"本县没有名为“{event.township}”的乡镇（街道）",
                    file=filename,
                    row=number,
                    column="township",
                )
            )
        elif (
            actor is not None
            and actor.role_enum == Role.TOWNSHIP_CLERK
            and township.pk != actor.organisation_id
        ):
            errors.append(
                InputError(
                    f"只能导入本乡镇（街道）的记录，不能导入“{event.township}”的",
                    file=filename,
                    row=number,
                    column="township",
                )
            )
        if len(event.title) > MAX_TITLE:
            errors.append(
                InputError(
                    f"标题过长（{len(event.title)} 字），上限 {MAX_TITLE} 字",
                    file=filename,
                    row=number,
                    column="title",
                )
            )
    if errors:
        raise InputErrors(errors)
    created = skipped = 0
    months: set[date] = set()
    keyed = list(keyed_events(event for _, event in rows))
    with transaction.atomic():
        for start in range(0, len(keyed), BATCH):
            chunk = keyed[start : start + BATCH]
            existing = set(
                BurdenEvent.objects.filter(
                    county=county, event_key__in=[k for k, _ in chunk]
                ).values_list("event_key", flat=True)
            )
            fresh = []
            for key, event in chunk:
                if key in existing:
                    skipped += 1
                    continue
                existing.add(key)
                month = event.date.replace(day=1)
                months.add(month)
                dept = departments.get(event.source_department)
                fresh.append(
                    BurdenEvent(
                        county=county,
                        township=townships[event.township],
                        date=event.date,
                        month=month,
                        type=event.type.value,
                        channel=event.channel.value,
                        source_department=event.source_department[:100],
                        department=dept,
                        title=event.title,
                        hours=event.hours,
                        origin=origin,
                        event_key=key,
                        created_by=actor,
                    )
                )
            BurdenEvent.objects.bulk_create(fresh, batch_size=BATCH)
            created += len(fresh)
        refresh_summaries(county.pk, months)
        record(
            Action.IMPORT,
            actor=actor,
            actor_name="" if actor else "系统",
            county=county,
            after={"file": filename, "created": created, "skipped": skipped},
            note=f"导入负担台账“{filename}”：新增 {created} 条，已存在 {skipped} 条",
        )
    return ImportResult(created, skipped)


def import_file(path: str, county_name: str) -> ImportResult:
    """Import a contract CSV/XLSX into the named county's ledger as the system (audited)."""
    from pathlib import Path

    from jiceng.progress import progress

    county = Organisation.objects.filter(
        kind=Organisation.Kind.COUNTY, name=county_name.strip()
    ).first()
    if county is None:
        names = (
            "、".join(
                Organisation.objects.filter(kind=Organisation.Kind.COUNTY).values_list(
                    "name", flat=True
                )
            )
            or "（无）"
        )
        raise InputError(f"找不到名为“{county_name}”的县，现有：{names}")
    file = Path(path)
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise InputError(f"无法读取文件：{exc.strerror or exc}", file=file.name) from exc
    rows = list(progress(read_ledger_file(data, file.name), desc="校验台账"))
    return import_events(actor=None, county=county, rows=rows, filename=file.name)
