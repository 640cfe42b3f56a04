"""Writes of 一表通's registry and dictionary, each one audited transaction: registering forms
(versioned), matching the county's forms and the county admin's review of the proposed elements.
Base-table records and generated reports are in ``records``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from jiceng.core.audit import Action, record, snapshot
from jiceng.core.models import Organisation, User
from jiceng.core.roles import Role
from jiceng.core.services import county_of
from jiceng.errors import ForbiddenError, InputError
from jiceng.forms.matching import Element, match_fields
from jiceng.forms.models import (
    BaseValue,
    DataElement,
    ReportField,
    ReportForm,
)
from jiceng.forms.reports import (
    MAX_UPLOAD_BYTES,
    Trait,
    field_traits,
    record_kind_of,
)
from jiceng.forms.schema import FieldType, Form, load_forms_json
from jiceng.forms.templates_xlsx import read_form_template

ELEMENT_FIELDS = ["name", "field_type", "options", "status", "needs_review", "reasons"]


# --- form registry --------------------------------------------------------------------------


@dataclass
class Registered:
    """A registered form version and what the dictionary already knows of its fields."""

    form: ReportForm
    known: list[tuple[ReportField, DataElement]] = field(default_factory=list)


def read_upload(data: bytes, filename: str, form_id: str = "") -> list[Form]:
    """An uploaded JSON contract (one or more forms) or one XLSX template (id = file stem)."""
    name = PurePath(filename or "upload").name
    if not data:
        raise InputError("文件是空的。", file=name)
    if len(data) > MAX_UPLOAD_BYTES:
        raise InputError("文件超过 20 MB，不像是一张报表模板。", file=name)
    suffix = PurePath(name).suffix.lower()
    if suffix == ".json":
        return load_forms_json(data, filename=name)
    if suffix in (".xlsx", ".xlsm"):
        code = (form_id or PurePath(name).stem).strip()
        return [read_form_template(data, form_id=code)]
    raise InputError("只接受 JSON（.json）表单定义或 Excel（.xlsx）报表模板。", file=name)


def register_forms(*, actor: User, forms: list[Form], source_name: str = "") -> list[Registered]:
    """Register forms for the actor's department; a known code becomes a new version."""
    if actor.role_enum != Role.DEPARTMENT_CLERK:
        raise ForbiddenError("只有县直部门可以登记本部门的报表。")
    if not forms:
        raise InputError("文件中没有表单。", file=source_name or None)
    department = actor.organisation
    assert department is not None
    county = county_of(actor)
    results = []
    with transaction.atomic():
        for form in forms:
            results.append(_register_one(actor, county, department, form, source_name))
    for result in results:
        result.known = known_elements(result.form)
    return results


def _register_one(
    actor: User, county: Organisation, department: Organisation, form: Form, source_name: str
) -> Registered:
    code = form.id.strip()
    if not code or len(code) > 64:
        raise InputError("表单编号不能为空，且不超过 64 个字符。", file=source_name or None)
    taken = (
        ReportForm.objects.filter(county=county, code=code)
        .exclude(department=department)
        .select_related("department")
        .first()
    )
    if taken is not None:
        raise InputError(
            f"表单编号“{code}”已被{taken.department.name}使用，请换一个编号。",
            file=source_name or None,
        )
    previous = (
        ReportForm.objects.select_for_update()
        .filter(county=county, code=code, is_current=True)
        .first()
    )
    version = (
        ReportForm.objects.filter(county=county, code=code).aggregate(n=Max("version"))["n"] or 0
    ) + 1
    inherited: dict[str, int | None] = {}
    if previous is not None:
        inherited = dict(previous.fields.values_list("name", "element_id"))
        previous.is_current = False
        previous.save(update_fields=["is_current"])
    obj = ReportForm.objects.create(
        county=county,
        department=department,
        code=code,
        version=version,
        title=(form.title or code)[:200],
        period=form.period[:50],
        record_kind=record_kind_of(form),
        source_name=source_name[:255],
        registered_by=actor,
    )
    # The same field of the same form keeps its confirmed element across versions.
    ReportField.objects.bulk_create(
        [
            ReportField(
                form=obj,
                position=i,
                name=f.name[:200],
                field_type=f.type.value,
                description=f.description,
                options=list(f.options),
                group=f.group[:200],
                element_id=inherited.get(f.name),
            )
            for i, f in enumerate(form.fields, start=1)
        ]
    )
    record(
        Action.CREATE,
        actor=actor,
        obj=obj,
        after=snapshot(obj) | {"fields": [f.name for f in form.fields]},
        note=f"登记报表“{obj.title}”第 {version} 版，字段 {len(form.fields)} 个"
        + (
            f"（沿用上一版的数据元素 {sum(1 for v in inherited.values() if v)} 个）"
            if previous
            else ""
        ),
    )
    return Registered(form=obj)


