"""Turning a county's scorecard for a month into the report files (used by the job and the CLI)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from django.utils import timezone

from jiceng.core.models import Organisation
from jiceng.scorecard import document, queries
from jiceng.scorecard.facts import installed, label

PART_LABELS = {
    "ledger": "负担台账",
    "capacity": "要素保障",
    "coordination": "协同联动",
    "procurement": "政府购买服务",
    "intake": "事项准入",
}


def report_data(county: Organisation, month: date) -> document.ReportData:
    card = queries.build(county.pk, queries.townships_of(county.pk), month)
    rows = [
        document.ReportRow(r.score, r.previous, tuple(r.imbalances), r.quadrant)
        for r in card.sorted()
    ]
    missing = [name for part, name in PART_LABELS.items() if not installed(part)]
    notes = (f"本平台未启用{'、'.join(missing)}模块，相应指标按无数据处理。",) if missing else ()
    return document.ReportData(
        county.name, label(month), rows, generated=timezone.localdate().isoformat(), notes=notes
    )


def render(
    county: Organisation, month: date, progress: Callable[[int, str], None] | None = None
) -> tuple[bytes, bytes]:
    """(DOCX, XLSX) of the county's report; ``progress(percent, step)`` is told along the way."""
    step = progress or (lambda _pct, _text: None)
    step(10, "正在读取各部分数据并计算指数")
    data = report_data(county, month)
    step(45, "正在撰写报告正文")
    docx = document.docx_bytes(data, progress=step)
    step(90, "正在生成 XLSX 附表")
    xlsx = document.xlsx_bytes(data)
    return docx, xlsx


def filename(county: Organisation, month: date, suffix: str) -> str:
    return f"{county.name}统筹评估月报{label(month)}.{suffix}"
