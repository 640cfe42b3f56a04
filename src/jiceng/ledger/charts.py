"""The ledger's charts: monthly trend, rankings and the split by burden type (ECharts options)."""

from __future__ import annotations

from typing import Any

from django.utils.safestring import SafeString

from jiceng.ledger.models import TYPE_LABELS
from jiceng.web.charts import RED, YELLOW, chart

COLORS = [RED, YELLOW]
CHANNELS = (("正式渠道", "formal"), ("非正式渠道", "informal"))


def trend_chart(rows: list[dict[str, Any]]) -> SafeString:
    months = [r["month"].strftime("%Y-%m") for r in rows]
    series = [
        {
            "name": name,
            "type": "line",
            "stack": "h",
            "areaStyle": {},
            "symbol": "none",
            "data": [round(r[key], 1) for r in rows],
        }
        for name, key in CHANNELS
    ]
    return chart(
        "trend",
        {
            "color": COLORS,
            "tooltip": {"trigger": "axis"},
            "legend": {},
            "grid": {"left": 50, "right": 20},
            "xAxis": {"type": "category", "data": months},
            "yAxis": {"type": "value", "name": "小时"},
            "series": series,
        },
    )


def ranking_chart(
    div_id: str, rows: list[dict[str, Any]], name_key: str, limit: int = 20
) -> SafeString:
    shown = rows[:limit][::-1]
    series = [
        {"name": name, "type": "bar", "stack": "h", "data": [round(r[key], 1) for r in shown]}
        for name, key in CHANNELS
    ]
    return chart(
        div_id,
        {
            "color": COLORS,
            "tooltip": {"trigger": "axis"},
            "legend": {},
            "grid": {"left": 110, "right": 20},
            "xAxis": {"type": "value", "name": "小时"},
            "yAxis": {"type": "category", "data": [r[name_key] or "（未填）" for r in shown]},
            "series": series,
        },
    )


def type_chart(rows: list[dict[str, Any]]) -> SafeString:
    data = [
        {"name": TYPE_LABELS.get(r["type"], r["type"]), "value": round(r["hours"], 1)} for r in rows
    ]
    return chart(
        "types",
        {
            "tooltip": {"trigger": "item"},
            "series": [{"type": "pie", "radius": ["35%", "65%"], "data": data}],
        },
    )
