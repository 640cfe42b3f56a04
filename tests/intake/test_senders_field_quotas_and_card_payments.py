"""Round 38: a 基本 winner outside the sender's field gives way to the sender's own candidate
before the stranger cut; a department-only act under another domain's 基本 item is the sender's
own 配合 work; paying into a bank card is no check-in; reporting "每天报。", frequencies the
notice rules out and minimum counts of things are compared with the level above; drawing blood
farm by farm, a grading opinion, reckoning losses and amounts due are acts. Our own wording."""

import numpy as np
import pytest

from jiceng.intake.precedence import cooperating_over_unlicensed
from jiceng.intake.screening import Screener

from .factories import (
    RIVER_CLEANING,
    B,
    C,
    asked_kinds,
    escalates,
    flags_of,
    make_item,
    make_task,
    many_lead_items,
)

# the brigade's 配合 item (应急管理) beside the township's own lodger-registration duty (基层治理)
FIRE_CHECKS = make_item(
    "F-PH-01",
    C,
    "应急管理",
    "配合消防监督抽查",
    "县消防救援大队对群租房和沿街门店开展消防监督抽查。",
    "县消防救援大队",
    "提供群租房清单，派员带路并督促房东整改；不实施监督检查，不作出罚款决定。",
)
LODGERS = make_item(
    "F-JB-01",
    B,
    "基层治理",
    "群租房住户信息登记",
    "组织网格员上门登记群租房房东和住户信息，住户进出随时更新名单。",
    "乡镇",
)


def _fire_list() -> list:
    return [*many_lead_items(), FIRE_CHECKS, LODGERS, RIVER_CLEANING]


def test_the_senders_own_candidate_takes_the_place_of_a_winner_outside_its_field() -> None:
    task = make_task(
        "下周我们到南岗、北岗两个村查群租房，请镇里周五前把两村群租房住户名单发过来，"
        "检查那天请安排一名熟悉村里的网格员带路，发现的问题请镇里督促房东整改。",
        title="下周查群租房请派人带路",
        sender="县消防救援大队",
    )
    matcher = Screener(_fire_list()).matcher
    parts = matcher.query_parts(task)
    raw = matcher._raw(parts, matcher._bag(parts))
    lodgers, checks = (
        next(i for i, it in enumerate(matcher.items) if it is x) for x in (LODGERS, FIRE_CHECKS)
    )
    assert raw[lodgers] > raw[checks]  # retrieval alone prefers the township's registration duty
    result = Screener(_fire_list()).screen(task)
    assert result.duty_item == "F-PH-01"
    assert any("职责范围内" in r for r in result.reasons)


def test_a_stranger_cut_still_sets_aside_a_notice_with_no_candidate_in_the_senders_field() -> None:
    task = make_task(
        "请各镇安排网格员上门登记群租房住户信息，住户搬走的随时从名单里删掉，名单每季度报一次。",
        title="关于群租房住户登记的通知",
        sender="县消防救援大队",
    )
    matcher = Screener(_fire_list()).matcher
    order = np.arange(len(matcher.items))
    adjusted = np.zeros(len(matcher.items))
    lodgers = matcher.items.index(LODGERS)
    adjusted[lodgers] = 1.0
    _, fits = matcher._sender_fit(task.from_department)
    assert matcher._senders_field(task.from_department, lodgers, order, adjusted, fits) == -1


def test_the_senders_field_candidate_needs_a_share_of_the_winner() -> None:
    matcher = Screener(_fire_list()).matcher
    lodgers, checks = matcher.items.index(LODGERS), matcher.items.index(FIRE_CHECKS)
    order = np.array([lodgers, checks])
    _, fits = matcher._sender_fit("县消防救援大队")
    share = matcher.policy["senders_field_ratio"]
    adjusted = np.zeros(len(matcher.items))
    adjusted[lodgers], adjusted[checks] = 1.0, share + 0.01
    assert matcher._senders_field("县消防救援大队", lodgers, order, adjusted, fits) == checks
    adjusted[checks] = share - 0.01
    assert matcher._senders_field("县消防救援大队", lodgers, order, adjusted, fits) == -1


