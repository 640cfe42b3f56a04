"""The Celery application shared by every part: ``celery -A jiceng.jobs worker`` / ``beat``.

Each part that has background jobs puts them in ``jiceng.<part>.tasks`` (discovered by
convention, like the shell discovers urls and apis).
"""

from __future__ import annotations

import os

from celery import Celery, signals

from jiceng.jobs import config
from jiceng.parts import parts_with

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jiceng.web.settings")

app = Celery("jiceng")
app.conf.update(config.celery_settings())
app.set_default()
app.autodiscover_tasks(lambda: [f"jiceng.{part}" for part in parts_with("tasks")])


@signals.worker_init.connect
def _setup_django(**_: object) -> None:
    from jiceng.web.bootstrap import setup_django

    setup_django()
