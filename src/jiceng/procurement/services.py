"""Writes of the procurement part: catalogue import, requests, decisions, contracts, payments,
performance reviews. Each is keyword-only, one transaction, with its audit entry."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from jiceng.core.amounts import parse_amount
from jiceng.core.audit import Action, record, snapshot
from jiceng.core.models import Organisation, User
from jiceng.core.roles import Role
from jiceng.core.services import county_of, ensure_can_write
from jiceng.errors import ForbiddenError, InputError, NotFoundError
from jiceng.procurement.catalogue import read_catalogue
from jiceng.procurement.checker import CatalogueEntry, PurchaseCheck, PurchaseChecker
from jiceng.procurement.models import (
    CatalogueItem,
    Contract,
    Payment,
    PerformanceReview,
    PurchaseRequest,
)
from jiceng.procurement.performance import score_review

_checkers: dict[tuple[int, int, int], PurchaseChecker] = {}


def _money(value: Any, label: str, *, positive: bool = True) -> Decimal:
    return parse_amount(value, label, positive=positive)


def _require_admin(actor: User) -> Organisation:
    ensure_can_write(actor)
    if actor.role_enum != Role.COUNTY_ADMIN:
        raise ForbiddenError("只有县级管理员可以执行此操作。")
    return county_of(actor)


def _township_actor(actor: User, township: Organisation) -> Organisation:
    ensure_can_write(actor)
    county = county_of(actor)
    if township.county_id != county.pk or township.kind != Organisation.Kind.TOWNSHIP:
        raise NotFoundError("未找到该乡镇（街道）。")
    if actor.role_enum == Role.COUNTY_ADMIN or (
        actor.role_enum == Role.TOWNSHIP_CLERK and actor.organisation_id == township.pk
    ):
        return county
    raise ForbiddenError("只能办理本乡镇（街道）的购买服务。")


def checker_for(county: Organisation) -> PurchaseChecker:
    """The checker over the county's current catalogue (rebuilt when the catalogue changes)."""
    items = CatalogueItem.objects.filter(county=county)
    stats = items.aggregate(n=Sum("id"))
    key = (county.pk, items.count(), stats["n"] or 0)
    checker = _checkers.get(key)
    if checker is None:
        entries = [
            CatalogueEntry(i.code, i.name, i.description, i.category, i.negative, i.reason)
            for i in items.order_by("code")
        ]
        checker = PurchaseChecker(entries)
        _checkers.clear()
        _checkers[key] = checker
    return checker


def check_request(*, county: Organisation, title: str, description: str) -> PurchaseCheck:
    return checker_for(county).check(title, description)


def import_catalogue(*, actor: User, data: bytes, filename: str) -> int:
    """Replace the county's catalogue with the file's items, all or nothing."""
    county = _require_admin(actor)
    entries = read_catalogue(data, filename)
    with transaction.atomic():
        removed, _ = CatalogueItem.objects.filter(county=county).delete()
        CatalogueItem.objects.bulk_create(
            [
                CatalogueItem(
                    county=county,
                    code=e.code,
                    name=e.name,
                    description=e.description,
                    category=e.category,
                    negative=e.negative,
                    reason=e.reason,
                )
                for e in entries
            ]
        )
        positive = sum(1 for e in entries if not e.negative)
        record(
            Action.IMPORT,
            actor=actor,
            county=county,
            after={"file": filename, "items": len(entries), "positive": positive},
            note=f"导入政府购买服务指导目录：正面 {positive} 项、负面 {len(entries) - positive} 项（替换原有 {removed} 项）",
        )
    return len(entries)


def submit_request(
    *, actor: User, title: str, description: str, budget: Any, township: Organisation | None = None
) -> PurchaseRequest:
    """A township's purchase request, checked against both lists at once."""
    if actor.role_enum != Role.TOWNSHIP_CLERK:
        raise ForbiddenError("只有乡镇（街道）可以提出购买服务申请。")
    town = township or actor.organisation
    assert town is not None
    county = _township_actor(actor, town)
    title, description = (title or "").strip(), (description or "").strip()
    if not title or not description:
        raise InputError("请填写购买事项和服务内容。")
    if len(title) > 200 or len(description) > 5000:
        raise InputError("购买事项不超过 200 字，服务内容不超过 5000 字。")
    result = check_request(county=county, title=title, description=description)
    with transaction.atomic():
        item = PurchaseRequest.objects.create(
            county=county,
            township=town,
            title=title,
            description=description,
            budget=_money(budget, "预算"),
            verdict=result.verdict,
            reasons=result.reasons,
            negative_classes=[dataclasses.asdict(h) for h in result.negative_hits],
            catalogue_code=result.catalogue_item or "",
            submitted_by=actor,
        )
        record(
            Action.CREATE,
            actor=actor,
            obj=item,
            after=snapshot(item),
            note=f"购买服务申请，审查结论：{result.verdict_label}",
        )
    return item


