"""一表通 pages: the form registry, the data-element dictionary and its review, the township's
base table, generated reports and the measures dashboard."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.views.decorators.http import require_http_methods, require_POST

from jiceng.core.models import Organisation, User
from jiceng.core.roles import Role
from jiceng.core.scoping import get_visible
from jiceng.errors import InputError, InputErrors, JicengError
from jiceng.forms import queries, records, services
from jiceng.forms.models import BaseRecord, BaseValue, DataElement, RecordKind, ReportForm
from jiceng.forms.reports import mask
from jiceng.web.exports import xlsx_response
from jiceng.web.permissions import login_required, roles_required

ADMIN = Role.COUNTY_ADMIN
READERS = (Role.COUNTY_ADMIN, Role.OBSERVER, Role.DEPARTMENT_CLERK, Role.TOWNSHIP_CLERK)


def _user(request: HttpRequest) -> User:
    return request.user


# Like Django's json_script: the JSON cannot close the <script> element it sits in.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def chart_block(div_id: str, option: dict[str, Any]) -> SafeString:
    """The option object of an ECharts chart, read by static/jiceng/js/app.js (no inline JS)."""
    payload = json.dumps(option, ensure_ascii=False).translate(_JSON_ESCAPES)
    return format_html(
        '<script type="application/json" data-chart-for="{}">{}</script>',
        div_id,
        SafeString(payload),
    )


def _county(user: User) -> Organisation:
    org = user.organisation
    assert org is not None
    return org if org.kind == Organisation.Kind.COUNTY else org.county


# --- registry ---------------------------------------------------------------------------------


@login_required
def form_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    qs = queries.forms_for(user)
    show_all = request.GET.get("all") == "1" and user.role_enum != Role.TOWNSHIP_CLERK
    if not show_all:
        qs = qs.filter(is_current=True)
    qs = qs.annotate(field_count=Count("fields")).order_by("code", "-version")
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    county = _county(user)
    return render(
        request,
        "forms/list.html",
        {
            "page": page,
            "show_all": show_all,
            "query": "all=1" if show_all else "",
            "pending": queries.pending_elements(county) if user.role_enum == ADMIN else 0,
            "can_register": user.role_enum == Role.DEPARTMENT_CLERK,
        },
    )


@roles_required(Role.DEPARTMENT_CLERK)
@require_http_methods(["GET", "POST"])
def register(request: HttpRequest) -> HttpResponse:
    error = ""
    if request.method == "POST":
        upload = request.FILES.get("file")
        try:
            if upload is None:
                raise InputError("请选择要上传的表单定义（.json）或报表模板（.xlsx）。")
            forms = services.read_upload(
                upload.read(), upload.name or "", request.POST.get("code", "")
            )
            results = services.register_forms(
                actor=_user(request), forms=forms, source_name=upload.name or ""
            )
        except JicengError as exc:
            error = exc.message
        else:
            for result in results:
                known = len(result.known)
                messages.success(
                    request,
                    f"已登记“{result.form.title}”第 {result.form.version} 版；其中 {known} 个字段"
                    "已在本县数据元素字典中，乡镇无需重复填报。",
                )
            if len(results) == 1:
                return redirect("forms:detail", pk=results[0].form.pk)
            return redirect("forms:list")
    return render(request, "forms/register.html", {"error": error})


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    form = get_visible(
        ReportForm.objects.select_related("department", "registered_by"), user, pk=pk
    )
    known = dict((f.pk, e) for f, e in services.known_elements(form))
    fields = list(form.fields.select_related("element").order_by("position"))
    rows = [(f, known.get(f.pk)) for f in fields]
    versions = (
        ReportForm.objects.visible_to(user)
        .filter(county=form.county, code=form.code)
        .order_by("-version")
    )
    can_report = (
        user.role_enum == Role.DEPARTMENT_CLERK and form.department_id == user.organisation_id
    ) or (user.role_enum == Role.TOWNSHIP_CLERK and form.is_current)
    townships = (
        Organisation.objects.filter(county=form.county, kind=Organisation.Kind.TOWNSHIP).order_by(
            "name"
        )
        if user.role_enum == Role.DEPARTMENT_CLERK
        else []
    )
    return render(
        request,
        "forms/detail.html",
        {
            "form": form,
            "rows": rows,
            "known_count": len(known),
            "versions": versions,
            "can_report": can_report,
            "townships": townships,
        },
    )


@login_required
def report(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    form = get_visible(ReportForm.objects.select_related("department"), user, pk=pk)
    township = None
    if request.GET.get("township"):
        township = Organisation.objects.filter(
            pk=request.GET["township"], county=form.county, kind=Organisation.Kind.TOWNSHIP
        ).first()
        if township is None:
            raise InputError("所选乡镇（街道）不存在。")
    filename, content = records.generate_report(actor=user, form=form, township=township)
    return xlsx_response(filename, content)


# --- dictionary and review --------------------------------------------------------------------


@login_required
def elements(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    qs = queries.elements_for(user)
    status = request.GET.get("status", "")
    if status == "pending":
        qs = qs.filter(Q(status=DataElement.Status.PROPOSED) | Q(needs_review=True))
    elif status in DataElement.Status.values:
        qs = qs.filter(status=status)
    page = Paginator(qs, 40).get_page(request.GET.get("page"))
    is_admin = user.role_enum == ADMIN
    merge_choices = (
        list(DataElement.objects.visible_to(user).order_by("name").values_list("pk", "name"))
        if is_admin
        else []
    )
    return render(
        request,
        "forms/elements.html",
        {
            "page": page,
            "status": status,
            "query": f"status={status}" if status else "",
            "is_admin": is_admin,
            "merge_choices": merge_choices,
            "pending": queries.pending_elements(_county(user)),
        },
    )


def _back(request: HttpRequest) -> HttpResponse:
    target = request.POST.get("next", "")
    if target.startswith("/forms/elements/") and "//" not in target:
        return redirect(target)
    return redirect("forms:elements")


@roles_required(ADMIN)
@require_POST
def run_match(request: HttpRequest) -> HttpResponse:
    summary = services.run_matching(actor=_user(request))
    messages.success(
        request,
        f"已匹配 {summary.fields} 个字段：新建待确认数据元素 {summary.proposed} 个，"
        f"已确认数据元素新增成员 {summary.extended} 处。",
    )
    return redirect(reverse("forms:elements") + "?status=pending")


@roles_required(ADMIN)
@require_POST
def element_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    user = _user(request)
    element = get_visible(DataElement, user, pk=pk)
    try:
        if action == "accept":
            services.accept_element(actor=user, element=element)
            messages.success(request, f"已确认数据元素“{element.name}”。")
        elif action == "rename":
            services.rename_element(actor=user, element=element, name=request.POST.get("name", ""))
            messages.success(request, "已改名。")
        elif action == "split":
            new = services.split_member(
                actor=user, element=element, field_id=int(request.POST.get("field", 0))
            )
            messages.success(request, f"已拆分出数据元素“{new.name}”。")
        elif action == "merge":
            other = get_visible(DataElement, user, pk=int(request.POST.get("other", 0) or 0))
            services.merge_elements(actor=user, target=element, other=other)
            messages.success(request, f"已将“{other.name}”合并到“{element.name}”。")
        else:
            raise InputError("未知的操作。")
    except (InputError, InputErrors) as exc:
        messages.error(request, exc.message)
    return _back(request)


# --- base table (township) --------------------------------------------------------------------


def _kind(value: str) -> str:
    if value not in RecordKind.values:
        raise InputError("未知的记录类型。")
    return value


@roles_required(Role.TOWNSHIP_CLERK)
def base_table(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    kind = request.GET.get("kind") or "person"
    kind = _kind(kind)
    columns = list(queries.base_elements(_county(user), kind)[:8])
    qs = queries.records_for(user).filter(kind=kind).order_by("-updated_at", "-id")
    q = request.GET.get("q", "").strip()
    if q:
        qs = qs.filter(title__icontains=q)
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    ids = [r.pk for r in page.object_list]
    values: dict[tuple[int, int], str] = {}
    for record_id, element_id, value in BaseValue.objects.filter(
        record_id__in=ids, element__in=columns
    ).values_list("record_id", "element_id", "value"):
        values[(record_id, element_id)] = value
    rows = [
        (r, [mask(c.field_type, values.get((r.pk, c.pk), "")) for c in columns])
        for r in page.object_list
    ]
    counts = dict(
        queries.records_for(user).values("kind").annotate(n=Count("id")).values_list("kind", "n")
    )
    kinds = [(k, label, counts.get(k, 0)) for k, label in RecordKind.choices]
    return render(
        request,
        "forms/base_table.html",
        {
            "kind": kind,
            "kind_label": RecordKind(kind).label,
            "kinds": kinds,
            "columns": columns,
            "rows": rows,
            "page": page,
            "q": q,
            "query": f"kind={kind}" + (f"&q={q}" if q else ""),
        },
    )


def _posted_values(request: HttpRequest, elements: list[DataElement]) -> dict[int, str]:
    return {e.pk: request.POST.get(f"e{e.pk}", "") for e in elements}


def _record_form(request: HttpRequest, kind: str, obj: BaseRecord | None) -> HttpResponse:
    user = _user(request)
    elements = list(queries.base_elements(_county(user), kind))
    current: dict[int, str] = {}
    if obj is not None:
        current = dict(obj.values.values_list("element_id", "value"))
    errors: dict[str, str] = {}
    general = ""
    if request.method == "POST":
        posted = _posted_values(request, elements)
        try:
            saved = records.save_record(actor=user, kind=kind, values=posted, record_obj=obj)
        except InputErrors as exc:
            errors = {e.column or "": e.detail for e in exc.errors}
            current = posted
            general = f"共 {len(exc.errors)} 处需要修改，未保存。"
        except InputError as exc:
            general, current = exc.message, posted
        else:
            messages.success(request, f"已保存“{saved}”。")
            return redirect(reverse("forms:base") + f"?kind={kind}")
    inputs = [(e, current.get(e.pk, ""), errors.get(e.name, "")) for e in elements]
    return render(
        request,
        "forms/record_form.html",
        {
            "kind": kind,
            "kind_label": RecordKind(kind).label,
            "record": obj,
            "inputs": inputs,
            "error": general,
        },
    )


@roles_required(Role.TOWNSHIP_CLERK)
@require_http_methods(["GET", "POST"])
def record_new(request: HttpRequest, kind: str) -> HttpResponse:
    return _record_form(request, _kind(kind), None)


@roles_required(Role.TOWNSHIP_CLERK)
@require_http_methods(["GET", "POST"])
def record_edit(request: HttpRequest, pk: int) -> HttpResponse:
    obj = get_visible(queries.records_for(_user(request)), request.user, pk=pk)
    return _record_form(request, obj.kind, obj)


@roles_required(Role.TOWNSHIP_CLERK)
@require_POST
def record_delete(request: HttpRequest, pk: int) -> HttpResponse:
    obj = get_visible(queries.records_for(_user(request)), request.user, pk=pk)
    kind = obj.kind
    records.delete_base_record(actor=_user(request), record_obj=obj)
    messages.success(request, "已删除该记录。")
    return redirect(reverse("forms:base") + f"?kind={kind}")


@roles_required(Role.TOWNSHIP_CLERK)
@require_http_methods(["GET", "POST"])
def record_import(request: HttpRequest, kind: str) -> HttpResponse:
    kind = _kind(kind)
    user = _user(request)
    error = ""
    if request.method == "POST":
        upload = request.FILES.get("file")
        try:
            if upload is None:
                raise InputError("请选择要导入的 Excel（.xlsx）文件。")
            count = records.import_records(
                actor=user, kind=kind, data=upload.read(), filename=upload.name or ""
            )
        except JicengError as exc:
            error = exc.message
        else:
            messages.success(request, f"已导入 {count} 条记录。")
            return redirect(reverse("forms:base") + f"?kind={kind}")
    if request.GET.get("template") == "1":
        return xlsx_response(
            f"基础表模板-{RecordKind(kind).label}.xlsx", records.template_xlsx(user, kind)
        )
    return render(
        request,
        "forms/record_import.html",
        {"kind": kind, "kind_label": RecordKind(kind).label, "error": error},
    )


# --- measures ---------------------------------------------------------------------------------


@roles_required(*READERS)
def dashboard(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    township = user.organisation if user.role_enum == Role.TOWNSHIP_CLERK else None
    data = queries.measures(_county(user), township=township)
    names = [t.township for t in data.townships]
    chart: dict[str, Any] = {
        "tooltip": {"trigger": "axis"},
        "legend": {"data": ["报表单元格（原需分别填报）", "基础表实际填报"]},
        "grid": {"left": 48, "right": 16, "bottom": 64, "containLabel": True},
        "xAxis": {"type": "category", "data": names, "axisLabel": {"rotate": 30}},
        "yAxis": {"type": "value"},
        "series": [
            {
                "name": "报表单元格（原需分别填报）",
                "type": "bar",
                "data": [t.report_cells for t in data.townships],
            },
            {
                "name": "基础表实际填报",
                "type": "bar",
                "data": [t.values_filled for t in data.townships],
            },
        ],
    }
    monthly = queries.monthly_values(_county(user), township)
    trend = {
        "tooltip": {"trigger": "axis"},
        "xAxis": {"type": "category", "data": [m for m, _ in monthly]},
        "yAxis": {"type": "value"},
        "series": [{"name": "填报数据项", "type": "line", "data": [n for _, n in monthly]}],
    }
    return render(
        request,
        "forms/dashboard.html",
        {
            "m": data,
            "chart_json": chart_block("forms-saved", chart),
            "trend_json": chart_block("forms-trend", trend),
            "has_trend": bool(monthly),
        },
    )
