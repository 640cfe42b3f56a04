"""Round 37: a minimum sum per head, a count allotted to the township or a village, things each
cadre must buy by number and crowds brought by the dozen are forced apportionment; reporting
"every N days" and a frequency the notice says it changes are compared with the level above; the
township's own office is no stranger to the list, and a sender leading a topic filed under another
domain is no stranger to that topic. Our own wording."""

import pytest

from jiceng.intake.screening import Screener

from .factories import RIVER_CLEANING, B, C, escalates, flags_of, make_item, many_lead_items


@pytest.mark.parametrize(
    "body",
    [
        "本次献爱心活动，在编人员每人不少于150元，由各乡统一收齐上交县慈善会。",
        "县里给本乡分800户的手机银行开户任务，月底前完成。",
        "为支持苗圃建设，每名乡村干部须认购10本林业知识读本，每本15元。",
        "开幕式当天请各乡组织100名村民着节日盛装到场观礼。",
    ],
)
def test_levies_allotments_purchases_and_crowds_are_apportioned(body: str) -> None:
    assert "forced_apportionment" in flags_of(body)


@pytest.mark.parametrize(
    "body",
    [
        "困难老人冬季取暖补助每人不低于500元，请各乡按名单核实后报县民政局发放。",
        "竣工验收当天，请每个村推荐1名村民代表到场参与评议。",
    ],
)
def test_a_payout_standard_and_a_procedures_representatives_are_not(body: str) -> None:
    assert "forced_apportionment" not in flags_of(body)


def test_every_few_days_is_more_often_than_twice_a_month() -> None:
    up = "秋收进度每半月报送一次"
    assert escalates("从下周起改为3天一报，逢3逢6上午把秋收进度报县统计局。", up)
    assert not escalates("请各乡每半月把秋收进度报县统计局。", up)


def test_a_frequency_the_notice_changes_is_compared_with_the_one_it_changes() -> None:
    up = "护林员每月巡山至少1次"
    assert escalates("上级要求护林员每月巡山至少1次，我们决定调整为每周2次。", up)
    assert not escalates("护林员仍按每月巡山至少1次执行，巡山后填写记录。", up)


def _list_with_many_leads() -> list:
    """A list naming enough lead departments for the stranger tests to apply."""
    items = many_lead_items()
    items.append(
        make_item(
            "G-PH-01",
            C,
            "住建",
            "液化气用户摸排配合",
            "县住房和城乡建设局组织液化气用户安全检查。",
            "县住房和城乡建设局",
            "摸排用户底数；不负责入户安检。",
        )
    )
    items.append(
        make_item(
            "G-JB-01",
            B,
            "应急管理",
            "燃气安全进户宣讲",
            "组织网格员上门宣传燃气使用安全常识。",
            "乡镇",
        )
    )
    items.append(RIVER_CLEANING)
    return items


def test_the_townships_own_office_is_no_stranger_to_its_list() -> None:
    items = _list_with_many_leads()
    matcher = Screener(items).matcher
    basic = next(i for i, item in enumerate(items) if item.id == "G-JB-01")
    assert matcher._stranger_threshold("县档案馆", basic) is not None
    assert matcher._stranger_threshold("青禾镇党建工作办公室", basic) is None
    assert matcher._stranger_threshold("县公安局青禾派出所", basic) is not None


def test_a_sender_leading_the_topic_under_another_domain_is_no_stranger_to_it() -> None:
    items = _list_with_many_leads()
    matcher = Screener(items).matcher
    basic = next(i for i, item in enumerate(items) if item.id == "G-JB-01")
    assert matcher._stranger_threshold("县住房和城乡建设局", basic) is None
    assert matcher._stranger_threshold("县民政局", basic) is not None
