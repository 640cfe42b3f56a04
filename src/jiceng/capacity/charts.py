"""Workload levels as bar colours (the chart helpers themselves live in ``jiceng.web.charts``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from jiceng.web.charts import BLUE, GREEN, RED, YELLOW


def coloured(values: Sequence[float | None], levels: Sequence[str]) -> list[dict[str, Any]]:
    colours = {"over": RED, "warn": YELLOW, "normal": GREEN}
    return [
        {"value": v, "itemStyle": {"color": colours.get(level, BLUE)}}
        for v, level in zip(values, levels, strict=True)
    ]
