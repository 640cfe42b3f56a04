"""Duty-list pages: the lists of the county, browsing a version, diffs, import and copy."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from jiceng.core.models import Organisation, User
from jiceng.core.roles import Role
from jiceng.core.scoping import get_visible
from jiceng.duties import services
from jiceng.duties.diff import FIELD_LABELS, diff_lists
from jiceng.duties.forms import CopyTemplateForm, DutyImportForm
from jiceng.duties.items import CATEGORY_LABELS, Category
from jiceng.duties.models import DutyList, DutyListVersion
from jiceng.duties.queries import facets, filter_items
from jiceng.errors import JicengError
from jiceng.web.permissions import login_required, roles_required


@login_required
def list_index(request: HttpRequest) -> HttpResponse:
    lists = list(
        DutyList.objects.visible_to(request.user)
        .select_related("township")
        .order_by("township__name")
    )
    # One query for the current versions of all lists (no query per row).
    latest = {
        v.duty_list_id: v
        for v in DutyListVersion.objects.filter(duty_list__in=lists).order_by(
            "duty_list_id", "number"
        )
    }
    rows = [(dl, latest.get(dl.pk)) for dl in lists]
    return render(request, "duties/index.html", {"rows": rows})


@login_required
def list_detail(request: HttpRequest, pk: int) -> HttpResponse:
    duty_list = get_visible(DutyList, request.user, pk=pk)
    versions = list(duty_list.versions.order_by("-number"))
    if not versions:
        return render(request, "duties/detail.html", {"duty_list": duty_list, "versions": []})
    chosen = request.GET.get("version")
    version = next((v for v in versions if str(v.number) == chosen), versions[0])
    params = {k: request.GET.get(k, "").strip() for k in ("category", "domain", "department", "q")}
    items = filter_items(
        version,
        category=params["category"],
        domain=params["domain"],
        department=params["department"],
        query=params["q"],
    )
    page = Paginator(items, 50).get_page(request.GET.get("page"))
    query = "&".join(f"{k}={v}" for k, v in {**params, "version": version.number}.items() if v)
    return render(
        request,
        "duties/detail.html",
        {
            "duty_list": duty_list,
            "version": version,
            "versions": versions,
            "page": page,
            "params": params,
            "query": query,
            "categories": [(c.value, CATEGORY_LABELS[c]) for c in Category],
            "facets": facets(version),
        },
    )


@login_required
def list_diff(request: HttpRequest, pk: int) -> HttpResponse:
    duty_list = get_visible(DutyList, request.user, pk=pk)
    versions = {v.number: v for v in duty_list.versions.all()}
    try:
        old = versions[int(request.GET.get("from", ""))]
        new = versions[int(request.GET.get("to", ""))]
    except (KeyError, ValueError):
        raise JicengError("请选择要比较的两个版本。", status=404) from None
    new_items = services.current_items(new)
    diff = diff_lists(services.current_items(old), new_items)
    names = {item.id: item.name for item in new_items}
    moved = [
        {
            "id": m.id,
            "old_id": m.old_id,
            "name": names.get(m.id, ""),
            "from": m.from_category.label,
            "to": m.to_category.label,
        }
        for m in diff.moved
    ]
    changed = [
        {
            "id": c.id,
            "name": names.get(c.id, ""),
            "fields": "、".join(FIELD_LABELS.get(f, f) for f in c.fields),
        }
        for c in diff.changed
    ]
    return render(
        request,
        "duties/diff.html",
        {
            "duty_list": duty_list,
            "old": old,
            "new": new,
            "diff": diff,
            "moved": moved,
            "changed": changed,
        },
    )


@roles_required(Role.COUNTY_ADMIN)
@require_http_methods(["GET", "POST"])
def import_list(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    county: Organisation = user.organisation  # type: ignore[assignment]
    form = DutyImportForm(request.POST or None, request.FILES or None, county=county)
    error = ""
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            version = services.import_duty_list(
                actor=user,
                township=form.cleaned_data["township"],
                data=upload.read(),
                filename=upload.name,
                note=form.cleaned_data["note"],
            )
        except JicengError as exc:
            error = exc.message
        else:
            messages.success(
                request,
                f"已导入{version.duty_list.name}第 {version.number} 版，共 {version.item_count} 项。",
            )
            return redirect("duties:detail", pk=version.duty_list_id)
    return render(
        request,
        "duties/import.html",
        {"form": form, "error": error, "copy_form": CopyTemplateForm(county=county)},
    )


@roles_required(Role.COUNTY_ADMIN)
@require_http_methods(["POST"])
def copy_template(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    form = CopyTemplateForm(request.POST, county=user.organisation)  # type: ignore[arg-type]
    if not form.is_valid():
        messages.error(request, "请选择本县的乡镇（街道）。")
        return redirect("duties:import")
    version = services.copy_template(actor=user, township=form.cleaned_data["township"])
    messages.success(request, f"已将全县模板复制为{version.duty_list.name}第 {version.number} 版。")
    return redirect("duties:detail", pk=version.duty_list_id)


def version_label(version: DutyListVersion) -> str:
    return f"第 {version.number} 版（{version.created_at:%Y-%m-%d}）"
