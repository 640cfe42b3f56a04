"""Loaded into a test worker with ``celery worker -I tests.jobs.pause_hooks``: at the stage named
by JICENG_TEST_PAUSE_STAGE of a clock firing, write the marker file and hang, so the test can
SIGKILL the worker at exactly that point of the job."""

from __future__ import annotations

import os
import time
from pathlib import Path

from jiceng.web.bootstrap import setup_django

setup_django()

from jiceng.coordination import clocks  # noqa: E402

STAGE = os.environ.get("JICENG_TEST_PAUSE_STAGE", "")
MARKER = os.environ.get("JICENG_TEST_PAUSE_MARKER", "")


def _pause(stage: str, clock_id: int, action: str) -> None:
    if stage == STAGE and MARKER:
        Path(MARKER).write_text(f"{stage} {clock_id} {action}", encoding="utf-8")
        time.sleep(600)  # killed long before this ends


clocks.checkpoint = _pause
