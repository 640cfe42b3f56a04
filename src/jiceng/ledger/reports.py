"""The monthly burden report: DOCX in official-document layout (with PNG charts) and XLSX tables.

``monthly_report_data`` gathers the numbers (in the database, scoped to the user); the
``*_bytes`` functions render plain data, so they are testable on their own. Charts are drawn
with matplotlib's Agg backend; Chinese labels are used when a CJK font is installed, otherwise
the charts fall back to numbers and ASCII legends and the captions carry the Chinese.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any

from django.utils import timezone

from jiceng.core.models import User
from jiceng.ledger import queries
from jiceng.ledger.models import TYPE_LABELS, TownshipMonth, TownshipMonthTotal
from jiceng.web.exports import workbook_bytes

CJK_FONTS = (
    "Noto Sans CJK SC",
    "Noto Serif CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "SimHei",
    "Microsoft YaHei",
    "PingFang SC",
    "AR PL UMing CN",
)
# Official-document fonts (GB/T 9704-2012 党政机关公文格式): title 方正小标宋简体 二号, body 仿宋 三号,
# first-level headings 黑体, second-level 楷体. Word substitutes when a font is missing.
TITLE_FONT, BODY_FONT, H1_FONT = "方正小标宋简体", "仿宋_GB2312", "黑体"


@dataclass
class ReportData:
    county: str
    scope: str  # "全县" or a township's name
    month: date
    total: dict[str, float]
    previous: dict[str, float]
    last_year: dict[str, float]
    trend: list[dict[str, Any]]
    townships: list[dict[str, Any]]
    departments: list[dict[str, Any]]
    types: list[dict[str, Any]]
    alerts: list[queries.Alert] = field(default_factory=list)

    @property
    def title(self) -> str:
        return f"{self.county}{'' if self.scope == '全县' else self.scope}基层负担监测月报（{self.month.year}年{self.month.month}月）"


def _shift(month: date, months: int) -> date:
    index = month.year * 12 + month.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def monthly_report_data(
    user: User, county_name: str, county_id: int, month: date, township_id: int | None = None
) -> ReportData:
    qs = TownshipMonthTotal.objects.visible_to(user)
    by_type = TownshipMonth.objects.visible_to(user).filter(month=month)
    if township_id is not None:
        qs = qs.filter(township_id=township_id)
        by_type = by_type.filter(township_id=township_id)
    scope = "全县"
    if township_id is not None or not user.is_county_wide:
        names = list(qs.values_list("township__name", flat=True).distinct()[:2])
        scope = names[0] if len(names) == 1 else scope
    this = qs.filter(month=month)
    dept_qs = queries.confirmed_events(user).filter(month=month)
    if township_id is not None:
        dept_qs = dept_qs.filter(township_id=township_id)
    return ReportData(
        county=county_name,
        scope=scope,
        month=month,
        total=queries.totals(this),
        previous=queries.totals(qs.filter(month=_shift(month, -1))),
        last_year=queries.totals(qs.filter(month=_shift(month, -12))),
        trend=queries.monthly(qs.filter(month__gt=_shift(month, -12), month__lte=month)),
        townships=queries.township_ranking(this),
        departments=queries.department_ranking(dept_qs)[:20],
        types=queries.by_type(by_type),
        alerts=queries.alerts(
            user, county_id, month.year, month.month, timezone.localdate(), township_id
        ),
    )


# --------------------------------------------------------------------------------------------
# Charts
# --------------------------------------------------------------------------------------------


@cache
def cjk_font() -> str | None:
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    return next((name for name in CJK_FONTS if name in installed), None)


def _figure() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    font = cjk_font()
    fig = Figure(figsize=(6.4, 3.2), dpi=150, layout="tight")
    return fig, font


def _png(fig: Any) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", bbox_inches="tight")
    return buffer.getvalue()


def trend_png(trend: list[dict[str, Any]]) -> bytes:
    fig, font = _figure()
    ax = fig.add_subplot()
    months = [r["month"].strftime("%Y-%m") for r in trend]
    formal = [float(r["formal"]) for r in trend]
    informal = [float(r["informal"]) for r in trend]
    labels = ("正式渠道", "非正式渠道") if font else ("formal", "informal")
    ax.stackplot(range(len(months)), formal, informal, labels=labels, colors=("#b7251d", "#f2a541"))
    ax.set_xticks(range(len(months)), months, rotation=45, ha="right", fontsize=7)
    ax.set_ylabel("小时" if font else "hours", fontfamily=font or "sans-serif")
    ax.legend(loc="upper left", prop={"family": font} if font else None, fontsize=8)
    return _png(fig)


def ranking_png(rows: list[dict[str, Any]], name_key: str, limit: int = 15) -> bytes:
    fig, font = _figure()
    ax = fig.add_subplot()
    shown = rows[:limit][::-1]
    names = [str(r[name_key] or "") if font else str(len(shown) - i) for i, r in enumerate(shown)]
    formal = [float(r["formal"]) for r in shown]
    informal = [float(r["informal"]) for r in shown]
    ax.barh(range(len(shown)), formal, color="#b7251d", label="正式渠道" if font else "formal")
    ax.barh(
        range(len(shown)),
        informal,
        left=formal,
        color="#f2a541",
        label="非正式渠道" if font else "informal",
    )
    ax.set_yticks(range(len(shown)), names, fontsize=7, fontfamily=font or "sans-serif")
    ax.legend(loc="lower right", prop={"family": font} if font else None, fontsize=8)
    return _png(fig)


# --------------------------------------------------------------------------------------------
# DOCX
# --------------------------------------------------------------------------------------------


def _change(now: float, before: float) -> str:
    if not before:
        return "无可比数据"
    change = (now - before) / before
    return f"{'增加' if change >= 0 else '减少'} {abs(change):.1%}"


def _font(run: Any, name: str, size: float, bold: bool = False) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)


def docx_bytes(data: ReportData) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)

    def para(
        text: str,
        font: str = BODY_FONT,
        size: float = 16,
        bold: bool = False,
        center: bool = False,
        indent: bool = True,
    ) -> None:
        p = doc.add_paragraph()
        if center:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif indent:
            p.paragraph_format.first_line_indent = Pt(size * 2)
        _font(p.add_run(text), font, size, bold)

    def heading(text: str) -> None:
        para(text, H1_FONT, 16, indent=True)

    def table(header: list[str], rows: list[list[Any]]) -> None:
        t = doc.add_table(rows=1, cols=len(header))
        t.style = "Table Grid"
        for cell, text in zip(t.rows[0].cells, header, strict=True):
            cell.text = ""
            _font(cell.paragraphs[0].add_run(text), H1_FONT, 10.5)
        for row in rows:
            cells = t.add_row().cells
            for cell, value in zip(cells, row, strict=True):
                cell.text = ""
                _font(cell.paragraphs[0].add_run(str(value)), BODY_FONT, 10.5)

    def figure(png: bytes, caption: str) -> None:
        doc.add_picture(io.BytesIO(png), width=Cm(15))
        doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
        para(caption, BODY_FONT, 12, center=True)

    para(data.title, TITLE_FONT, 22, center=True)
    t = data.total
    heading("一、总体情况")
    para(
        f"本月{data.scope}共记录基层负担事件 {t['n']:.0f} 项，估计耗用工时 {t['hours']:.1f} 小时，"
        f"其中正式渠道 {t['formal']:.1f} 小时、非正式渠道（电话通知、工作群和政务APP）{t['informal']:.1f} 小时。"
        f"与上月相比{_change(t['hours'], data.previous['hours'])}，与上年同月相比{_change(t['hours'], data.last_year['hours'])}。"
    )
    if data.trend:
        figure(trend_png(data.trend), "图1  近12个月负担工时（按渠道）")
    heading("二、乡镇（街道）负担排名")
    rows = [
        [
            i,
            r["township__name"],
            f"{r['hours']:.1f}",
            f"{r['formal']:.1f}",
            f"{r['informal']:.1f}",
            f"{r['n']:.0f}",
        ]
        for i, r in enumerate(data.townships, 1)
    ]
    table(["名次", "乡镇（街道）", "工时", "正式渠道", "非正式渠道", "事件数"], rows or [["—"] * 6])
    if data.townships:
        figure(
            ranking_png(data.townships, "township__name"),
            "图2  乡镇（街道）负担工时排名" + ("" if cjk_font() else "（图中编号为表中名次）"),
        )
    heading("三、负担来源部门排名")
    rows = [
        [
            i,
            r["source_department"] or "（未填）",
            f"{r['hours']:.1f}",
            f"{r['informal']:.1f}",
            f"{r['n']:.0f}",
        ]
        for i, r in enumerate(data.departments, 1)
    ]
    table(["名次", "来源部门", "工时", "其中非正式渠道", "事件数"], rows or [["—"] * 5])
    heading("四、负担类型构成")
    rows = [
        [TYPE_LABELS.get(r["type"], r["type"]), f"{r['hours']:.1f}", f"{r['n']:.0f}"]
        for r in data.types
    ]
    table(["类型", "工时", "事件数"], rows or [["—"] * 3])
    heading("五、预警事项")
    if data.alerts:
        for i, a in enumerate(data.alerts, 1):
            para(f"{i}. {a.subject}：{a.title}。{a.evidence}")
    else:
        para("本月未发现需要预警的事项。")
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def xlsx_bytes(data: ReportData) -> bytes:
    return workbook_bytes(
        [
            (
                "月度趋势",
                ["月份", "工时", "正式渠道", "非正式渠道", "事件数"],
                [
                    [
                        r["month"].strftime("%Y-%m"),
                        round(r["hours"], 1),
                        round(r["formal"], 1),
                        round(r["informal"], 1),
                        int(r["n"] or 0),
                    ]
                    for r in data.trend
                ],
            ),
            (
                "乡镇排名",
                ["名次", "乡镇（街道）", "工时", "正式渠道", "非正式渠道", "事件数"],
                [
                    [
                        i,
                        r["township__name"],
                        round(r["hours"], 1),
                        round(r["formal"], 1),
                        round(r["informal"], 1),
                        int(r["n"] or 0),
                    ]
                    for i, r in enumerate(data.townships, 1)
                ],
            ),
            (
                "部门排名",
                ["名次", "来源部门", "工时", "正式渠道", "非正式渠道", "事件数"],
                [
                    [
                        i,
                        r["source_department"],
                        round(r["hours"], 1),
                        round(r["formal"], 1),
                        round(r["informal"], 1),
                        int(r["n"] or 0),
                    ]
                    for i, r in enumerate(data.departments, 1)
                ],
            ),
            (
                "类型构成",
                ["类型", "工时", "事件数"],
                [
                    [TYPE_LABELS.get(r["type"], r["type"]), round(r["hours"], 1), int(r["n"] or 0)]
                    for r in data.types
                ],
            ),
            (
                "预警",
                ["对象", "预警", "依据"],
                [[a.subject, a.title, a.evidence] for a in data.alerts],
            ),
        ]
    )
