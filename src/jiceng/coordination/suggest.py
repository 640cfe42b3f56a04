"""Routing suggestions from the township's current duty list (engine: ``routing.TicketRouter``)."""

from __future__ import annotations

from typing import Any

from jiceng.coordination.routing import RoutingSuggestion, TicketRouter, resolve_department
from jiceng.core.models import Organisation
from jiceng.duties.models import DutyList, DutyListVersion
from jiceng.duties.services import current_items

_routers: dict[int, TicketRouter] = {}


def governing_version(township: Organisation) -> DutyListVersion | None:
    """The township's own list, else the county template (as ``duties.township_items`` reads)."""
    for duty_list in (
        DutyList.objects.filter(township=township).first(),
        DutyList.objects.filter(county_id=township.county_id, township__isnull=True).first(),
    ):
        version = duty_list.current_version() if duty_list else None
        if version is not None:
            return version
    return None


def router_for(version: DutyListVersion) -> TicketRouter:
    router = _routers.get(version.pk)
    if router is None:
        if len(_routers) > 64:
            _routers.clear()
        router = _routers[version.pk] = TicketRouter(current_items(version))
    return router


def suggest_for(township: Organisation, category: str, description: str) -> dict[str, Any]:
    version = governing_version(township)
    if version is None:
        result = RoutingSuggestion(
            lead=None, reasons=["本乡镇（街道）尚无履职事项清单，请县级调度员人工派单。"]
        )
    else:
        result = router_for(version).suggest(category, description)
    departments = {
        o.name: o.pk
        for o in Organisation.objects.filter(
            county_id=township.county_id, kind=Organisation.Kind.DEPARTMENT
        )
    }
    known = list(departments)
    reasons = list(result.reasons)

    def place(name: str) -> dict[str, Any]:
        resolved = resolve_department(name, known)
        if resolved is None:
            reasons.append(f"清单所写的“{name}”未能对应到本县的部门账户，请调度员确认。")
        return {
            "name": name,
            "id": departments.get(resolved) if resolved else None,
            "org": resolved,
        }

    lead = place(result.lead) if result.lead else None
    # Two spellings in the list can name one department: keep each organisation once.
    cooperating, seen = [], {lead["id"]} if lead and lead["id"] else set()
    for name in result.cooperating:
        entry = place(name)
        if entry["id"] is None or entry["id"] not in seen:
            cooperating.append(entry)
            seen.add(entry["id"])
    return {
        "lead": lead["org"] or lead["name"] if lead else None,
        "lead_id": lead["id"] if lead else None,
        "cooperating": cooperating,
        "township_own": result.township_own,
        "matches": [
            {
                "id": m.item.id,
                "name": m.item.name,
                "category": m.item.category.value,
                "category_label": m.item.category.label,
                "lead_department": m.item.lead_department,
                "score": m.score,
            }
            for m in result.matches
        ],
        "reasons": reasons,
        "duty_list_version": version.pk if version else None,
    }
