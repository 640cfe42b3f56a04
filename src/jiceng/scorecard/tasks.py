"""Celery task of the scorecard (discovered by ``jiceng.jobs``): the monthly report."""

from __future__ import annotations

from typing import Any

from celery import shared_task


@shared_task(name="scorecard.build_report", bind=True, acks_late=True, reject_on_worker_lost=True)
def build_report(self: Any, job_id: int) -> str:
    # Failures are recorded on the job (status "failed") rather than retried: a report that fails
    # once on the same data would fail again. A worker lost mid-job redelivers the message, and
    # ``run_report`` simply runs the unfinished job again.
    from jiceng.scorecard.services import run_report

    return run_report(job_id)
