"""Scoring a provider's performance review from weighted dimensions. Pure."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any


@cache
def _policy() -> dict[str, Any]:
    path = resources.files("jiceng.procurement") / "data" / "performance.toml"
    return tomllib.loads(path.read_text(encoding="utf-8"))


def dimensions() -> dict[str, str]:
    """Dimension code -> Chinese label, in the policy's order."""
    return {code: d["label"] for code, d in _policy()["dimensions"].items()}


@dataclass(frozen=True)
class ReviewScore:
    score: float
    rating: str
    reasons: list[str]


def rating_for(score: float) -> str:
    for band in _policy()["rating"]:
        if score >= float(band["min"]):
            return str(band["label"])
    return str(_policy()["rating"][-1]["label"])


def score_review(marks: Mapping[str, float]) -> ReviewScore:
    """Weighted score of the dimension marks (each 0–100); every dimension must be marked."""
    dims = _policy()["dimensions"]
    missing = [d["label"] for code, d in dims.items() if code not in marks]
    if missing:
        raise ValueError("请为以下指标打分：" + "、".join(missing))
    reasons = []
    total = 0.0
    for code, d in dims.items():
        mark = float(marks[code])
        if not 0 <= mark <= 100:
            raise ValueError(f"“{d['label']}”的得分应在 0 到 100 之间。")
        weight = float(d["weight"])
        total += mark * weight
        reasons.append(f"{d['label']} {mark:g} 分 × 权重 {weight:g}")
    score = round(total, 1)
    rating = rating_for(score)
    reasons.append(f"综合得分 {score:g}，评定为“{rating}”")
    return ReviewScore(score, rating, reasons)
