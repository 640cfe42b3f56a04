"""This engine is pure Python: its tests run without Django (``-p no:django``).

The project-wide autouse fixtures tune Django settings; they are replaced here by no-ops so
these tests need no settings module.
"""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _fast_hashing() -> None:
    return None


@pytest.fixture(autouse=True)
def _data_dir() -> None:
    return None
