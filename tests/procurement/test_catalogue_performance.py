import io

import pytest
from openpyxl import Workbook

from jiceng.errors import InputErrors
from jiceng.procurement.catalogue import read_catalogue
from jiceng.procurement.performance import dimensions, score_review


def xlsx(rows) -> bytes:
    wb = Workbook()
    for row in rows:
        wb.active.append(list(row))
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def test_catalogue_reads_positive_and_negative_items():
    data = xlsx(
        [
            ["某县政府购买服务指导性目录（2025年版）"],
            ["目录编码", "一级目录", "项目名称", "具体内容", "清单类型", "备注"],
            ["A01", "公共服务", "居家养老服务", "助餐助浴", "正面", ""],
            ["B01", "", "协管员岗位", "设置协管员", "负面", "人员聘用"],
        ]
    )
    entries = read_catalogue(data, "目录.xlsx")
    assert [(e.code, e.negative) for e in entries] == [("A01", False), ("B01", True)]
    assert entries[1].reason == "人员聘用"


def test_positive_item_in_a_national_negative_class_is_refused_and_nothing_imported():
    data = xlsx(
        [
            ["编码", "服务项目", "服务内容", "清单类型"],
            ["A01", "居家养老服务", "助餐助浴", "正面"],
            ["A02", "窗口人员劳务派遣", "派遣窗口人员", "正面"],
            ["A01", "重复", "", "正面"],
            ["A03", "保洁", "", "也许"],
        ]
    )
    with pytest.raises(InputErrors) as caught:
        read_catalogue(data, "目录.xlsx")
    text = str(caught.value)
    assert "第 3 行" in text and "劳务派遣" in text and "财政部令第102号" in text
    assert "第 4 行" in text and "重复" in text
    assert "第 5 行" in text and "清单类型" in text


def test_review_score_is_weighted_and_rated():
    marks = dict.fromkeys(dimensions(), 100)
    assert score_review(marks).score == 100 and score_review(marks).rating == "优秀"
    marks = dict.fromkeys(dimensions(), 50)
    assert score_review(marks).rating == "不合格"
    marks = {"quantity": 90, "quality": 80, "timeliness": 70, "cost": 60, "satisfaction": 100}
    assert score_review(marks).score == pytest.approx(
        90 * 0.2 + 80 * 0.3 + 70 * 0.15 + 60 * 0.1 + 100 * 0.25, abs=0.05
    )
    with pytest.raises(ValueError, match="打分"):
        score_review({"quality": 90})
    with pytest.raises(ValueError, match="0 到 100"):
        score_review({**dict.fromkeys(dimensions(), 90), "cost": 120})
