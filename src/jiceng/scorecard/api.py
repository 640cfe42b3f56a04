"""API routes of the scorecard: the county table, one township's detail, the report job."""

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from ninja import Router, Schema

from jiceng.api.permissions import require_roles
from jiceng.core.roles import Role
from jiceng.core.scoping import get_visible
from jiceng.scorecard import queries, services
from jiceng.scorecard.facts import label
from jiceng.scorecard.imbalance import Imbalance
from jiceng.scorecard.index import TownshipScore
from jiceng.scorecard.models import ReportJob

router = Router(tags=["统筹评估"])
COUNTY = (Role.COUNTY_ADMIN, Role.OBSERVER)
READERS = (*COUNTY, Role.TOWNSHIP_CLERK)


class IndicatorOut(Schema):
    key: str
    label: str
    subscore: str
    value: float | None
    display: str
    score: float | None
    weight: float
    confidence: str
    reasons: list[str]
    policy: str
    source: str
    source_url: str


class ImbalanceOut(Schema):
    kind: str
    label: str
    township: str
    month: str
    level: str
    reasons: list[str]
    policy: str


class ScoreOut(Schema):
    township_id: int | None
    township: str
    month: str
    burden: float | None
    empowerment: float | None
    service: float | None
    index: float | None
    index_change: float | None
    quadrant: str | None
    low_confidence: bool
    imbalances: list[ImbalanceOut]


class DetailOut(ScoreOut):
    reasons: list[str]
    indicators: list[IndicatorOut]
    changes: list[str]


class JobOut(Schema):
    id: int
    month: str
    status: str
    status_label: str
    progress: int
    step: str
    error: str
    docx_url: str | None
    xlsx_url: str | None


def _imbalance(i: Imbalance) -> dict[str, Any]:
    return {
        "kind": i.kind,
        "label": i.label,
        "township": i.township,
        "month": i.month,
        "level": i.level,
        "reasons": list(i.reasons),
        "policy": i.policy,
    }


def _score(row: queries.Row) -> dict[str, Any]:
    s: TownshipScore = row.score
    return {
        "township_id": s.township_id,
        "township": s.township,
        "month": s.month,
        "burden": s.burden,
        "empowerment": s.empowerment,
        "service": s.service,
        "index": s.index,
        "index_change": row.index_delta,
        "quadrant": row.quadrant[1] if row.quadrant else None,
        "low_confidence": bool(s.low_confidence),
        "imbalances": [_imbalance(i) for i in row.imbalances],
    }


def _job(job: ReportJob) -> dict[str, Any]:
    done = job.status == ReportJob.Status.DONE
    return {
        "id": job.pk,
        "month": label(job.month),
        "status": job.status,
        "status_label": job.get_status_display(),
        "progress": job.progress,
        "step": job.step,
        "error": job.error,
        "docx_url": reverse("scorecard:download", args=[job.pk, "docx"]) if done else None,
        "xlsx_url": reverse("scorecard:download", args=[job.pk, "xlsx"]) if done else None,
    }


@router.get(
    "/townships", response=list[ScoreOut], summary="各乡镇（街道）统筹评估（按统筹指数排序）"
)
@require_roles(*READERS)
def townships(request: HttpRequest, month: str = "", sort: str = "index") -> Any:
    card = queries.for_user(request.user, queries.parse_month(month))
    return [_score(r) for r in card.sorted(sort)]


@router.get(
    "/townships/{pk}", response=DetailOut, summary="一个乡镇（街道）的指标明细、变化原因和失衡预警"
)
@require_roles(*READERS)
def township(request: HttpRequest, pk: int, month: str = "") -> Any:
    town = queries.visible_township(request.user, pk)
    _, changes, row = queries.township_trend(
        town.county_id, town, queries.parse_month(month), months=2
    )
    out = _score(row)
    out["reasons"] = list(row.score.reasons)
    out["changes"] = [s for c in changes for s in c.sentences]
    out["indicators"] = [
        {
            "key": i.key,
            "label": i.label,
            "subscore": i.subscore,
            "value": i.value,
            "display": i.display(),
            "score": i.score,
            "weight": i.weight,
            "confidence": i.confidence,
            "reasons": list(i.reasons),
            "policy": i.policy,
            "source": i.source.text,
            "source_url": i.source.url,
        }
        for i in row.score.indicators
    ]
    return out


@router.post("/reports", response={201: JobOut}, summary="生成统筹评估月报（后台任务）")
@require_roles(*COUNTY)
def new_report(request: HttpRequest, month: str = "") -> Any:
    job = services.request_report(actor=request.user, month=queries.parse_month(month))
    job.refresh_from_db()
    return 201, _job(job)


@router.get("/reports/{pk}", response=JobOut, summary="月报生成进度")
@require_roles(*COUNTY)
def report(request: HttpRequest, pk: int) -> Any:
    return _job(get_visible(ReportJob, request.user, pk=pk))
