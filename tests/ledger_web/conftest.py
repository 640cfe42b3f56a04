"""Fixtures of the ledger's Django tests: contract CSV bytes and a county with a ledger."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

HEADER = ["township", "date", "type", "channel", "source_department", "title", "hours"]


def csv_bytes(rows: list[list[object]], header: list[str] = HEADER) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def county_rows(world, county: int = 0) -> list[list[object]]:
    """Two months of mixed events for both townships of a world county."""
    rows = []
    for t in range(2):
        town = f"第{t}镇"
        rows += [
            [
                town,
                "2025-03-04",
                "document",
                "formal",
                "县第0局",
                f"关于做好春耕工作的通知{t}",
                2.0,
            ],
            [town, "2025-03-10", "meeting", "formal", "县第1局", "春耕推进会", 3.0],
            [town, "2025-03-12", "phone_notice", "informal", "县第0局", "电话通知：报送进度", 0.5],
            [town, "2025-04-02", "app_or_group", "informal", "市第九局", "群内每日打卡", 1.5],
            [town, "2025-04-08", "inspection", "formal", "县第1局", "春耕专项督查", 6.0],
        ]
    return rows


@pytest.fixture
def imported(world):
    from jiceng.ledger import importing

    county = world.counties[0]
    rows = importing.read_ledger_file(csv_bytes(county_rows(world)), "ledger.csv")
    importing.import_events(
        actor=world.user("county_admin"), county=county, rows=rows, filename="ledger.csv"
    )
    return world


def today() -> date:
    return date.today()


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
