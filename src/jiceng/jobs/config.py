"""Task-queue settings from the environment (no Django import: the worker reads them first).

``JICENG_JOBS_MODE``     ``worker`` (a Celery worker + beat against the broker; production) or
                          ``inprocess`` (the demo: an in-process scheduler thread, no broker).
                          Default: ``inprocess`` when ``JICENG_DEMO=1`` (set by ``jiceng demo``),
                          else ``worker``.
``JICENG_BROKER_URL``    the broker, default ``redis://127.0.0.1:6379/0``.
``JICENG_JOBS_QUEUE``    the queue name, default ``jiceng`` (tests use a private one).
``JICENG_BROKER_VISIBILITY_TIMEOUT``  seconds after which a message a dead worker took but never
                          acknowledged is delivered again (default 600; every job is far shorter).
``JICENG_SWEEP_SECONDS`` how often the sweep looks for due clocks (default 60).
"""

from __future__ import annotations

import os

DEFAULT_BROKER = "redis://127.0.0.1:6379/0"


def mode() -> str:
    value = os.environ.get("JICENG_JOBS_MODE", "").strip().lower()
    if value in {"worker", "inprocess"}:
        return value
    return "inprocess" if os.environ.get("JICENG_DEMO", "") == "1" else "worker"


def in_process() -> bool:
    return mode() == "inprocess"


def broker_url() -> str:
    return os.environ.get("JICENG_BROKER_URL", DEFAULT_BROKER)


def queue_name() -> str:
    return os.environ.get("JICENG_JOBS_QUEUE", "jiceng")


def visibility_timeout() -> int:
    return int(os.environ.get("JICENG_BROKER_VISIBILITY_TIMEOUT", "600"))


def sweep_seconds() -> float:
    return float(os.environ.get("JICENG_SWEEP_SECONDS", "60"))


def celery_settings() -> dict[str, object]:
    """Everything the Celery app is configured with; reliability first.

    * ``task_acks_late`` + ``task_reject_on_worker_lost``: a message is acknowledged only after
      its job finished, so a worker killed mid-job leaves it to be delivered again;
    * ``worker_prefetch_multiplier = 1``: a worker holds one unacknowledged message at a time;
    * the Redis ``visibility_timeout`` bounds how long such a message waits before redelivery;
    * jobs are idempotent (each clock firing is claimed by a unique row), so redelivery and
      retries never double an effect.
    """
    queue = queue_name()
    return {
        "broker_url": broker_url(),
        "broker_connection_retry_on_startup": True,
        "broker_transport_options": {
            "visibility_timeout": visibility_timeout(),
            # Look for messages of dead workers every few seconds, not once an hour.
            "unacked_restore_interval": 5,
            "unacked_restore_throttle": 1,
        },
        "task_default_queue": queue,
        "task_acks_late": True,
        "task_reject_on_worker_lost": True,
        "task_acks_on_failure_or_timeout": True,
        "worker_prefetch_multiplier": 1,
        "task_ignore_result": True,
        "task_always_eager": in_process(),
        "task_eager_propagates": True,
        "task_serializer": "json",
        "accept_content": ["json"],
        "timezone": "Asia/Shanghai",
        "beat_schedule": {
            "sweep-sla-clocks": {
                "task": "coordination.sweep",
                "schedule": sweep_seconds(),
                "options": {"queue": queue, "expires": max(sweep_seconds(), 30)},
            },
            # Retention of anonymous reports (settings.JICENG_ANONYMOUS_RETENTION_DAYS), daily.
            "purge-anonymous-reports": {
                "task": "ledger.purge_anonymous",
                "schedule": 24 * 3600,
                "options": {"queue": queue},
            },
        },
        "worker_hijack_root_logger": False,
    }
