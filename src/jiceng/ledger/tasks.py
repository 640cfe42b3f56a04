"""Background jobs of the ledger: the daily retention purge of anonymous reports."""

from __future__ import annotations

from typing import Any

from celery import shared_task


@shared_task(name="ledger.purge_anonymous", acks_late=True, max_retries=3, default_retry_delay=600)
def purge_anonymous() -> dict[str, Any]:
    from jiceng.ledger.anonymous import purge_expired

    cleared, deleted = purge_expired()
    return {"cleared": cleared, "deleted": deleted}
