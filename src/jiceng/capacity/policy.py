"""Loading the capacity policy file (``data/policy.toml``). Pure: no Django."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any


@cache
def load_policy() -> dict[str, Any]:
    """The parsed policy (cached; callers must not mutate it)."""
    path = resources.files("jiceng.capacity") / "data" / "policy.toml"
    return tomllib.loads(path.read_text(encoding="utf-8"))


def section(name: str) -> dict[str, Any]:
    return dict(load_policy()[name])


def monthly_hours_per_person() -> float:
    """Statutory working hours of one person in an average month (8 h × 21.75 days = 174 h)."""
    time = section("working_time")
    return float(time["hours_per_day"]) * float(time["working_days_per_month"])
