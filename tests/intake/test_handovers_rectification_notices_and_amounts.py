"""Wording met in H29 (studied after its blind score), in our own text: a handover list signed by
both sides is the transfer's own record, not a trace; serving a rectification notice (下达整改
通知书) is the department's enforcement; working out each household's amount first (先核算一下
每户的金额) is the paying department's decision."""

from jiceng.intake.screening import Screener
from tests.intake.factories import ITEMS, asked_kinds, make_task


def test_a_handover_list_signed_by_both_sides_is_no_trace():
    body = "请各乡按要求整理到期档案，填写档案移交清单，移交清单须经双方签字盖章。"
    codes = Screener(ITEMS).screen(make_task(body)).flag_codes
    assert "excessive_traces" not in codes


def test_serving_a_rectification_notice_is_enforcement():
    body = "请各乡对辖区加油站逐站检查，对发现的隐患向站方下达整改通知书并跟踪整改。"
    assert "enforcement" in asked_kinds(body)


def test_working_out_each_households_amount_first_is_the_payers_decision():
    body = "补助资金已拨到乡财政所，辛苦乡里先核算一下每户的金额，直接打到户主卡上。"
    assert "payment" in asked_kinds(body)
