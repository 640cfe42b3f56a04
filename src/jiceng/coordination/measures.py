"""Judging the measures the database computes: the whistle-rate band and rate formatting. Pure."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any


@cache
def measures_policy() -> dict[str, Any]:
    text = (resources.files("jiceng.coordination") / "data" / "measures.toml").read_text("utf-8")
    return tomllib.loads(text)


@dataclass(frozen=True)
class WhistleRate:
    rate: float | None
    basis: str  # "每万人·每月" or "每10名在编人员·每月" or ""
    band: str  # "low" | "normal" | "high" | "unknown"
    reason: str


def whistle_rate(tickets: int, *, population: int, staff: int, months: float) -> WhistleRate:
    """Tickets raised relative to the township's size, and whether that is too low or too high."""
    policy = measures_policy()["whistle_rate"]
    months = max(months, 1e-9)
    if population > 0:
        rate = tickets / (population / policy["per_residents"]) / months
        basis, low, high = "每万人·每月", policy["low_per_10k_month"], policy["high_per_10k_month"]
    elif staff > 0:
        rate = tickets / (staff / policy["per_staff"]) / months
        basis, low, high = (
            "每10名在编人员·每月",
            policy["low_per_10staff_month"],
            policy["high_per_10staff_month"],
        )
    else:
        return WhistleRate(None, "", "unknown", "缺少常住人口和在编人数，无法计算吹哨率。")
    if rate < low:
        band, reason = (
            "low",
            f"吹哨率 {rate:.2f}（{basis}）低于 {low}：协同机制可能没有用起来，问题可能压在基层。",
        )
    elif rate > high:
        band, reason = (
            "high",
            f"吹哨率 {rate:.2f}（{basis}）高于 {high}：请核查是否把本应自办的基本履职事项推给部门。",
        )
    else:
        band, reason = "normal", f"吹哨率 {rate:.2f}（{basis}）在 {low}—{high} 的合理区间内。"
    return WhistleRate(round(rate, 3), basis, band, reason)


def ratio(part: int | None, whole: int | None) -> float | None:
    if not whole:
        return None
    return round((part or 0) / whole, 4)


def enough_ratings(count: int) -> bool:
    return count >= int(measures_policy()["satisfaction"]["min_ratings"])
