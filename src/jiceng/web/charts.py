"""ECharts options rendered as JSON blocks that static/jiceng/js/app.js draws (no inline script).

Every part's chart goes through ``chart``: a ``<div class="chart">`` and the option object in a
``<script type="application/json" data-chart-for=…>`` block, escaped like Django's json_script.
"""

from __future__ import annotations

from typing import Any

from django.utils.html import json_script
from django.utils.safestring import SafeString, mark_safe

RED, YELLOW, GREEN, BLUE = "#b7251d", "#f2a541", "#2e7d32", "#3b6ea5"


def chart(div_id: str, option: dict[str, Any]) -> SafeString:
    script = json_script(option).replace(
        '<script type="application/json">',
        f'<script type="application/json" data-chart-for="{div_id}">',
        1,
    )
    return mark_safe(f'<div id="{div_id}" class="chart"></div>{script}')  # noqa: S308 - our ids, JSON escaped


def bar_chart(
    div_id: str,
    categories: list[str],
    series: list[dict[str, Any]],
    *,
    unit: str = "",
    mark_line: float | None = None,
) -> SafeString:
    """Vertical bars over rotated category labels, optionally with a red reference line."""
    if mark_line is not None and series:
        series[0] = {
            **series[0],
            "markLine": {
                "symbol": "none",
                "data": [{"yAxis": mark_line}],
                "lineStyle": {"color": RED},
            },
        }
    return chart(
        div_id,
        {
            "tooltip": {"trigger": "axis"},
            "legend": {} if len(series) > 1 else {"show": False},
            "grid": {"left": 50, "right": 20, "bottom": 70},
            "xAxis": {
                "type": "category",
                "data": categories,
                "axisLabel": {"rotate": 40, "interval": 0},
            },
            "yAxis": {"type": "value", "name": unit},
            "series": [{"type": "bar", **s} for s in series],
        },
    )