def test_an_unlicensed_act_under_another_domains_basic_item_is_the_senders_own_work() -> None:
    parcels = make_item("P-JB-01", B, "市场监管", "快递网点底数登记", "登记辖区快递网点。", "乡镇")
    post = make_item(
        "P-PH-01",
        C,
        "邮政快递",
        "配合寄递安全检查",
        "县邮政管理局检查寄递企业。",
        "县邮政管理局",
        "提供网点清单，派员陪同；不实施检查，不作出处罚。",
    )
    items = [parcels, post]
    order, adjusted = np.array([0, 1]), np.array([0.40, 0.36])
    fits = [None, True]
    # the sender leads no item of the 基本 item's domain: the 配合 item of its own domain stands
    assert (
        cooperating_over_unlicensed(
            0, order, adjusted, items=items, fits=fits, ratio=0.7, led=frozenset({"邮政快递"})
        )
        == 1
    )
    # a sender leading items of that domain too keeps the 基本 item of that domain
    assert (
        cooperating_over_unlicensed(
            0,
            order,
            adjusted,
            items=items,
            fits=fits,
            ratio=0.7,
            led=frozenset({"邮政快递", "市场监管"}),
        )
        == 0
    )


@pytest.mark.parametrize(
    "body",
    [
        "赔偿款算好后由乡财政所打卡发给受损户，名册报县里。",
        "护林员工资按月打卡支付，不发现金。",
    ],
)
def test_paying_into_a_bank_card_is_no_check_in(body: str) -> None:
    assert "digital_formalism" not in flags_of(body)


def test_checking_in_on_an_app_still_is() -> None:
    assert "digital_formalism" in flags_of("护林员每天在巡护APP上打卡两次，未打卡的通报。")


def test_a_bare_report_at_the_end_of_a_sentence_is_a_report() -> None:
    up = "每周报送一次河道保洁情况"
    assert escalates("市里是每周报一次保洁情况，县里定为各镇每天报。", up)
    assert not escalates("市里是每周报一次保洁情况，县里也是各镇每周报。", up)


def test_a_frequency_the_notice_rules_out_is_no_requirement() -> None:
    up = "每月报送一次河道保洁情况"
    assert not escalates("请各镇每月底前报一次当月保洁汇总表，不另设周报、日报。", up)
    assert not escalates("请各镇每月底前报送一次当月保洁汇总表，无需每天报送。", up)
    assert escalates("请各镇每周报一次保洁汇总表。", up)


def test_a_higher_minimum_count_of_the_same_thing_is_a_higher_quota() -> None:
    up = "每个镇储备沙袋不少于1500只、抽水泵不少于2台"
    assert escalates("请各镇6月底前储备沙袋不少于3000只、抽水泵不少于2台。", up)
    assert not escalates("请各镇6月底前储备沙袋不少于1500只、抽水泵不少于2台。", up)
    # another thing counted in the same unit is no comparison
    assert not escalates(
        "请各镇储备沙袋不少于1500只，另备铁锹不少于3000只。", "沙袋不少于1500只、铁锹不少于10000只"
    )


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("请各镇组织防疫员对散养羊群逐群采血，送县中心化验。", "professional"),
        ("请乡卫生院看过之后给出伤残等级意见，报县残联。", "professional"),
        ("请镇里派人到田里核算每户损失，报县局备案。", "professional"),
        ("请各镇逐户核算应发金额，造册后报我局拨付。", "payment"),
        ("请镇里先定下每户赔偿金额，名单报县局。", "payment"),
    ],
)
def test_blood_drawing_grading_opinions_losses_and_amounts_are_acts(text: str, kind: str) -> None:
    assert kind in asked_kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "县血站采血车周六停在镇政府门口，请动员群众自愿献血。",
        "县里专家组下周到村采血，请镇里通知养殖户把羊圈好。",
    ],
)
def test_blood_drawn_by_others_is_no_act_of_the_township(text: str) -> None:
    assert "professional" not in asked_kinds(text)
