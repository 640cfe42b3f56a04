"""The county's monthly 统筹评估 report: a DOCX in official-document layout and an XLSX appendix.

Pure rendering over plain data (``ReportData``), so the CLI, the background job and the tests
produce the same files. Layout per GB/T 9704-2012 《党政机关公文格式》: A4; margins top 37 mm,
bottom 35 mm, left (binding) 28 mm, right 26 mm; title 方正小标宋简体 二号 (22 pt); body 仿宋_GB2312
三号 (16 pt) at a fixed 28.9 pt line pitch (22 lines a page); first-level headings “一、” 黑体,
second-level “（一）” 楷体_GB2312, both 三号; page numbers 宋体 四号 “— 1 —” in the footer. Font
names are also set as east-Asian fonts (``w:eastAsia``) so Word uses them for Chinese text.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from jiceng.scorecard import charts
from jiceng.scorecard.imbalance import Imbalance
from jiceng.scorecard.index import SUBSCORES, TownshipScore, format_value
from jiceng.scorecard.policy import load_policy

TITLE_FONT, BODY_FONT, H1_FONT, H2_FONT, PAGE_FONT = (
    "方正小标宋简体",
    "仿宋_GB2312",
    "黑体",
    "楷体_GB2312",
    "宋体",
)
TITLE_PT, BODY_PT, TABLE_PT, PAGE_PT = 22.0, 16.0, 10.5, 14.0
LINE_PITCH_PT = 28.9
CN_NUMBERS = "一二三四五六七八九十"
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

Progress = Callable[[int, str], None]


@dataclass(frozen=True)
class ReportRow:
    score: TownshipScore
    previous: TownshipScore | None = None
    imbalances: Sequence[Imbalance] = ()
    quadrant: tuple[str, str] | None = None

    def delta(self) -> float | None:
        if self.previous is None or self.previous.index is None or self.score.index is None:
            return None
        return round(self.score.index - self.previous.index, 1)


@dataclass(frozen=True)
class ReportData:
    county: str
    month: str  # "YYYY-MM"
    rows: Sequence[ReportRow]  # in ranking order
    generated: str = ""  # date of generation, "YYYY-MM-DD"
    notes: Sequence[str] = field(default_factory=tuple)  # e.g. parts whose data was missing

    @property
    def title(self) -> str:
        year, month = self.month.split("-")
        return f"{self.county}基层减负赋能统筹评估报告（{year}年{int(month)}月）"

    @property
    def scores(self) -> list[TownshipScore]:
        return [r.score for r in self.rows]

    @property
    def imbalances(self) -> list[Imbalance]:
        found = [i for r in self.rows for i in r.imbalances]
        found.sort(key=lambda i: (i.level != "red", i.kind, i.township))
        return found


def _num(value: float | None, digits: int = 1) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def _mean(values: Sequence[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return sum(present) / len(present) if present else None


# --------------------------------------------------------------------------------------------
# DOCX
# --------------------------------------------------------------------------------------------


class _Writer:
    """A python-docx document with the GB/T 9704 page, fonts and paragraph kinds."""

    def __init__(self) -> None:
        from docx import Document
        from docx.shared import Mm, Pt

        self.doc = Document()
        section = self.doc.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(37), Mm(35)
        section.left_margin, section.right_margin = Mm(28), Mm(26)
        normal = self.doc.styles["Normal"]
        self._font(normal, BODY_FONT, BODY_PT)
        normal.paragraph_format.line_spacing = Pt(LINE_PITCH_PT)
        normal.paragraph_format.space_before = Pt(0)
        normal.paragraph_format.space_after = Pt(0)
        self._page_numbers(section)
        self.figures = 0
        self.tables = 0

    @staticmethod
    def _font(target: Any, name: str, size: float, bold: bool = False) -> None:
        from docx.oxml.ns import qn
        from docx.shared import Pt

        target.font.name = name
        target.font.size = Pt(size)
        target.font.bold = bold
        # A run keeps its properties on ``_r``; a style on ``element``.
        element = target._r if hasattr(target, "_r") else target.element
        fonts = element.get_or_add_rPr().get_or_add_rFonts()
        for attr in ("w:ascii", "w:hAnsi", "w:eastAsia"):
            fonts.set(qn(attr), name)

    def _page_numbers(self, section: Any) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        p = section.footer.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        self._font(p.add_run("— "), PAGE_FONT, PAGE_PT)
        run = p.add_run()
        self._font(run, PAGE_FONT, PAGE_PT)
        for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
            if kind:
                node = OxmlElement("w:fldChar")
                node.set(qn("w:fldCharType"), kind)
            else:
                node = OxmlElement("w:instrText")
                node.set(qn("xml:space"), "preserve")
                node.text = text
            run._r.append(node)
        self._font(p.add_run(" —"), PAGE_FONT, PAGE_PT)

    def para(
        self,
        text: str,
        font: str = BODY_FONT,
        size: float = BODY_PT,
        *,
        center: bool = False,
        indent: bool = True,
        bold: bool = False,
    ) -> Any:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Pt

        p = self.doc.add_paragraph()
        if center:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif indent:
            p.paragraph_format.first_line_indent = Pt(size * 2)
        self._font(p.add_run(text), font, size, bold)
        return p

    def title(self, text: str) -> None:
        from docx.shared import Pt

        p = self.para(text, TITLE_FONT, TITLE_PT, center=True)
        p.paragraph_format.line_spacing = Pt(35)
        p.paragraph_format.space_after = Pt(LINE_PITCH_PT)

    def heading1(self, text: str) -> None:
        self.para(text, H1_FONT)

    def heading2(self, text: str) -> None:
        self.para(text, H2_FONT)

    def table(self, header: Sequence[str], rows: Sequence[Sequence[Any]], caption: str) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Pt

        self.tables += 1
        self.para(f"表{self.tables}  {caption}", H1_FONT, 12, center=True)
        t = self.doc.add_table(rows=1, cols=len(header))
        t.style = "Table Grid"
        for cell, text in zip(t.rows[0].cells, header, strict=True):
            cell.text = ""
            self._font(cell.paragraphs[0].add_run(str(text)), H1_FONT, TABLE_PT)
        for row in rows or [["—"] * len(header)]:
            cells = t.add_row().cells
            for cell, value in zip(cells, row, strict=True):
                cell.text = ""
                para = cell.paragraphs[0]
                para.paragraph_format.line_spacing = Pt(TABLE_PT * 1.3)
                para.alignment = WD_ALIGN_PARAGRAPH.CENTER
                self._font(para.add_run(str(value)), BODY_FONT, TABLE_PT)

    def figure(self, png: bytes, caption: str) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Mm

        self.figures += 1
        self.doc.add_picture(io.BytesIO(png), width=Mm(150))
        picture = self.doc.paragraphs[-1]
        picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
        picture.paragraph_format.line_spacing = None  # a fixed pitch would clip the image
        self.para(f"图{self.figures}  {caption}", BODY_FONT, 12, center=True)

    def bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return buffer.getvalue()


def docx_bytes(data: ReportData, progress: Progress | None = None) -> bytes:
    step = progress or (lambda _pct, _text: None)
    policy = load_policy()
    w = _Writer()
    w.title(data.title)
    scores = data.scores
    no_font = "" if charts.cjk_font() else "（图中编号为表1中的名次）"

    w.heading1("一、总体情况")
    avg = {k: _mean([s.subscores[k].score for s in scores]) for k in SUBSCORES}
    avg_index = _mean([s.index for s in scores])
    pony = [r.score.township for r in data.rows if r.quadrant and r.quadrant[0] == "heavy_weak"]
    red = [i for i in data.imbalances if i.level == "red"]
    w.para(
        f"本月对全县 {len(scores)} 个乡镇（街道）开展减负赋能统筹评估。全县平均统筹指数 {_num(avg_index)}，"
        f"其中负担指数平均 {_num(avg['burden'])}（越低越好）、赋能指数平均 {_num(avg['empowerment'])}、"
        f"服务成效指数平均 {_num(avg['service'])}。"
        + (
            f"处于“小马拉大车”象限（负担重、能力弱）的有 {len(pony)} 个：{'、'.join(pony)}。"
            if pony
            else "本月没有乡镇（街道）处于“小马拉大车”象限。"
        )
        + (
            f"发现需重点关注的失衡问题 {len(red)} 项，详见第三部分。"
            if red
            else "未发现需重点关注的失衡问题。"
        )
    )
    w.heading2("（一）统筹指数排名")
    rows = []
    for i, r in enumerate(data.rows, 1):
        s = r.score
        delta = r.delta()
        rows.append(
            [
                i,
                s.township,
                _num(s.burden),
                _num(s.empowerment),
                _num(s.service),
                _num(s.index),
                "—" if delta is None else f"{delta:+.1f}",
                r.quadrant[1].split("：")[0] if r.quadrant else "—",
            ]
        )
    w.table(
        ["名次", "乡镇（街道）", "负担", "赋能", "服务成效", "统筹指数", "较上月", "象限"],
        rows,
        "各乡镇（街道）统筹评估结果",
    )
    step(55, "正在绘制排名图")
    w.figure(charts.ranking_png(scores), "各乡镇（街道）统筹指数" + no_font)
    w.heading2("（二）“小马拉大车”象限")
    w.para(
        "以负担指数为横轴、赋能指数为纵轴，右下角为负担重而承载能力弱的乡镇（街道），应优先减负、优先配强力量。"
    )
    step(62, "正在绘制象限图")
    w.figure(charts.quadrant_png(scores), "负担与承载能力象限" + no_font)

    w.heading1("二、分项情况")
    step(70, "正在整理分项")
    for n, key in enumerate(SUBSCORES):
        spec = policy["subscores"][key]
        w.heading2(f"（{CN_NUMBERS[n]}）{spec['label']}")
        ranked = [s for s in scores if s.subscores[key].score is not None]
        ranked.sort(
            key=lambda s: s.subscores[key].score or 0.0, reverse=not spec["lower_is_better"]
        )
        if ranked:
            best, worst = ranked[0], ranked[-1]
            w.para(
                f"{spec['note']}。全县平均 {_num(avg[key])}，表现最好的是{best.township}"
                f"（{_num(best.subscores[key].score)}），最需关注的是{worst.township}（{_num(worst.subscores[key].score)}）。"
            )
        else:
            w.para(f"本月{spec['label']}没有可用数据。")
        keys = [k for k, v in policy["indicators"].items() if v["subscore"] == key]
        header = ["乡镇（街道）", *[policy["indicators"][k]["label"] for k in keys]]
        body = [[s.township, *[s.indicator(k).display() for k in keys]] for s in scores]
        w.table(header, body, f"{spec['label']}各项指标")
    w.figure(charts.subscores_png(scores), "各乡镇（街道）三项分项指数" + no_font)

    w.heading1("三、失衡预警")
    if data.imbalances:
        for i, item in enumerate(data.imbalances, 1):
            w.para(
                f"{i}. {item.township}：{item.label}。{'；'.join(item.reasons)}。依据：{item.policy}。"
            )
    else:
        w.para("本月未发现赋权增负、减负减支持或样本过少等失衡问题。")

    w.heading1("四、计算方法与数据来源")
    w.para(
        "各项指标按本县监测线换算为 0—100 分（负担类 100 分为最重，其余 100 分为最好），"
        "分项指数为有数据指标的加权平均，统筹指数为三个分项的加权平均（负担以 100 减负担指数计入）。"
        f"比率类指标先加入 {policy['confidence']['prior_cases']} 件中性样本再计分，"
        f"案件少于 {policy['confidence']['min_count']} 件的标注低置信度，不以原始比例排名。"
    )
    method = [
        [
            v["label"],
            policy["subscores"][v["subscore"]]["label"],
            f"{v['weight']:g}",
            f"{format_value(float(v['zero_at']), v['unit'])} → 0 分；{format_value(float(v['full_at']), v['unit'])} → 100 分",
            v["policy"],
        ]
        for v in policy["indicators"].values()
    ]
    w.table(["指标", "分项", "权重", "计分线", "依据"], method, "指标口径")
    for note in data.notes:
        w.para(note)
    if data.generated:
        w.para(
            f"本报告由基层赋能减负平台于 {data.generated} 生成，全部数字见同名 XLSX 附表。",
            indent=True,
        )
    step(85, "正在保存文档")
    return w.bytes()


# --------------------------------------------------------------------------------------------
# XLSX appendix
# --------------------------------------------------------------------------------------------


def _safe(value: Any) -> Any:
    """Text a spreadsheet would run as a formula is stored as text (OWASP CSV injection)."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def xlsx_bytes(data: ReportData) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    policy = load_policy()
    sheets: list[tuple[str, list[str], list[list[Any]]]] = []
    sheets.append(
        (
            "总表",
            [
                "名次",
                "乡镇（街道）",
                "月份",
                "负担指数",
                "赋能指数",
                "服务成效指数",
                "统筹指数",
                "较上月",
                "象限",
                "失衡预警数",
                "说明",
            ],
            [
                [
                    i,
                    r.score.township,
                    r.score.month,
                    r.score.burden,
                    r.score.empowerment,
                    r.score.service,
                    r.score.index,
                    r.delta(),
                    r.quadrant[1] if r.quadrant else "",
                    len(r.imbalances),
                    "；".join(r.score.reasons),
                ]
                for i, r in enumerate(data.rows, 1)
            ],
        )
    )
    sheets.append(
        (
            "指标明细",
            [
                "乡镇（街道）",
                "分项",
                "指标",
                "原始值",
                "单位",
                "得分",
                "权重",
                "置信度",
                "计算说明",
                "依据",
                "数据来源",
                "来源页面",
            ],
            [
                [
                    s.township,
                    policy["subscores"][i.subscore]["label"],
                    i.label,
                    i.value,
                    i.unit,
                    i.score,
                    i.weight,
                    {"low": "低", "normal": "正常", "none": "无数据"}[i.confidence],
                    "；".join(i.reasons),
                    i.policy,
                    i.source.text,
                    i.source.url,
                ]
                for s in data.scores
                for i in s.indicators
            ],
        )
    )
    sheets.append(
        (
            "失衡预警",
            ["乡镇（街道）", "月份", "类型", "级别", "理由", "依据", "数据来源"],
            [
                [
                    i.township,
                    i.month,
                    i.label,
                    "重点" if i.level == "red" else "关注",
                    "；".join(i.reasons),
                    i.policy,
                    i.source.text,
                ]
                for i in data.imbalances
            ],
        )
    )
    sheets.append(
        (
            "计算方法",
            ["指标", "分项", "权重", "0 分对应", "100 分对应", "单位", "依据"],
            [
                [
                    v["label"],
                    policy["subscores"][v["subscore"]]["label"],
                    v["weight"],
                    v["zero_at"],
                    v["full_at"],
                    v["unit"],
                    v["policy"],
                ]
                for v in policy["indicators"].values()
            ],
        )
    )
    wb = Workbook()
    wb.remove(wb.active)
    for title, header, rows in sheets:
        ws = wb.create_sheet(title)
        ws.append(header)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in rows:
            ws.append([_safe(v) for v in row])
        ws.freeze_panes = "A2"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
