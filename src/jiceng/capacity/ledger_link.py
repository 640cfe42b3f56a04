"""Secondments are burden: each recorded secondment is booked in the ledger (type secondment).

Capacity comes after the ledger in the parts' order, so capacity calls the ledger's import
service (validation, one transaction, idempotent event keys), never the other way round.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from django.apps import apps


def book_secondment(
    sender: Any, *, secondment: Any, events: list[dict[str, str]], **kwargs: Any
) -> None:
    if not events or not apps.is_installed("jiceng.ledger"):
        return
    from jiceng.ledger.importing import import_events, read_ledger_file

    buffer = io.StringIO()
    writer = csv.DictWriter(
        buffer,
        fieldnames=["township", "date", "type", "channel", "source_department", "title", "hours"],
    )
    writer.writeheader()
    writer.writerows(events)
    filename = f"借调登记-{secondment.pk}.csv"
    rows = read_ledger_file(buffer.getvalue().encode("utf-8"), filename)
    import_events(actor=None, county=secondment.township.county, rows=rows, filename=filename)
