"""Powers delegated to townships and whether staff, budget and training came with them
(赋权事项“接得住”): the list, registering one, and the county's update of its resources."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from jiceng.capacity import services
from jiceng.capacity.forms import PowerForm, PowerResourcesForm
from jiceng.capacity.models import DelegatedPower
from jiceng.capacity.views.common import READERS, acting_user, user_county
from jiceng.core.roles import Role
from jiceng.core.scoping import get_visible
from jiceng.errors import JicengError
from jiceng.web.permissions import roles_required
from jiceng.web.submit import submit_form


@roles_required(*READERS)
@require_http_methods(["GET", "POST"])
def powers(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    county = user_county(user)
    form = (
        PowerForm(request.POST or None, county=county)
        if user.role_enum == Role.COUNTY_ADMIN
        else None
    )
    if request.method == "POST":
        power = submit_form(
            request,
            form,
            lambda d: services.delegate_power(
                actor=user,
                township=d["township"],
                name=d["name"],
                basis=d["basis"],
                department=d["department"],
                delegated_on=d["delegated_on"],
                staff_added=d["staff_added"],
                budget_added=d["budget_added"],
                training_given=d["training_given"],
            ),
            success="赋权事项已登记。",
            refused="只有县级管理员可以登记赋权事项。",
        )
        if power is not None:
            return redirect("capacity:power", pk=power.pk)
    items = DelegatedPower.objects.visible_to(user).select_related("township", "department")
    return render(
        request,
        "capacity/powers.html",
        {"items": items, "form": form, "hidden": items.filter(hidden_burden=True).count()},
    )


@roles_required(*READERS)
@require_http_methods(["GET", "POST"])
def power_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    power = get_visible(
        DelegatedPower.objects.select_related("township", "department"), user, pk=pk
    )
    form = None
    if user.role_enum == Role.COUNTY_ADMIN:
        form = PowerResourcesForm(
            request.POST or None,
            initial={
                "staff_added": power.staff_added,
                "budget_added": power.budget_added,
                "training_given": power.training_given,
            },
        )
        if request.method == "POST" and form.is_valid():
            d = form.cleaned_data
            services.update_power_resources(
                actor=user,
                power=power,
                staff_added=d["staff_added"],
                budget_added=d["budget_added"],
                training_given=d["training_given"],
            )
            messages.success(request, "已更新随权下沉的资源。")
            return redirect("capacity:power", pk=pk)
    elif request.method == "POST":
        raise JicengError("只有县级管理员可以修改赋权事项。", status=403)
    return render(request, "capacity/power_detail.html", {"power": power, "form": form})