def current_fields(county: Organisation) -> list[ReportField]:
    return list(
        ReportField.objects.filter(form__county=county, form__is_current=True)
        .select_related("form", "form__department", "element")
        .order_by("form__code", "position")
    )


def _engine_forms(fields: list[ReportField]) -> list[Form]:
    by_form: dict[int, list[ReportField]] = {}
    forms: dict[int, ReportForm] = {}
    for f in fields:
        by_form.setdefault(f.form_id, []).append(f)
        forms[f.form_id] = f.form
    return [forms[pk].to_engine(rows) for pk, rows in by_form.items()]


def known_elements(form: ReportForm) -> list[tuple[ReportField, DataElement]]:
    """The fields of ``form`` the county's confirmed dictionary already holds, so that no element
    is asked for twice: fields already linked, and fields the engine puts with a linked field."""
    fields = current_fields(form.county)
    if not form.is_current:
        fields += list(form.fields.select_related("form", "form__department", "element"))
    by_key = {f.member_key: f for f in fields}
    mine = [f for f in fields if f.form_id == form.pk]
    found: dict[int, DataElement] = {
        f.pk: f.element
        for f in mine
        if f.element and f.element.status == DataElement.Status.ACCEPTED
    }
    if len(found) < len(mine):
        for element in match_fields(_engine_forms(fields)).elements:
            members = [by_key[m] for m in element.members if m in by_key]
            linked = Counter(
                m.element_id
                for m in members
                if m.element_id and m.element.status == DataElement.Status.ACCEPTED
            )
            if not linked:
                continue
            element_id = linked.most_common(1)[0][0]
            target = next(m.element for m in members if m.element_id == element_id)
            for m in members:
                if m.form_id == form.pk and m.pk not in found:
                    found[m.pk] = target
    return [(f, found[f.pk]) for f in mine if f.pk in found]


# --- matching and review ----------------------------------------------------------------------


@dataclass(frozen=True)
class MatchSummary:
    proposed: int
    extended: int
    fields: int


def _require_admin(actor: User) -> None:
    if actor.role_enum != Role.COUNTY_ADMIN:
        raise ForbiddenError("只有县级管理员可以审核数据元素。")


def _element_type(members: list[ReportField]) -> tuple[str, list[str]]:
    counts = Counter(m.field_type for m in members)
    field_type = counts.most_common(1)[0][0]
    options: list[str] = []
    for m in members:
        for option in m.options or []:
            if option not in options:
                options.append(option)
    return field_type, options if field_type == FieldType.ENUM else []


def run_matching(*, actor: User, county: Organisation | None = None) -> MatchSummary:
    """Match the county's forms in force; unconfirmed proposals are replaced, confirmed elements
    kept. New fields the engine puts with a confirmed element join it and mark it for review."""
    _require_admin(actor)
    county = county or county_of(actor)
    with transaction.atomic():
        DataElement.objects.filter(county=county, status=DataElement.Status.PROPOSED).delete()
        fields = current_fields(county)
        if not fields:
            raise InputError("本县还没有登记任何报表，无法匹配。")
        forms = _engine_forms(fields)
        by_key = {f.member_key: f for f in fields}
        traits = field_traits(forms)
        proposed = extended = 0
        for element in match_fields(forms).elements:
            members = [by_key[m] for m in element.members]
            linked = Counter(m.element_id for m in members if m.element_id)
            free = [m for m in members if not m.element_id]
            if not free:
                continue
            if linked:
                target = DataElement.objects.get(pk=linked.most_common(1)[0][0])
                _extend(target, free, element)
                extended += 1
            else:
                _propose(county, free, element, traits)
                proposed += 1
        record(
            Action.REVIEW,
            actor=actor,
            county=county,
            note=f"运行字段匹配：{len(fields)} 个字段，新建待确认数据元素 {proposed} 个，"
            f"已确认数据元素新增成员 {extended} 处",
        )
    return MatchSummary(proposed=proposed, extended=extended, fields=len(fields))


def _propose(
    county: Organisation, members: list[ReportField], element: Element, traits: dict[str, Trait]
) -> DataElement:
    trait = traits.get(members[0].member_key, Trait("", "", ""))
    field_type, options = _element_type(members)
    obj = DataElement.objects.create(
        county=county,
        name=element.name[:200],
        field_type=field_type,
        options=options,
        subject=trait.subject,
        subject_label=trait.subject_label,
        concept=trait.concept,
        confidence=round(float(element.confidence), 4),
        reasons=list(element.reasons),
    )
    ReportField.objects.filter(pk__in=[m.pk for m in members]).update(element=obj)
    return obj


def _extend(target: DataElement, members: list[ReportField], element: Element) -> None:
    ReportField.objects.filter(pk__in=[m.pk for m in members]).update(element=target)
    names = "、".join(m.member_key for m in members)
    target.reasons = [*target.reasons, f"匹配新增成员：{names}（待确认）", *element.reasons]
    target.needs_review = True
    target.confidence = min(target.confidence or 1.0, round(float(element.confidence), 4))
    target.save(update_fields=["reasons", "needs_review", "confidence"])


