"""Reads over stored duty lists: browsing with filters and Chinese full-text search."""

from __future__ import annotations

import jieba
from django.db.models import Q, QuerySet

from jiceng.duties.models import DutyItemRecord, DutyListVersion

# Phrases longer than this are split into words, so "低保对象动态核查" also finds an item that
# says "动态核查低保对象".
SPLIT_ABOVE_CHARS = 4


def search_terms(query: str) -> list[str]:
    terms: list[str] = []
    for chunk in query.split():
        if len(chunk) <= SPLIT_ABOVE_CHARS:
            terms.append(chunk)
        else:
            terms.extend(w for w in jieba.lcut(chunk) if len(w.strip()) > 1)
    return list(dict.fromkeys(terms))


def filter_items(
    version: DutyListVersion,
    *,
    category: str = "",
    domain: str = "",
    department: str = "",
    query: str = "",
) -> QuerySet[DutyItemRecord]:
    qs = version.items.all()
    if category:
        qs = qs.filter(category=category)
    if domain:
        qs = qs.filter(domain=domain)
    if department:
        qs = qs.filter(lead_department__icontains=department)
    for term in search_terms(query):
        # Every term must appear somewhere in the item: substring matching is exact for Chinese
        # and portable across SQLite and PostgreSQL.
        qs = qs.filter(
            Q(name__icontains=term)
            | Q(content__icontains=term)
            | Q(township_role__icontains=term)
            | Q(item_id__iexact=term)
            | Q(basis__icontains=term)
        )
    return qs.order_by("position")


def facets(version: DutyListVersion) -> dict[str, list[str]]:
    items = version.items.all()
    return {
        "domains": sorted({d for d in items.values_list("domain", flat=True) if d}),
        "departments": sorted({d for d in items.values_list("lead_department", flat=True) if d}),
    }