def decide_request(
    *, actor: User, request: PurchaseRequest, approve: bool, reason: str
) -> PurchaseRequest:
    _require_admin(actor)
    if request.status != PurchaseRequest.Status.SUBMITTED:
        raise InputError("该申请已审核。")
    if approve and request.verdict == "forbidden":
        raise InputError("该申请属于负面清单事项，不得同意购买。")
    if not (reason or "").strip() and (approve != (request.verdict == "allowed")):
        raise InputError("审核意见与审查结论不一致时，须填写理由。")
    before = snapshot(request, ["status", "decision_reason"])
    with transaction.atomic():
        request.status = (
            PurchaseRequest.Status.APPROVED if approve else PurchaseRequest.Status.REFUSED
        )
        request.decided_by = actor
        request.decision_reason = (reason or "").strip()
        request.save(update_fields=["status", "decided_by", "decision_reason"])
        record(
            Action.REVIEW,
            actor=actor,
            obj=request,
            before=before,
            after=snapshot(request, before.keys()),
            note=request.decision_reason,
        )
    return request


def create_contract(
    *,
    actor: User,
    township: Organisation,
    title: str,
    provider: str,
    amount: Any,
    start: date,
    end: date,
    request: PurchaseRequest | None = None,
) -> Contract:
    county = _township_actor(actor, township)
    if request is not None:
        if request.township_id != township.pk:
            raise InputError("购买申请不属于该乡镇（街道）。")
        if request.status != PurchaseRequest.Status.APPROVED:
            raise InputError("购买申请尚未获县级同意，不能签订合同。")
    if end < start:
        raise InputError("服务结束日期不能早于开始日期。")
    if not (title or "").strip() or not (provider or "").strip():
        raise InputError("请填写合同名称和承接主体。")
    money = _money(amount, "合同金额")
    if request is not None and money > request.budget:
        raise InputError(f"合同金额 {money} 元超过申请预算 {request.budget} 元。")
    with transaction.atomic():
        contract = Contract.objects.create(
            county=county,
            township=township,
            request=request,
            title=title.strip()[:200],
            provider=provider.strip()[:200],
            amount=money,
            start=start,
            end=end,
            created_by=actor,
        )
        record(Action.CREATE, actor=actor, obj=contract, after=snapshot(contract))
    return contract


def record_payment(
    *, actor: User, contract: Contract, amount: Any, on: date | None = None
) -> Payment:
    county = _township_actor(actor, contract.township)
    money = _money(amount, "支付金额")
    paid = contract.payments.aggregate(s=Sum("amount"))["s"] or Decimal(0)
    if paid + money > contract.amount:
        raise InputError(f"累计支付 {paid + money} 元将超过合同金额 {contract.amount} 元。")
    with transaction.atomic():
        payment = Payment.objects.create(
            county=county,
            township=contract.township,
            contract=contract,
            date=on or timezone.localdate(),
            amount=money,
        )
        record(Action.CREATE, actor=actor, obj=payment, after=snapshot(payment))
    return payment


def review_performance(
    *,
    actor: User,
    contract: Contract,
    marks: Mapping[str, float],
    comment: str = "",
    on: date | None = None,
) -> PerformanceReview:
    county = _township_actor(actor, contract.township)
    try:
        result = score_review(marks)
    except ValueError as exc:
        raise InputError(str(exc)) from None
    with transaction.atomic():
        review = PerformanceReview.objects.create(
            county=county,
            township=contract.township,
            contract=contract,
            reviewed_on=on or timezone.localdate(),
            marks={k: float(v) for k, v in marks.items()},
            score=Decimal(str(result.score)),
            rating=result.rating,
            comment=(comment or "").strip()[:2000],
            reviewer=actor,
        )
        record(
            Action.REVIEW,
            actor=actor,
            obj=review,
            after=snapshot(review),
            note="；".join(result.reasons),
        )
    return review
