"""The monthly report: DOCX in official-document layout with chart images, XLSX tables."""

import io

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from jiceng.core.models import AuditEntry
from tests.conftest import login

pytestmark = pytest.mark.django_db


def test_docx_report_has_title_headings_tables_and_images(client, imported):
    login(client, imported.user("county_admin"))
    response = client.get(reverse("ledger:report_docx") + "?month=2025-04")
    assert response.status_code == 200 and "wordprocessingml" in response["Content-Type"]
    doc = Document(io.BytesIO(response.content))
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == "测试0县基层负担监测月报（2025年4月）"
    assert doc.paragraphs[0].alignment == 1  # centred
    assert doc.paragraphs[0].runs[0].font.name == "方正小标宋简体"
    for heading in (
        "一、总体情况",
        "二、乡镇（街道）负担排名",
        "三、负担来源部门排名",
        "四、负担类型构成",
        "五、预警事项",
    ):
        assert heading in texts
    overall = next(t for t in texts if t.startswith("本月全县"))
    assert "负担事件 4 项" in overall and "15.0 小时" in overall
    assert len(doc.inline_shapes) == 2  # trend and township ranking charts
    township_table = doc.tables[0]
    assert [c.text for c in township_table.rows[0].cells][:2] == ["名次", "乡镇（街道）"]
    assert {township_table.rows[i].cells[1].text for i in (1, 2)} == {"第0镇", "第1镇"}
    assert AuditEntry.objects.filter(action="export", note__contains="DOCX").exists()


def test_xlsx_report_has_the_underlying_tables(client, imported):
    login(client, imported.user("observer"))
    response = client.get(reverse("ledger:report_xlsx") + "?month=2025-03")
    wb = load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames == ["月度趋势", "乡镇排名", "部门排名", "类型构成", "预警"]
    trend = list(wb["月度趋势"].iter_rows(values_only=True))
    assert trend[0] == ("月份", "工时", "正式渠道", "非正式渠道", "事件数")
    assert trend[1] == ("2025-03", 11.0, 10.0, 1.0, 6)
    depts = {r[1]: r[2] for r in list(wb["部门排名"].iter_rows(values_only=True))[1:]}
    assert depts == {"县第0局": 5.0, "县第1局": 6.0}


def test_township_clerk_report_covers_own_township_only(client, imported):
    login(client, imported.user("township_clerk", 0, 1))
    wb = load_workbook(
        io.BytesIO(client.get(reverse("ledger:report_xlsx") + "?month=2025-03").content)
    )
    towns = [r[1] for r in list(wb["乡镇排名"].iter_rows(values_only=True))[1:]]
    assert towns == ["第1镇"]
    doc = Document(io.BytesIO(client.get(reverse("ledger:report_docx") + "?month=2025-03").content))
    assert doc.paragraphs[0].text == "测试0县第1镇基层负担监测月报（2025年3月）"


def test_charts_fall_back_without_a_cjk_font(client, imported, monkeypatch):
    from jiceng.ledger import reports

    monkeypatch.setattr(reports, "cjk_font", lambda: None)
    login(client, imported.user("county_admin"))
    doc = Document(io.BytesIO(client.get(reverse("ledger:report_docx") + "?month=2025-04").content))
    assert len(doc.inline_shapes) == 2
    assert any("图中编号为表中名次" in p.text for p in doc.paragraphs)
