"""API routes for coordination tickets (same services and scoping as the pages)."""

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from jiceng.api.permissions import require_roles
from jiceng.coordination import dispatching, queries, services
from jiceng.coordination.models import Ticket
from jiceng.core.models import Organisation
from jiceng.core.roles import Role
from jiceng.core.scoping import get_visible

router = Router(tags=["协同联动"])


class TicketIn(Schema):
    kind: str
    urgency: str = "normal"
    category: str
    description: str
    place: str = ""


class TicketOut(Schema):
    id: int
    township: str
    kind: str
    urgency: str
    category: str
    description: str
    status: str
    owner: str
    lead_department: str | None
    created_at: datetime
    escalated: bool
    suggestion: dict[str, Any]
    rating: int | None


class DispatchIn(Schema):
    lead_id: int
    cooperating_ids: list[int] = []
    note: str = ""


class NoteIn(Schema):
    note: str = ""


class ReasonIn(Schema):
    reason: str


class ConfirmIn(Schema):
    rating: int
    comment: str = ""


def _out(ticket: Ticket) -> dict[str, Any]:
    return {
        "id": ticket.pk,
        "township": ticket.township.name,
        "kind": ticket.kind,
        "urgency": ticket.urgency,
        "category": ticket.category,
        "description": ticket.description,
        "status": ticket.status,
        "owner": ticket.owner.name,
        "lead_department": ticket.lead_department.name if ticket.lead_department else None,
        "created_at": ticket.created_at,
        "escalated": ticket.escalated,
        "suggestion": ticket.suggestion,
        "rating": ticket.rating,
    }


def _ticket(request: HttpRequest, ticket_id: int) -> Ticket:
    return get_visible(
        Ticket.objects.select_related("township", "owner", "lead_department"),
        request.user,
        pk=ticket_id,
    )


@router.get("/tickets", response=list[TicketOut], summary="可见的协同事项")
def tickets(request: HttpRequest, status: str = "", limit: int = 100) -> list[dict[str, Any]]:
    qs = queries.visible_tickets(request.user)  # type: ignore[arg-type]
    if status:
        qs = qs.filter(status=status)
    return [_out(t) for t in qs.order_by("-created_at", "-id")[: max(1, min(limit, 500))]]


@router.get("/tickets/{ticket_id}", response=TicketOut, summary="协同事项详情")
def ticket_detail(request: HttpRequest, ticket_id: int) -> dict[str, Any]:
    return _out(_ticket(request, ticket_id))


@router.post("/tickets", response={201: TicketOut}, summary="发起协同事项（乡镇）")
@require_roles(Role.TOWNSHIP_CLERK)
def create_ticket(request: HttpRequest, payload: TicketIn) -> tuple[int, dict[str, Any]]:
    ticket = services.raise_ticket(actor=request.user, **payload.dict())  # type: ignore[arg-type]
    return 201, _out(ticket)


@router.post(
    "/tickets/{ticket_id}/dispatch", response=TicketOut, summary="派单或改派（县级调度员）"
)
@require_roles(Role.COUNTY_ADMIN)
def dispatch(request: HttpRequest, ticket_id: int, payload: DispatchIn) -> dict[str, Any]:
    ticket = _ticket(request, ticket_id)
    lead = Organisation.objects.filter(pk=payload.lead_id).first()
    cooperating = list(Organisation.objects.filter(pk__in=payload.cooperating_ids))
    return _out(
        dispatching.dispatch(
            actor=request.user, ticket=ticket, lead=lead, cooperating=cooperating, note=payload.note
        )
    )  # type: ignore[arg-type]


@router.post("/tickets/{ticket_id}/accept", response=TicketOut, summary="接单（部门）")
@require_roles(Role.DEPARTMENT_CLERK)
def accept(request: HttpRequest, ticket_id: int) -> dict[str, Any]:
    return _out(services.accept(actor=request.user, ticket=_ticket(request, ticket_id)))  # type: ignore[arg-type]


@router.post("/tickets/{ticket_id}/resolve", response=TicketOut, summary="办结（牵头部门）")
@require_roles(Role.DEPARTMENT_CLERK)
def resolve(request: HttpRequest, ticket_id: int, payload: NoteIn) -> dict[str, Any]:
    return _out(
        services.resolve(actor=request.user, ticket=_ticket(request, ticket_id), note=payload.note)
    )  # type: ignore[arg-type]


@router.post("/tickets/{ticket_id}/return", response=TicketOut, summary="申请退回（部门）")
@require_roles(Role.DEPARTMENT_CLERK)
def request_return(request: HttpRequest, ticket_id: int, payload: ReasonIn) -> dict[str, Any]:
    return _out(
        dispatching.request_return(
            actor=request.user, ticket=_ticket(request, ticket_id), reason=payload.reason
        )
    )  # type: ignore[arg-type]


@router.post("/tickets/{ticket_id}/confirm", response=TicketOut, summary="确认办结并评价（乡镇）")
@require_roles(Role.TOWNSHIP_CLERK)
def confirm(request: HttpRequest, ticket_id: int, payload: ConfirmIn) -> dict[str, Any]:
    return _out(
        services.confirm(
            actor=request.user,
            ticket=_ticket(request, ticket_id),
            rating=payload.rating,
            comment=payload.comment,
        )
    )  # type: ignore[arg-type]


@router.get("/measures/departments", summary="部门成效指标")
def department_measures(request: HttpRequest) -> list[dict[str, Any]]:
    return queries.department_measures(request.user)  # type: ignore[arg-type]
