"""Procurement pages: dashboard, catalogue, purchase requests, contracts with payments and reviews."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from jiceng.core.models import User
from jiceng.core.roles import Role
from jiceng.core.scoping import get_visible
from jiceng.errors import JicengError
from jiceng.procurement import queries, services
from jiceng.procurement.checker import VERDICT_LABELS
from jiceng.procurement.forms import (
    CatalogueImportForm,
    CheckForm,
    ContractForm,
    DecisionForm,
    PaymentForm,
    RequestForm,
    ReviewForm,
)
from jiceng.procurement.models import CatalogueItem, Contract, PurchaseRequest
from jiceng.procurement.performance import dimensions
from jiceng.web.charts import BLUE, GREEN, RED, YELLOW, bar_chart, chart
from jiceng.web.permissions import roles_required

READERS = (Role.COUNTY_ADMIN, Role.OBSERVER, Role.TOWNSHIP_CLERK)
WRITERS = (Role.COUNTY_ADMIN, Role.TOWNSHIP_CLERK)


def _user(request: HttpRequest) -> User:
    return request.user


@roles_required(*READERS)
def dashboard(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    year = timezone.localdate().year
    spend = queries.spend_by_township(user, year)
    counts = queries.verdict_counts(user)
    providers = queries.provider_scores(user)
    spend_chart = bar_chart(
        "spend",
        [s.township for s in spend],
        [
            {
                "name": "同意预算",
                "data": [float(s.budget) for s in spend],
                "itemStyle": {"color": BLUE},
            },
            {
                "name": "合同金额",
                "data": [float(s.contracted) for s in spend],
                "itemStyle": {"color": YELLOW},
            },
            {
                "name": "已支付",
                "data": [float(s.paid) for s in spend],
                "itemStyle": {"color": GREEN},
            },
        ],
        unit="元",
    )
    colours = {"forbidden": RED, "review": YELLOW, "allowed": GREEN}
    verdict_chart = chart(
        "verdicts",
        {
            "tooltip": {"trigger": "item"},
            "series": [
                {
                    "type": "pie",
                    "radius": ["40%", "70%"],
                    "data": [
                        {
                            "name": VERDICT_LABELS[v],
                            "value": counts.get(v, 0),
                            "itemStyle": {"color": colours[v]},
                        }
                        for v in VERDICT_LABELS
                    ],
                }
            ],
        },
    )
    score_chart = bar_chart(
        "providers",
        [p["provider"] for p in providers],
        [{"name": "平均得分", "data": [p["average"] for p in providers]}],
        unit="分",
        mark_line=60,
    )
    return render(
        request,
        "procurement/dashboard.html",
        {
            "spend": spend,
            "counts": counts,
            "providers": providers,
            "year": year,
            "spend_chart": spend_chart,
            "verdict_chart": verdict_chart,
            "score_chart": score_chart,
        },
    )


@roles_required(*READERS)
@require_http_methods(["GET", "POST"])
def catalogue(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form = (
        CatalogueImportForm(request.POST or None, request.FILES or None)
        if user.role_enum == Role.COUNTY_ADMIN
        else None
    )
    check_form = CheckForm(request.GET or None)
    result = None
    if request.method == "POST":
        if form is None:
            raise JicengError("只有县级管理员可以导入指导目录。", status=403)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                n = services.import_catalogue(actor=user, data=upload.read(), filename=upload.name)
            except JicengError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, f"已导入指导目录 {n} 项。")
                return redirect("procurement:catalogue")
    if check_form.is_bound and check_form.is_valid():
        county = (
            user.organisation if user.organisation.kind == "county" else user.organisation.county
        )
        result = services.check_request(
            county=county,
            title=check_form.cleaned_data["title"],
            description=check_form.cleaned_data["description"],
        )
    items = CatalogueItem.objects.visible_to(user)
    return render(
        request,
        "procurement/catalogue.html",
        {"items": items, "form": form, "check_form": check_form, "result": result},
    )


@roles_required(*READERS)
@require_http_methods(["GET", "POST"])
def requests_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form = RequestForm(request.POST or None) if user.role_enum == Role.TOWNSHIP_CLERK else None
    if request.method == "POST":
        if form is None:
            raise JicengError("只有乡镇（街道）可以提出购买服务申请。", status=403)
        if form.is_valid():
            try:
                item = services.submit_request(actor=user, **form.cleaned_data)
            except JicengError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, f"申请已提交，审查结论：{VERDICT_LABELS[item.verdict]}。")
                return redirect("procurement:request", pk=item.pk)
    items = PurchaseRequest.objects.visible_to(user).select_related("township")
    return render(
        request,
        "procurement/requests.html",
        {"items": items, "form": form, "labels": VERDICT_LABELS},
    )


@roles_required(*READERS)
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    item = get_visible(
        PurchaseRequest.objects.select_related("township", "decided_by"), user, pk=pk
    )
    form = (
        DecisionForm()
        if user.role_enum == Role.COUNTY_ADMIN and item.status == PurchaseRequest.Status.SUBMITTED
        else None
    )
    return render(
        request,
        "procurement/request_detail.html",
        {"item": item, "form": form, "label": VERDICT_LABELS[item.verdict]},
    )


@roles_required(Role.COUNTY_ADMIN)
@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_visible(PurchaseRequest, request.user, pk=pk)
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            services.decide_request(
                actor=_user(request),
                request=item,
                approve=form.cleaned_data["approve"] == "yes",
                reason=form.cleaned_data["reason"],
            )
        except JicengError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, "审核意见已保存。")
    else:
        messages.error(request, "请选择审核结果。")
    return redirect("procurement:request", pk=pk)


@roles_required(*READERS)
@require_http_methods(["GET", "POST"])
def contracts(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    approved = PurchaseRequest.objects.visible_to(user).filter(
        status=PurchaseRequest.Status.APPROVED
    )
    form = (
        ContractForm(request.POST or None, requests=approved) if user.role_enum in WRITERS else None
    )
    if request.method == "POST":
        if form is None:
            raise JicengError("您的角色不能登记合同。", status=403)
        if form.is_valid():
            d = form.cleaned_data
            try:
                contract = services.create_contract(
                    actor=user,
                    township=d["request"].township,
                    request=d["request"],
                    title=d["title"],
                    provider=d["provider"],
                    amount=d["amount"],
                    start=d["start"],
                    end=d["end"],
                )
            except JicengError as exc:
                messages.error(request, exc.message)
            else:
                return redirect("procurement:contract", pk=contract.pk)
    items = (
        Contract.objects.visible_to(user)
        .select_related("township")
        .annotate(paid=Sum("payments__amount"))
    )
    return render(request, "procurement/contracts.html", {"items": items, "form": form})


@roles_required(*READERS)
@require_http_methods(["GET", "POST"])
def contract_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    contract = get_visible(Contract.objects.select_related("township", "request"), user, pk=pk)
    writable = user.role_enum in WRITERS
    pay_form = (
        PaymentForm(
            request.POST if "amount" in request.POST else None, initial={"on": timezone.localdate()}
        )
        if writable
        else None
    )
    review_form = (
        ReviewForm(request.POST if "comment" in request.POST else None) if writable else None
    )
    if request.method == "POST":
        if not writable:
            raise JicengError("您的角色不能修改合同。", status=403)
        try:
            if pay_form is not None and pay_form.is_bound and pay_form.is_valid():
                services.record_payment(
                    actor=user,
                    contract=contract,
                    amount=pay_form.cleaned_data["amount"],
                    on=pay_form.cleaned_data["on"],
                )
                messages.success(request, "支付已登记。")
                return redirect("procurement:contract", pk=pk)
            if review_form is not None and review_form.is_bound and review_form.is_valid():
                services.review_performance(
                    actor=user,
                    contract=contract,
                    marks=review_form.marks(),
                    comment=review_form.cleaned_data["comment"],
                )
                messages.success(request, "绩效评价已保存。")
                return redirect("procurement:contract", pk=pk)
            messages.error(request, "表单填写不完整。")
        except JicengError as exc:
            messages.error(request, exc.message)
    paid = contract.payments.aggregate(s=Sum("amount"))["s"] or 0
    return render(
        request,
        "procurement/contract_detail.html",
        {
            "contract": contract,
            "paid": paid,
            "payments": contract.payments.all(),
            "reviews": contract.reviews.all(),
            "pay_form": pay_form,
            "review_form": review_form,
            "dimensions": dimensions(),
        },
    )
