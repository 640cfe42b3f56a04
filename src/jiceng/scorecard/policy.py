"""The scorecard's formula, read from ``data/index.toml`` (weights, anchors, windows, sources)."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any


@cache
def load_policy() -> dict[str, Any]:
    text = resources.files("jiceng.scorecard").joinpath("data/index.toml").read_text("utf-8")
    return tomllib.loads(text)


def section(name: str) -> dict[str, Any]:
    value: dict[str, Any] = load_policy()[name]
    return value
