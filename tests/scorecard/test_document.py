"""The report files, rendered from constructed scores and opened again."""

import io
from dataclasses import replace

from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook

from jiceng.scorecard.document import (
    BODY_FONT,
    H1_FONT,
    H2_FONT,
    TITLE_FONT,
    ReportData,
    ReportRow,
    docx_bytes,
    xlsx_bytes,
)
from jiceng.scorecard.imbalance import Imbalance
from jiceng.scorecard.index import Source, TownshipFacts, quadrant, score_township

FACTS = TownshipFacts(
    township="东岭镇",
    month="2025-06",
    township_id=1,
    ledger_hours=300.0,
    available_staff=20.0,
    previous_hours_per_staff=12.0,
    caps_broken=0,
    hidden_shifts=0,
    powers_total=2,
    powers_resourced=2,
    staff_authorised=24,
    staff_actual=22,
    turnover=0.05,
    training_coverage=0.6,
    services_active=1,
    tickets_dispatched=12,
    tickets_resolved=11,
    tickets_resolved_on_time=10,
    tickets_reopened=1,
    ratings=11,
    ratings_satisfied=9,
    sources={"hours_per_staff": Source("台账工时", "/ledger/events/?township=1")},
)


def report() -> ReportData:
    a = score_township(FACTS)
    b = score_township(
        replace(
            FACTS,
            township="西河乡",
            township_id=2,
            ledger_hours=900.0,
            hidden_shifts=2,
            staff_actual=16,
            powers_resourced=0,
            training_coverage=0.1,
            services_active=0,
        )
    )
    flag = Imbalance(
        "empowerment_added_burden",
        "赋权增负",
        "西河乡",
        "2025-06",
        "red",
        ("下放某项执法权未随人员",),
        "《若干规定》(2024) 六",
    )
    rows = [ReportRow(a, None, (), quadrant(a)), ReportRow(b, a, (flag,), quadrant(b))]
    return ReportData(
        "青岩县", "2025-06", rows, generated="2025-07-02", notes=("协同事项数据不足。",)
    )


def east_asian(run) -> str:
    return run._r.rPr.rFonts.get(qn("w:eastAsia"))


def test_docx_has_official_layout_headings_tables_fonts_and_charts():
    data = report()
    steps = []
    doc = Document(io.BytesIO(docx_bytes(data, progress=lambda pct, text: steps.append(pct))))
    section = doc.sections[0]
    assert round(section.top_margin.mm) == 37 and round(section.bottom_margin.mm) == 35
    assert round(section.left_margin.mm) == 28 and round(section.right_margin.mm) == 26
    paragraphs = [p for p in doc.paragraphs if p.text.strip()]
    title = paragraphs[0]
    assert title.text == "青岩县基层减负赋能统筹评估报告（2025年6月）"
    assert east_asian(title.runs[0]) == TITLE_FONT and title.runs[0].font.size.pt == 22
    h1 = [p for p in paragraphs if p.text[:2] in ("一、", "二、", "三、", "四、")]
    assert [p.text for p in h1] == [
        "一、总体情况",
        "二、分项情况",
        "三、失衡预警",
        "四、计算方法与数据来源",
    ]
    assert all(east_asian(p.runs[0]) == H1_FONT for p in h1)
    h2 = [p for p in paragraphs if p.text.startswith("（")]
    assert h2 and all(east_asian(p.runs[0]) == H2_FONT and p.runs[0].font.size.pt == 16 for p in h2)
    body = next(p for p in paragraphs if p.text.startswith("本月对全县 2 个"))
    assert east_asian(body.runs[0]) == BODY_FONT and body.runs[0].font.size.pt == 16
    assert "西河乡" in body.text  # the pony pulling a big cart is named
    assert any("赋权增负" in p.text and "西河乡" in p.text for p in paragraphs)
    # tables: ranking, one per sub-score, method
    assert len(doc.tables) == 5
    ranking = doc.tables[0]
    assert [c.text for c in ranking.rows[0].cells][:2] == ["名次", "乡镇（街道）"]
    assert ranking.rows[1].cells[1].text == "东岭镇" and ranking.rows[2].cells[1].text == "西河乡"
    # each chart is an inline PNG image
    images = [r for r in doc.part.rels.values() if "image" in r.reltype]
    assert len(images) == 3 and all(r.target_part.content_type == "image/png" for r in images)
    assert len(doc.inline_shapes) == 3
    assert steps == sorted(steps) and steps[-1] == 85


def test_xlsx_appendix_has_every_figure():
    data = report()
    wb = load_workbook(io.BytesIO(xlsx_bytes(data)))
    assert wb.sheetnames == ["总表", "指标明细", "失衡预警", "计算方法"]
    summary = list(wb["总表"].iter_rows(values_only=True))
    assert summary[1][1] == "东岭镇" and summary[1][6] == data.rows[0].score.index
    details = list(wb["指标明细"].iter_rows(values_only=True))
    assert len(details) - 1 == sum(len(s.indicators) for s in data.scores)
    row = next(r for r in details if r[0] == "东岭镇" and r[2] == "人均负担工时")
    assert row[3] == 15.0 and row[11] == "/ledger/events/?township=1"
    assert list(wb["失衡预警"].iter_rows(values_only=True))[1][0] == "西河乡"


def test_xlsx_neutralises_formulas():
    data = report()
    evil = replace(data.rows[0].score, township='=HYPERLINK("http://x")')
    wb = load_workbook(io.BytesIO(xlsx_bytes(replace(data, rows=[ReportRow(evil)]))))
    assert wb["总表"]["B2"].value.startswith("'=")
