"""The CI run against PostgreSQL must really be on PostgreSQL (never silently on SQLite)."""

import os

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


def test_database_backend_matches_the_requested_run():
    url = os.environ.get("DATABASE_URL", "")
    if os.environ.get("JICENG_REQUIRE_POSTGRES") == "1" and url.startswith("postgres"):
        assert connection.vendor == "postgresql"
        with connection.cursor() as cursor:
            cursor.execute("SELECT version()")
            assert "PostgreSQL" in cursor.fetchone()[0]
    elif not url:
        assert connection.vendor == "sqlite"
