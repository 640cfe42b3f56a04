"""Loading of the policy data files next to the engine (TOML, read with importlib.resources)."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any


@cache
def load_data(name: str) -> dict[str, Any]:
    """Parse ``jiceng/intake/data/<name>.toml`` (cached; callers must not mutate the result)."""
    path = resources.files("jiceng.intake") / "data" / f"{name}.toml"
    return tomllib.loads(path.read_text(encoding="utf-8"))
