"""API routes of 一表通: forms, the data-element dictionary and its review, the township's base
table (masked in lists), reports and measures."""

from datetime import datetime
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Router, Schema

from jiceng.api.permissions import require_roles
from jiceng.core.models import Organisation, User
from jiceng.core.roles import Role
from jiceng.core.scoping import get_visible
from jiceng.errors import NotFoundError
from jiceng.forms import queries, records, services
from jiceng.forms.models import BaseRecord, DataElement, ReportForm
from jiceng.forms.reports import mask
from jiceng.forms.schema import load_forms_json
from jiceng.web.exports import xlsx_response

router = Router(tags=["一表通"])


class FieldOut(Schema):
    position: int
    name: str
    type: str
    description: str
    options: list[str]
    element_id: int | None
    element: str | None


class FormOut(Schema):
    id: int
    code: str
    version: int
    is_current: bool
    title: str
    period: str
    department: str
    record_kind: str
    registered_at: datetime


class FormDetailOut(FormOut):
    fields: list[FieldOut]
    known: dict[str, str]


class RegisteredOut(Schema):
    form: FormOut
    known: dict[str, str]


class MemberOut(Schema):
    field_id: int
    member: str
    department: str


class ElementOut(Schema):
    id: int
    name: str
    type: str
    subject: str
    status: str
    needs_review: bool
    confidence: float
    reasons: list[str]
    members: list[MemberOut]


class MatchOut(Schema):
    proposed: int
    extended: int
    fields: int


class RenameIn(Schema):
    name: str


class SplitIn(Schema):
    field_id: int


class MergeIn(Schema):
    other_id: int


class RecordIn(Schema):
    kind: str
    values: dict[int, str]


class RecordOut(Schema):
    id: int
    kind: str
    title: str
    updated_at: datetime
    values: dict[str, str]


def _user(request: HttpRequest) -> User:
    return request.user


def _form_out(form: ReportForm) -> dict[str, Any]:
    return {
        "id": form.pk,
        "code": form.code,
        "version": form.version,
        "is_current": form.is_current,
        "title": form.title,
        "period": form.period,
        "department": form.department.name,
        "record_kind": form.record_kind,
        "registered_at": form.registered_at,
    }


def _known(form: ReportForm) -> dict[str, str]:
    return {f.name: e.name for f, e in services.known_elements(form)}


def _element_out(element: DataElement) -> dict[str, Any]:
    return {
        "id": element.pk,
        "name": element.name,
        "type": element.field_type,
        "subject": element.subject_label,
        "status": element.status,
        "needs_review": element.needs_review,
        "confidence": element.confidence,
        "reasons": element.reasons,
        "members": [
            {"field_id": m.pk, "member": m.member_key, "department": m.form.department.name}
            for m in getattr(element, "current_members", [])
        ],
    }


def _reload(user: User, pk: int) -> dict[str, Any]:
    return _element_out(get_visible(queries.with_members(DataElement.objects.all()), user, pk=pk))


@router.get("/forms", response=list[FormOut], summary="可见的报表（现行版本）")
def forms(request: HttpRequest, include_old: bool = False) -> list[dict[str, Any]]:
    qs = queries.forms_for(_user(request))
    if not include_old:
        qs = qs.filter(is_current=True)
    return [_form_out(f) for f in qs.order_by("code", "-version")[:1000]]


@router.post(
    "/forms", response={201: list[RegisteredOut]}, summary="登记报表（JSON 表单定义，县直部门）"
)
@require_roles(Role.DEPARTMENT_CLERK)
def register(request: HttpRequest) -> tuple[int, list[dict[str, Any]]]:
    parsed = load_forms_json(request.body, filename="请求正文")
    results = services.register_forms(actor=_user(request), forms=parsed, source_name="API")
    return 201, [
        {"form": _form_out(r.form), "known": {f.name: e.name for f, e in r.known}} for r in results
    ]


@router.get("/forms/{form_id}", response=FormDetailOut, summary="报表详情")
def form_detail(request: HttpRequest, form_id: int) -> dict[str, Any]:
    form = get_visible(ReportForm.objects.select_related("department"), _user(request), pk=form_id)
    fields = [
        {
            "position": f.position,
            "name": f.name,
            "type": f.field_type,
            "description": f.description,
            "options": f.options,
            "element_id": f.element_id,
            "element": f.element.name if f.element else None,
        }
        for f in form.fields.select_related("element").order_by("position")
    ]
    return _form_out(form) | {"fields": fields, "known": _known(form)}


@router.get("/forms/{form_id}/report", summary="生成报表（Excel，审计）")
def form_report(request: HttpRequest, form_id: int, township_id: int | None = None) -> HttpResponse:
    user = _user(request)
    form = get_visible(ReportForm.objects.select_related("department"), user, pk=form_id)
    township = None
    if township_id is not None:
        township = Organisation.objects.filter(
            pk=township_id, county=form.county, kind=Organisation.Kind.TOWNSHIP
        ).first()
        if township is None:
            raise NotFoundError("未找到该乡镇（街道）。")
    filename, content = records.generate_report(actor=user, form=form, township=township)
    return xlsx_response(filename, content)


