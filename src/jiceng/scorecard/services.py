"""Writes of the scorecard: asking for the monthly report, running it, noting its downloads."""

from __future__ import annotations

import logging
import secrets
from datetime import date
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from jiceng.core.audit import Action, record, snapshot
from jiceng.core.models import User
from jiceng.core.roles import COUNTY_WIDE_ROLES
from jiceng.core.services import county_of
from jiceng.errors import ForbiddenError, InputError
from jiceng.jobs import config as jobs_config
from jiceng.scorecard import reporting
from jiceng.scorecard.models import ReportJob

log = logging.getLogger(__name__)
JOB_FIELDS = ("month", "status", "progress", "docx_name", "xlsx_name", "error")


def report_dir(county_id: int) -> Path:
    path = Path(settings.MEDIA_ROOT) / "scorecard" / str(county_id)
    path.mkdir(parents=True, exist_ok=True)
    return path


def request_report(*, actor: User, month: date) -> ReportJob:
    """Queue the county's monthly report; the job runs after this transaction commits."""
    if actor.role_enum not in COUNTY_WIDE_ROLES:
        raise ForbiddenError("只有县级管理员和监督员可以生成统筹评估月报。")
    if month > timezone.localdate().replace(day=1):
        raise InputError("不能生成未来月份的报告。")
    county = county_of(actor)
    with transaction.atomic():
        job = ReportJob.objects.create(
            county=county, month=month.replace(day=1), requested_by=actor
        )
        record(
            Action.CREATE,
            actor=actor,
            obj=job,
            after=snapshot(job, JOB_FIELDS),
            note="申请生成统筹评估月报",
        )
        transaction.on_commit(lambda: enqueue(job.pk))
    return job


def enqueue(job_id: int) -> None:
    """The task queue in production; in the in-process demo mode the job runs right here."""
    if jobs_config.in_process():
        run_report(job_id)
        return
    from jiceng.scorecard.tasks import build_report

    build_report.delay(job_id)


def _progress(job_id: int, percent: int, step: str, **extra: object) -> None:
    ReportJob.objects.filter(pk=job_id).update(
        progress=max(0, min(100, percent)), step=step[:100], **extra
    )


def run_report(job_id: int) -> str:
    """Generate the files of one job. Idempotent: a finished job is left as it is."""
    job = ReportJob.objects.select_related("county").get(pk=job_id)
    if job.status == ReportJob.Status.DONE:
        return job.status
    _progress(
        job.pk, 2, "开始生成", status=ReportJob.Status.RUNNING, started_at=timezone.now(), error=""
    )
    try:
        docx, xlsx = reporting.render(
            job.county, job.month, lambda pct, text: _progress(job.pk, pct, text)
        )
        folder = report_dir(job.county_id)
        token = secrets.token_hex(8)
        names = {"docx_name": f"{job.pk}-{token}.docx", "xlsx_name": f"{job.pk}-{token}.xlsx"}
        (folder / names["docx_name"]).write_bytes(docx)
        (folder / names["xlsx_name"]).write_bytes(xlsx)
    except Exception as exc:  # the job page must say what happened instead of spinning forever
        log.exception("统筹评估月报生成失败（任务 %s）", job_id)
        _progress(
            job.pk,
            100,
            "生成失败",
            status=ReportJob.Status.FAILED,
            finished_at=timezone.now(),
            error=f"生成失败：{exc.__class__.__name__}。请联系系统管理员查看日志。",
        )
        return str(ReportJob.Status.FAILED)
    _progress(
        job.pk, 100, "已完成", status=ReportJob.Status.DONE, finished_at=timezone.now(), **names
    )
    return str(ReportJob.Status.DONE)


def report_file(job: ReportJob, kind: str) -> Path:
    name = {"docx": job.docx_name, "xlsx": job.xlsx_name}.get(kind, "")
    if job.status != ReportJob.Status.DONE or not name:
        raise InputError("报告尚未生成完成。")
    return report_dir(job.county_id) / name


def note_download(*, actor: User, job: ReportJob, kind: str) -> None:
    with transaction.atomic():
        record(Action.EXPORT, actor=actor, obj=job, note=f"下载统筹评估月报（{kind.upper()}）")
