"""Round 6: paying for the department's work, said either way round — the cost of its technical
work or works put on the township ("维修费用由各镇负担"), or equipment the township must buy on
its own (自行购置) — while the cost of a plaque stays the signboard demand's burden."""

import pytest

from jiceng.intake.acts import ActAnalyzer
from tests.intake.factories import asked_kinds as kinds

acts = ActAnalyzer()


@pytest.mark.parametrize(
    "text",
    [
        "请各镇组织人员对辖区路灯线路排查，线路维修费用由各镇负担。",
        "今年的噪声监测由县站负责，监测所需仪器由各街道自行购置。",
        "河道清淤由县水务局施工，工程费用由所在乡镇先行承担。",
    ],
)
def test_cost_of_the_department_s_work_on_the_township_is_payment(text: str) -> None:
    assert "payment" in kinds(text)


def test_cost_of_a_plaque_is_not_payment() -> None:
    assert "payment" not in kinds("请各村悬挂调解工作室标牌，标牌制作费用由各镇承担。")


def test_working_out_each_household_s_payout_is_payment() -> None:
    text = "补贴资金已拨到镇里，请各镇按登记亩数自行核算每户补贴金额并打卡发放。"
    assert "payment" in kinds(text)


def test_verifying_the_facts_of_a_payout_is_not_payment() -> None:
    assert "payment" not in kinds("请各镇核实每户种植亩数，在村内公示补贴名单。")


def test_advancing_from_the_townships_own_account_in_chat_words():
    acts = ActAnalyzer()
    said = "各乡：补助资金还没拨下来，请先从乡里账上垫上，按名单发到农户卡上。"
    assert "payment" in {a.kind for a in acts.asked_acts("body", said)}
    padded = "各乡：请先把路基垫层铺好，再通知县局验收。"
    assert "payment" not in {a.kind for a in acts.asked_acts("body", padded)}