@router.get(
    "/elements", response=list[ElementOut], summary="数据元素字典（部门只见本部门报表用到的）"
)
def elements(request: HttpRequest, status: str = "") -> list[dict[str, Any]]:
    qs = queries.elements_for(_user(request))
    if status:
        qs = qs.filter(status=status)
    return [_element_out(e) for e in qs[:2000]]


@router.post("/elements/match", response=MatchOut, summary="运行字段匹配（县级管理员）")
@require_roles(Role.COUNTY_ADMIN)
def match(request: HttpRequest) -> dict[str, Any]:
    summary = services.run_matching(actor=_user(request))
    return {"proposed": summary.proposed, "extended": summary.extended, "fields": summary.fields}


@router.post("/elements/{element_id}/accept", response=ElementOut, summary="确认数据元素")
@require_roles(Role.COUNTY_ADMIN)
def accept(request: HttpRequest, element_id: int) -> dict[str, Any]:
    user = _user(request)
    services.accept_element(actor=user, element=get_visible(DataElement, user, pk=element_id))
    return _reload(user, element_id)


@router.post("/elements/{element_id}/rename", response=ElementOut, summary="数据元素改名")
@require_roles(Role.COUNTY_ADMIN)
def rename(request: HttpRequest, element_id: int, payload: RenameIn) -> dict[str, Any]:
    user = _user(request)
    services.rename_element(
        actor=user, element=get_visible(DataElement, user, pk=element_id), name=payload.name
    )
    return _reload(user, element_id)


@router.post(
    "/elements/{element_id}/split", response=ElementOut, summary="拆分出一个字段，返回新数据元素"
)
@require_roles(Role.COUNTY_ADMIN)
def split(request: HttpRequest, element_id: int, payload: SplitIn) -> dict[str, Any]:
    user = _user(request)
    new = services.split_member(
        actor=user, element=get_visible(DataElement, user, pk=element_id), field_id=payload.field_id
    )
    return _reload(user, new.pk)


@router.post(
    "/elements/{element_id}/merge", response=ElementOut, summary="把另一数据元素并入本元素"
)
@require_roles(Role.COUNTY_ADMIN)
def merge(request: HttpRequest, element_id: int, payload: MergeIn) -> dict[str, Any]:
    user = _user(request)
    target = get_visible(DataElement, user, pk=element_id)
    other = get_visible(DataElement, user, pk=payload.other_id)
    services.merge_elements(actor=user, target=target, other=other)
    return _reload(user, element_id)


def _record_out(obj: BaseRecord, *, masked: bool) -> dict[str, Any]:
    values = {
        v.element.name: mask(v.element.field_type, v.value) if masked else v.value
        for v in obj.values.select_related("element")
    }
    return {
        "id": obj.pk,
        "kind": obj.kind,
        "title": obj.title,
        "updated_at": obj.updated_at,
        "values": values,
    }


@router.get(
    "/records", response=list[RecordOut], summary="本乡镇基础表记录（身份证号、电话已隐藏）"
)
@require_roles(Role.TOWNSHIP_CLERK)
def record_list(request: HttpRequest, kind: str = "", limit: int = 100) -> list[dict[str, Any]]:
    qs = queries.records_for(_user(request))
    if kind:
        qs = qs.filter(kind=kind)
    return [
        _record_out(r, masked=True)
        for r in qs.order_by("-updated_at", "-id")[: max(1, min(limit, 500))]
    ]


@router.get("/records/{record_id}", response=RecordOut, summary="基础表记录（本乡镇，完整）")
@require_roles(Role.TOWNSHIP_CLERK)
def record_detail(request: HttpRequest, record_id: int) -> dict[str, Any]:
    user = _user(request)
    return _record_out(get_visible(queries.records_for(user), user, pk=record_id), masked=False)


@router.post("/records", response={201: RecordOut}, summary="新增基础表记录（乡镇）")
@require_roles(Role.TOWNSHIP_CLERK)
def record_create(request: HttpRequest, payload: RecordIn) -> tuple[int, dict[str, Any]]:
    obj = records.save_record(actor=_user(request), kind=payload.kind, values=payload.values)
    return 201, _record_out(obj, masked=False)


@router.get("/measures", summary="一表通减负成效（本县；乡镇只见本乡镇）")
def measures(request: HttpRequest) -> dict[str, Any]:
    user = _user(request)
    org = user.organisation
    assert org is not None
    county = org if org.kind == Organisation.Kind.COUNTY else org.county
    township = org if user.role_enum == Role.TOWNSHIP_CLERK else None
    return queries.measures(county, township=township).as_dict()
