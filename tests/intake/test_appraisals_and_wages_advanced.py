"""An appraisal made item by item ("逐株鉴定树种"), an expert opinion the township is to sign
("签署鉴定意见") and wages advanced from its own budget ("从镇财政先拿钱把工资垫上") are a
department's professional work and paying on its behalf (label rule 3). Our own wording."""

from .factories import asked_kinds


def test_appraising_item_by_item_and_signing_the_opinion_are_professional():
    assert "professional" in asked_kinds("请各乡对登记的古井逐处鉴定年代。")
    assert "professional" in asked_kinds("请各乡填写调查表并签署鉴定意见后报我局。")


def test_signing_for_receipt_is_not():
    assert "professional" not in asked_kinds("请各乡通知户主在鉴定报告送达回执上签字。")


def test_wages_advanced_from_the_township_budget_are_paying():
    assert "payment" in asked_kinds("请乡里从乡财政先拿钱把二十名工人的工资垫上。")
    assert "payment" in asked_kinds("请乡里先把拖欠的工资垫上，事后再结算。")
