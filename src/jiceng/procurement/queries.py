"""Scoped reads of the procurement part, aggregated in the database."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Avg, Count, DecimalField, Q, Sum, Value
from django.db.models.functions import Coalesce

from jiceng.core.models import Organisation, User
from jiceng.procurement.models import Contract, PerformanceReview, PurchaseRequest

ZERO = Value(Decimal("0"), output_field=DecimalField(max_digits=14, decimal_places=2))


@dataclass(frozen=True)
class TownshipSpend:
    township: str
    budget: Decimal  # approved request budgets
    contracted: Decimal
    paid: Decimal

    @property
    def paid_share(self) -> float | None:
        return float(self.paid / self.contracted) if self.contracted else None


def spend_by_township(user: User, year: int | None = None) -> list[TownshipSpend]:
    """Budget of approved requests, contracted and paid amounts per visible township."""
    requests = PurchaseRequest.objects.visible_to(user).filter(
        status=PurchaseRequest.Status.APPROVED
    )
    contracts = Contract.objects.visible_to(user)
    if year is not None:
        requests = requests.filter(submitted_at__year=year)
        contracts = contracts.filter(start__year=year)
    budget = {
        r["township__name"]: r["s"]
        for r in requests.values("township__name").annotate(s=Sum("budget"))
    }
    contracted = {
        r["township__name"]: r["s"]
        for r in contracts.values("township__name").annotate(s=Sum("amount"))
    }
    paid = {
        r["township__name"]: r["s"]
        for r in contracts.values("township__name").annotate(
            s=Coalesce(Sum("payments__amount"), ZERO)
        )
    }
    names = sorted(set(budget) | set(contracted))
    return [
        TownshipSpend(
            n,
            budget.get(n) or Decimal(0),
            contracted.get(n) or Decimal(0),
            paid.get(n) or Decimal(0),
        )
        for n in names
    ]


def verdict_counts(user: User) -> dict[str, int]:
    rows = PurchaseRequest.objects.visible_to(user).values("verdict").annotate(n=Count("id"))
    return {r["verdict"]: r["n"] for r in rows}


def provider_scores(user: User) -> list[dict[str, Any]]:
    """Average review score per provider over the visible contracts, lowest first."""
    rows = (
        PerformanceReview.objects.visible_to(user)
        .values("contract__provider")
        .annotate(
            avg=Avg("score"),
            reviews=Count("id"),
            contracts=Count("contract", distinct=True),
            failing=Count("id", filter=Q(score__lt=60)),
        )
        .order_by("avg", "contract__provider")
    )
    return [
        {
            "provider": r["contract__provider"],
            "average": round(float(r["avg"]), 1),
            "reviews": r["reviews"],
            "contracts": r["contracts"],
            "failing": r["failing"],
        }
        for r in rows
    ]


def township_procurement_summary(township: Organisation, year: int) -> dict[str, Any]:
    """The scorecard's view of one township's purchased services in a year."""
    contracts = Contract.objects.filter(township=township, start__year=year)
    totals = contracts.aggregate(contracted=Coalesce(Sum("amount"), ZERO), n=Count("id"))
    paid = contracts.aggregate(p=Coalesce(Sum("payments__amount"), ZERO))["p"]
    score = PerformanceReview.objects.filter(
        township=township, contract__start__year=year
    ).aggregate(a=Avg("score"))["a"]
    requests = PurchaseRequest.objects.filter(township=township, submitted_at__year=year)
    counts = requests.aggregate(
        total=Count("id"), forbidden=Count("id", filter=Q(verdict="forbidden"))
    )
    return {
        "township": township.name,
        "year": year,
        "contracts": totals["n"],
        "contracted": float(totals["contracted"]),
        "paid": float(paid),
        "average_score": None if score is None else round(float(score), 1),
        "requests": counts["total"],
        "forbidden_requests": counts["forbidden"],
    }
