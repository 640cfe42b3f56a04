"""Writes to duty lists: import a new version, copy the county template to a township."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from django.db import transaction
from django.db.models import Max

from jiceng.core.audit import Action, record
from jiceng.core.models import Organisation, User
from jiceng.core.roles import Role
from jiceng.duties.items import Category, DutyItem
from jiceng.duties.models import DutyItemRecord, DutyList, DutyListVersion
from jiceng.duties.parsing import parse_duty_list
from jiceng.errors import ForbiddenError, InputError


def ensure_county_admin(actor: User) -> None:
    if actor.role_enum != Role.COUNTY_ADMIN:
        raise ForbiddenError("只有县级管理员可以维护履职事项清单。")


def list_for(*, county: Organisation, township: Organisation | None) -> DutyList:
    name = (
        f"{township.name}履职事项清单"
        if township
        else f"{county.name}乡镇（街道）履职事项清单（全县模板）"
    )
    duty_list, _ = DutyList.objects.get_or_create(
        county=county, township=township, defaults={"name": name}
    )
    return duty_list


def save_version(
    *,
    actor: User | None,
    duty_list: DutyList,
    items: Sequence[DutyItem],
    source_name: str = "",
    title: str = "",
    unit: str = "",
    note: str = "",
) -> DutyListVersion:
    """Store ``items`` as the next version of ``duty_list``; earlier versions stay readable."""
    counts = Counter(item.category for item in items)
    with transaction.atomic():
        # Lock the list row so two imports cannot take the same version number.
        DutyList.objects.select_for_update().filter(pk=duty_list.pk).first()
        last = duty_list.versions.aggregate(n=Max("number"))["n"] or 0
        version = DutyListVersion.objects.create(
            duty_list=duty_list,
            number=last + 1,
            created_by=actor,
            source_name=source_name[:255],
            title=title[:255],
            unit=unit[:255],
            note=note,
            item_count=len(items),
            basic_count=counts[Category.BASIC],
            cooperating_count=counts[Category.COOPERATING],
            returned_count=counts[Category.RETURNED],
        )
        DutyItemRecord.objects.bulk_create(
            [
                DutyItemRecord.from_item(item, version=version, position=i)
                for i, item in enumerate(items, start=1)
            ],
            batch_size=500,
        )
        record(
            Action.IMPORT,
            actor=actor,
            obj=duty_list,
            after={"version": version.number, "items": len(items), "source": source_name},
            note=note or f"导入第 {version.number} 版，共 {len(items)} 项",
            county=duty_list.county,
        )
    return version


def import_duty_list(
    *, actor: User, township: Organisation | None, data: bytes, filename: str, note: str = ""
) -> DutyListVersion:
    """Parse an uploaded CSV/XLSX and store it as a new version; a bad file stores nothing."""
    ensure_county_admin(actor)
    county = actor.organisation
    assert county is not None
    if township is not None and (
        township.kind != Organisation.Kind.TOWNSHIP or township.county_id != county.pk
    ):
        raise InputError("所选乡镇（街道）不属于本县。")
    parsed = parse_duty_list(data, filename)
    return save_version(
        actor=actor,
        duty_list=list_for(county=county, township=township),
        items=parsed.items,
        source_name=filename,
        title=parsed.title,
        unit=parsed.unit,
        note=note or parsed.version_note,
    )


def copy_template(*, actor: User, township: Organisation, note: str = "") -> DutyListVersion:
    """Copy the county template's current version to a township as its next version."""
    ensure_county_admin(actor)
    county = actor.organisation
    assert county is not None
    template = DutyList.objects.filter(county=county, township__isnull=True).first()
    current = template.current_version() if template else None
    if current is None:
        raise InputError("本县尚未导入全县模板清单，无法复制。")
    if township.county_id != county.pk or township.kind != Organisation.Kind.TOWNSHIP:
        raise InputError("所选乡镇（街道）不属于本县。")
    items = current_items(current)
    return save_version(
        actor=actor,
        duty_list=list_for(county=county, township=township),
        items=items,
        source_name=f"全县模板第{current.number}版",
        title=current.title,
        unit=current.unit,
        note=note or f"由全县模板第 {current.number} 版复制，可按本乡镇实际调整。",
    )


def current_items(version: DutyListVersion) -> list[DutyItem]:
    return [r.to_item() for r in version.items.order_by("position")]


def township_items(township: Organisation) -> list[DutyItem]:
    """The items in force for a township: its own list, else the county template."""
    for duty_list in (
        DutyList.objects.filter(township=township).first(),
        DutyList.objects.filter(county_id=township.county_id, township__isnull=True).first(),
    ):
        version = duty_list.current_version() if duty_list else None
        if version is not None:
            return current_items(version)
    return []
