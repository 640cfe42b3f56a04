"""Scoped reads of 一表通 and its measures, aggregated in the database.

Measures (DESIGN §3.4 "measure the fields saved"), per township and for the county:

* forms — forms in force; fields asked — their fields, i.e. what townships were asked before;
* elements — what the confirmed dictionary asks instead (each shared fact once; fields not yet in
  the dictionary count one each), so ``fields_saved = fields_asked − elements``;
* per township: records, values filled, elements actually filled, report cells those values
  fill (a value counts once for every form field it feeds), cells saved = cells − values, and
  hours saved = cells saved × the seconds-per-field assumption of ``data/base_table.toml``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.db.models.functions import TruncMonth

from jiceng.core.models import Organisation, User
from jiceng.core.roles import Role
from jiceng.forms.models import BaseRecord, BaseValue, DataElement, ReportField, ReportForm
from jiceng.forms.reports import policy


def base_elements(county: Organisation | int, kind: str) -> QuerySet[DataElement]:
    """The confirmed elements a record of ``kind`` is filled with: those that forms in force about
    that kind ask for, less report metadata and what a report fills by itself."""
    rules = policy()
    return (
        DataElement.objects.filter(
            county=county,
            status=DataElement.Status.ACCEPTED,
            fields__form__is_current=True,
            fields__form__record_kind=kind,
        )
        .exclude(subject__in=rules.report_level_subjects)
        .exclude(concept__in=list(rules.autofill))
        .distinct()
        .order_by("id")
    )


def records_for(user: User) -> QuerySet[BaseRecord]:
    """Base-table records are read by their own township only (personal information): county-wide
    roles and departments see aggregates and their own forms' reports, never the records."""
    if user.role_enum != Role.TOWNSHIP_CLERK:
        return BaseRecord.objects.none()
    return BaseRecord.objects.visible_to(user)


def forms_for(user: User) -> QuerySet[ReportForm]:
    return ReportForm.objects.visible_to(user).select_related("department")


def elements_for(user: User) -> QuerySet[DataElement]:
    return with_members(DataElement.objects.visible_to(user)).order_by("status", "id")


def with_members(queryset: QuerySet[DataElement]) -> QuerySet[DataElement]:
    return queryset.prefetch_related(
        Prefetch(
            "fields",
            queryset=ReportField.objects.filter(form__is_current=True)
            .select_related("form", "form__department")
            .order_by("form__code", "position"),
            to_attr="current_members",
        )
    )


@dataclass
class TownshipMeasure:
    township_id: int
    township: str
    records: int = 0
    values_filled: int = 0
    elements_filled: int = 0
    report_cells: int = 0

    @property
    def cells_saved(self) -> int:
        return max(0, self.report_cells - self.values_filled)

    @property
    def hours_saved(self) -> float:
        return round(self.cells_saved * policy().seconds_per_field / 3600, 2)


@dataclass
class Measures:
    forms: int
    fields_asked: int
    elements: int
    townships: list[TownshipMeasure] = field(default_factory=list)
    seconds_per_field: float = 0.0

    @property
    def fields_saved(self) -> int:
        return max(0, self.fields_asked - self.elements)

    @property
    def hours_saved(self) -> float:
        return round(sum(t.cells_saved for t in self.townships) * self.seconds_per_field / 3600, 2)

    @property
    def cells_saved(self) -> int:
        return sum(t.cells_saved for t in self.townships)

    def as_dict(self) -> dict[str, Any]:
        return {
            "forms": self.forms,
            "fields_asked": self.fields_asked,
            "elements": self.elements,
            "fields_saved": self.fields_saved,
            "cells_saved": self.cells_saved,
            "hours_saved": self.hours_saved,
            "seconds_per_field": self.seconds_per_field,
            "townships": [
                {
                    "township_id": t.township_id,
                    "township": t.township,
                    "records": t.records,
                    "values_filled": t.values_filled,
                    "elements_filled": t.elements_filled,
                    "report_cells": t.report_cells,
                    "cells_saved": t.cells_saved,
                    "hours_saved": t.hours_saved,
                }
                for t in self.townships
            ],
        }


def measures(
    county: Organisation | int,
    *,
    township: Organisation | None = None,
    month: dt.date | None = None,
) -> Measures:
    """The 一表通 measures of a county (or one township); ``month`` limits the base-table
    figures to values entered or changed in that calendar month (for the monthly report)."""
    current = ReportField.objects.filter(form__county=county, form__is_current=True)
    forms = ReportForm.objects.filter(county=county, is_current=True).count()
    totals = current.aggregate(
        asked=Count("id"),
        unlinked=Count("id", filter=Q(element__isnull=True) | ~Q(element__status="accepted")),
        elements=Count("element", distinct=True, filter=Q(element__status="accepted")),
    )
    towns = Organisation.objects.filter(county=county, kind=Organisation.Kind.TOWNSHIP)
    if township is not None:
        towns = towns.filter(pk=township.pk)
    rows = {t.pk: TownshipMeasure(t.pk, t.name) for t in towns.order_by("name")}
    values = BaseValue.objects.filter(record__county=county, record__township__in=list(rows))
    if month is not None:
        start = month.replace(day=1)
        end = (start + dt.timedelta(days=32)).replace(day=1)
        values = values.filter(updated_at__date__gte=start, updated_at__date__lt=end)
    for row in values.values("record__township").annotate(
        n=Count("id"), e=Count("element", distinct=True), r=Count("record", distinct=True)
    ):
        measure = rows[row["record__township"]]
        measure.values_filled, measure.elements_filled, measure.records = (
            row["n"],
            row["e"],
            row["r"],
        )
    # Each value fills one cell in every form in force about the record's kind that asks for it.
    cells = values.filter(
        element__fields__form__is_current=True,
        element__fields__form__record_kind=F("record__kind"),
    )
    for row in cells.values("record__township").annotate(n=Count("element__fields")):
        rows[row["record__township"]].report_cells = row["n"]
    return Measures(
        forms=forms,
        fields_asked=totals["asked"],
        elements=totals["elements"] + totals["unlinked"],
        townships=list(rows.values()),
        seconds_per_field=policy().seconds_per_field,
    )


def monthly_values(
    county: Organisation | int, township: Organisation | None = None
) -> list[tuple[str, int]]:
    """Values entered or changed per month (the base table's activity), oldest first."""
    qs = BaseValue.objects.filter(record__county=county)
    if township is not None:
        qs = qs.filter(record__township=township)
    rows = (
        qs.annotate(month=TruncMonth("updated_at"))
        .values("month")
        .annotate(n=Count("id"))
        .order_by("month")
    )
    return [(r["month"].strftime("%Y-%m"), r["n"]) for r in rows if r["month"] is not None]


def pending_elements(county: Organisation | int) -> int:
    return (
        DataElement.objects.filter(county=county)
        .filter(Q(status=DataElement.Status.PROPOSED) | Q(needs_review=True))
        .count()
    )
