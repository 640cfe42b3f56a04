"""Setting Django up from the CLI, for the sub-commands that need the database."""

from __future__ import annotations

import os


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jiceng.web.settings")
    import django

    django.setup()
