"""The platform's parts, in dependency order, and how the shell finds what each provides.

A part is a package ``jiceng.<name>``. The shell discovers by convention, so adding a part never
means editing the shell's files:

* ``apps.py``   → the part is a Django app (added to INSTALLED_APPS);
* ``urls.py``   → mounted at ``/<name>/`` (namespace ``<name>``);
* ``api.py``    → its ninja ``router`` mounted at ``/api/<name>/``;
* ``panels.py`` → ``panels(user)`` adds home-page panels;
* ``demo.py``   → ``seed(demo, county)`` adds demo data after the parts before it;
* ``topbar.py`` → ``TEMPLATE`` and ``context(request)`` add an item to the top bar.

``JICENG_PARTS=duties,intake`` limits a deployment to some parts.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
from types import ModuleType

PARTS: tuple[str, ...] = (
    "duties",
    "intake",
    "ledger",
    "forms",
    "coordination",
    "capacity",
    "procurement",
    "scorecard",
)


def enabled_parts() -> tuple[str, ...]:
    """All parts, or those named in ``JICENG_PARTS`` (a deployment may switch parts off)."""
    chosen = os.environ.get("JICENG_PARTS", "").strip()
    if not chosen:
        return PARTS
    wanted = {p.strip() for p in chosen.split(",") if p.strip()}
    return tuple(p for p in PARTS if p in wanted)


def has_module(part: str, module: str) -> bool:
    try:
        return importlib.util.find_spec(f"jiceng.{part}.{module}") is not None
    except ModuleNotFoundError:
        return False


def parts_with(module: str) -> list[str]:
    return [part for part in enabled_parts() if has_module(part, module)]


def modules(module: str) -> list[tuple[str, ModuleType]]:
    return [
        (part, importlib.import_module(f"jiceng.{part}.{module}")) for part in parts_with(module)
    ]
