"""The registers of work groups/apps and of signboards: listing, registering, closing and removal.

Both pages flag what the rules forbid: a group still open after its task ended, and a signboard
taken down while the work behind it goes on (减牌不减事)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from jiceng.core.models import User
from jiceng.core.roles import Role
from jiceng.core.scoping import get_visible
from jiceng.errors import JicengError
from jiceng.ledger import queries, registers
from jiceng.ledger.forms import (
    SignboardForm,
    SignboardRemoveForm,
    WorkGroupForm,
    WorkGroupUpdateForm,
)
from jiceng.ledger.models import Signboard, WorkGroup
from jiceng.ledger.views.common import REGISTER_WRITERS
from jiceng.web.permissions import roles_required
from jiceng.web.submit import submit_form


@roles_required()
@require_http_methods(["GET", "POST"])
def groups(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    form = (
        WorkGroupForm(request.POST or None, user=user, initial={"opened_on": timezone.localdate()})
        if user.role_enum != Role.OBSERVER
        else None
    )
    if request.method == "POST":
        registered = submit_form(
            request,
            form,
            lambda d: registers.register_work_group(
                actor=user,
                name=d["name"],
                kind=d["kind"],
                purpose=d["purpose"],
                opened_on=d["opened_on"],
                townships=list(d["townships"]),
                department=d["department"],
                task=d["task"],
                task_ends_on=d["task_ends_on"],
            ),
            success="工作群/APP 已登记。",
        )
        if registered is not None:
            return redirect("ledger:groups")
    today = timezone.localdate()
    qs = (
        WorkGroup.objects.visible_to(user)
        .select_related("department")
        .prefetch_related("townships")
    )
    overdue = set(queries.open_groups_past_task(qs, today).values_list("pk", flat=True))
    return render(
        request,
        "ledger/groups.html",
        {
            "groups": qs,
            "form": form,
            "overdue": overdue,
            "today": today,
            "update_form": WorkGroupUpdateForm(),
        },
    )


@roles_required(*REGISTER_WRITERS)
@require_POST
def group_update(request: HttpRequest, pk: int) -> HttpResponse:
    group = get_visible(WorkGroup, request.user, pk=pk)
    form = WorkGroupUpdateForm(request.POST)
    if form.is_valid():
        try:
            registers.update_work_group(actor=request.user, group=group, **form.cleaned_data)  # type: ignore[arg-type]
        except JicengError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, "已更新。")
    return redirect("ledger:groups")


@roles_required()
@require_http_methods(["GET", "POST"])
def signboards(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    form = (
        SignboardForm(request.POST or None, user=user, initial={"put_up_on": timezone.localdate()})
        if user.role_enum != Role.OBSERVER
        else None
    )
    if request.method == "POST":
        registered = submit_form(
            request,
            form,
            lambda d: registers.register_signboard(
                actor=user,
                township=d["township"],
                name=d["name"],
                work=d["work"],
                put_up_on=d["put_up_on"],
                department=d["department"],
                task=d["task"],
            ),
            success="牌子已登记。",
        )
        if registered is not None:
            return redirect("ledger:signboards")
    qs = Signboard.objects.visible_to(user).select_related("township", "department")
    flagged = {b.pk: b for b in queries.boards_with_work_after_removal(qs)}
    return render(
        request,
        "ledger/signboards.html",
        {"boards": qs, "form": form, "flagged": flagged, "remove_form": SignboardRemoveForm()},
    )


@roles_required(*REGISTER_WRITERS)
@require_POST
def signboard_remove(request: HttpRequest, pk: int) -> HttpResponse:
    board = get_visible(Signboard, request.user, pk=pk)
    form = SignboardRemoveForm(request.POST)
    if form.is_valid():
        registers.remove_signboard(
            actor=request.user, board=board, removed_on=form.cleaned_data["removed_on"]
        )  # type: ignore[arg-type]
        messages.success(request, "已登记摘牌。")
    return redirect("ledger:signboards")