def _members(element: DataElement) -> list[str]:
    return [
        f"{code}:{name}"
        for code, name in element.fields.filter(form__is_current=True).values_list(
            "form__code", "name"
        )
    ]


def _state(element: DataElement) -> dict[str, Any]:
    return snapshot(element, ELEMENT_FIELDS) | {"members": _members(element)}


def accept_element(*, actor: User, element: DataElement, note: str = "") -> DataElement:
    _require_admin(actor)
    with transaction.atomic():
        element = DataElement.objects.select_for_update().get(pk=element.pk)
        before = _state(element)
        element.status = DataElement.Status.ACCEPTED
        element.needs_review = False
        element.reviewed_by = actor
        element.reviewed_at = timezone.now()
        element.save()
        record(
            Action.REVIEW,
            actor=actor,
            obj=element,
            before=before,
            after=_state(element),
            note=note or f"确认数据元素“{element.name}”",
        )
    return element


def rename_element(*, actor: User, element: DataElement, name: str) -> DataElement:
    _require_admin(actor)
    name = (name or "").strip()
    if not name or len(name) > 200:
        raise InputError("数据元素名称不能为空，且不超过 200 字。")
    with transaction.atomic():
        before = snapshot(element, ["name"])
        element.name = name
        element.save(update_fields=["name"])
        record(
            Action.REVIEW,
            actor=actor,
            obj=element,
            before=before,
            after=snapshot(element, ["name"]),
            note=f"数据元素改名为“{name}”",
        )
    return element


def split_member(*, actor: User, element: DataElement, field_id: int) -> DataElement:
    """Move one field out of an element into an element of its own (values copied along)."""
    _require_admin(actor)
    with transaction.atomic():
        member = element.fields.select_related("form").filter(pk=field_id).first()
        if member is None:
            raise InputError("该字段不属于这个数据元素。")
        if element.fields.filter(form__is_current=True).count() < 2:
            raise InputError("这个数据元素只有一个字段，无需拆分。")
        before = _state(element)
        new = DataElement.objects.create(
            county=element.county,
            name=member.name,
            field_type=member.field_type,
            options=list(member.options or []) if member.field_type == FieldType.ENUM else [],
            subject=element.subject,
            subject_label=element.subject_label,
            concept="",
            status=element.status,
            confidence=1.0,
            reasons=[f"由县级管理员从“{element.name}”中拆分出（{member.member_key}）"],
            reviewed_by=actor if element.status == DataElement.Status.ACCEPTED else None,
            reviewed_at=timezone.now() if element.status == DataElement.Status.ACCEPTED else None,
        )
        member.element = new
        member.save(update_fields=["element"])
        # The township filled the fact once for both forms; the split-out copy keeps it.
        BaseValue.objects.bulk_create(
            [
                BaseValue(
                    record_id=v.record_id, element=new, value=v.value, updated_at=v.updated_at
                )
                for v in element.values.all()
            ]
        )
        record(
            Action.REVIEW,
            actor=actor,
            obj=element,
            before=before,
            after=_state(element) | {"split_to": new.pk, "split_member": member.member_key},
            note=f"从“{element.name}”拆分出字段 {member.member_key}，成为数据元素“{new.name}”",
        )
    return new


def merge_elements(*, actor: User, target: DataElement, other: DataElement) -> DataElement:
    """Fold ``other`` into ``target``: its fields and (where the target has none) its values."""
    _require_admin(actor)
    if target.pk == other.pk:
        raise InputError("不能把数据元素与自身合并。")
    if target.county_id != other.county_id:
        raise ForbiddenError("只能合并本县的数据元素。")
    kinds = {target.field_type, other.field_type}
    if len(kinds) > 1 and kinds != {FieldType.TEXT, FieldType.ENUM}:
        labels = "、".join(sorted(FieldType(k).label for k in kinds))
        raise InputError(f"类型不同（{labels}），不能合并为同一数据元素。")
    with transaction.atomic():
        before = _state(target) | {"merged": _state(other)}
        other.fields.update(element=target)
        filled = set(target.values.values_list("record_id", flat=True))
        other.values.exclude(record_id__in=filled).update(element=target)
        if target.field_type == FieldType.ENUM:
            target.options = list(dict.fromkeys([*target.options, *other.options]))
        target.reasons = [*target.reasons, f"由县级管理员合并“{other.name}”"]
        target.save(update_fields=["options", "reasons"])
        other_name = other.name
        other.delete()
        record(
            Action.REVIEW,
            actor=actor,
            obj=target,
            before=before,
            after=_state(target),
            note=f"将“{other_name}”合并到“{target.name}”",
        )
    return target
