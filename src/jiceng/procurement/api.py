"""API routes of the procurement part: catalogue, stateless check, requests, contracts."""

from datetime import date, datetime
from typing import Any

from django.db.models import Sum
from django.http import HttpRequest
from ninja import Router, Schema

from jiceng.api.permissions import require_roles
from jiceng.core.roles import Role
from jiceng.core.scoping import get_visible
from jiceng.procurement import services
from jiceng.procurement.models import CatalogueItem, Contract, PurchaseRequest

router = Router(tags=["政府购买服务"])


class CatalogueOut(Schema):
    code: str
    name: str
    description: str
    category: str
    negative: bool
    reason: str


class CheckIn(Schema):
    title: str
    description: str = ""


class CheckOut(Schema):
    verdict: str
    verdict_label: str
    reasons: list[str]
    negative_classes: list[str]
    catalogue_item: str | None
    catalogue_score: float


class RequestIn(Schema):
    title: str
    description: str
    budget: float


class RequestOut(Schema):
    id: int
    township: str
    title: str
    description: str
    budget: float
    verdict: str
    reasons: list[str]
    catalogue_code: str
    status: str
    submitted_at: datetime


class ContractOut(Schema):
    id: int
    township: str
    title: str
    provider: str
    amount: float
    paid: float
    start: date
    end: date
    average_score: float | None


@router.get("/catalogue", response=list[CatalogueOut], summary="本县指导目录")
def catalogue(request: HttpRequest) -> Any:
    return CatalogueItem.objects.visible_to(request.user)


@router.post(
    "/check", response=CheckOut, summary="对照负面清单和指导目录检查一项购买事项（不保存）"
)
@require_roles(Role.COUNTY_ADMIN, Role.TOWNSHIP_CLERK, Role.OBSERVER)
def check(request: HttpRequest, payload: CheckIn) -> dict[str, Any]:
    org = request.user.organisation
    county = org if org.kind == "county" else org.county
    result = services.check_request(
        county=county, title=payload.title, description=payload.description
    )
    return {
        "verdict": result.verdict,
        "verdict_label": result.verdict_label,
        "reasons": result.reasons,
        "negative_classes": sorted({h.code for h in result.negative_hits}),
        "catalogue_item": result.catalogue_item,
        "catalogue_score": result.catalogue_score,
    }


def _request_out(r: PurchaseRequest) -> dict[str, Any]:
    return {
        "id": r.pk,
        "township": r.township.name,
        "title": r.title,
        "description": r.description,
        "budget": float(r.budget),
        "verdict": r.verdict,
        "reasons": r.reasons,
        "catalogue_code": r.catalogue_code,
        "status": r.status,
        "submitted_at": r.submitted_at,
    }


@router.get("/requests", response=list[RequestOut], summary="购买服务申请")
def requests(request: HttpRequest) -> list[dict[str, Any]]:
    return [
        _request_out(r)
        for r in PurchaseRequest.objects.visible_to(request.user).select_related("township")[:500]
    ]


@router.get("/requests/{request_id}", response=RequestOut, summary="申请详情")
def request_detail(request: HttpRequest, request_id: int) -> dict[str, Any]:
    return _request_out(
        get_visible(PurchaseRequest.objects.select_related("township"), request.user, pk=request_id)
    )


@router.post("/requests", response={201: RequestOut}, summary="提出购买服务申请（乡镇）")
@require_roles(Role.TOWNSHIP_CLERK)
def create_request(request: HttpRequest, payload: RequestIn) -> tuple[int, dict[str, Any]]:
    item = services.submit_request(
        actor=request.user,
        title=payload.title,
        description=payload.description,
        budget=payload.budget,
    )
    return 201, _request_out(item)


def _contract_out(c: Contract) -> dict[str, Any]:
    paid = c.payments.aggregate(s=Sum("amount"))["s"] or 0
    scores = [float(r.score) for r in c.reviews.all()]
    return {
        "id": c.pk,
        "township": c.township.name,
        "title": c.title,
        "provider": c.provider,
        "amount": float(c.amount),
        "paid": float(paid),
        "start": c.start,
        "end": c.end,
        "average_score": round(sum(scores) / len(scores), 1) if scores else None,
    }


@router.get("/contracts", response=list[ContractOut], summary="购买服务合同")
def contracts(request: HttpRequest) -> list[dict[str, Any]]:
    qs = (
        Contract.objects.visible_to(request.user)
        .select_related("township")
        .prefetch_related("payments", "reviews")[:500]
    )
    return [_contract_out(c) for c in qs]


@router.get("/contracts/{contract_id}", response=ContractOut, summary="合同详情")
def contract(request: HttpRequest, contract_id: int) -> dict[str, Any]:
    return _contract_out(
        get_visible(Contract.objects.select_related("township"), request.user, pk=contract_id)
    )
