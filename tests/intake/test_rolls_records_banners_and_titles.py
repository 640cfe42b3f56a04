"""Round 39: a refused act's word naming a document of the work ("发放清册") names no act; a
banner's (旗) or league's (盟) body taking the work is another agent; handing out a payment and
inspection records are acts, a bank's collection channel, an invoice and a refused hand-out are
not; a cooperating item's refused acts are its topic when a notice says others do them; quotas
set as 指标N人, app points ranked, room plates and display rooms, titles put up for selection.
Our own wording."""

import pytest

from jiceng.intake.screening import Screener

from .factories import RIVER_CLEANING, C, asked_kinds, flags_of, make_item, make_task

SUBSIDY_ROLL = make_item(
    "K-PH-01",
    C,
    "林草",
    "护林补助兑付配合",
    "县财政局按年度将护林补助通过惠民一卡通发放到户。",
    "县财政局",
    "汇总核对补助名册并在村公示；不负责资金核定、拨付和一卡通发放",
)


def _contract(body: str, sender: str = "县财政局") -> dict:
    task = make_task(body, sender=sender, title="关于护林补助兑付的通知")
    return Screener([SUBSIDY_ROLL, RIVER_CLEANING]).screen(task).to_contract()


def test_checking_a_payment_roll_is_not_making_the_payment() -> None:
    result = _contract(
        "请镇里逐户核对护林补助发放清册中的户名、一卡通账号和金额，在村务公开栏公示7天。"
    )
    assert result["decision"] == "admit"
    assert result["duty_item"] == "K-PH-01"


def test_handing_out_the_payment_still_is() -> None:
    result = _contract("今年护林补助请镇里自行通过一卡通发放到护林员手中，发完报个数。")
    assert result["decision"] == "reject"
    assert "shifting_responsibility" in result["flags"]


def test_a_banners_office_taking_the_work_leaves_it_out_of_the_townships_asks() -> None:
    acts = Screener([RIVER_CLEANING]).acts
    text = "请镇里通知应征青年到旗医院参加体检。合格与否由旗里的征兵办负责认定。"
    own = " ".join(c.text for c in acts.own_asks(text))
    assert "合格与否" not in own
    assert "通知应征青年" in own


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("这个季度的残疾人补贴请由镇里代发。", "payment"),
        ("请乡里去各家小饭馆看一遍，现场检查笔录填好后交我局。", "enforcement"),
        ("请镇里联系家属，把去世后多领的养老金催退回来。", "enforcement"),
        ("请村防疫员直接在系统里给出栏的羊开具合格证。", "professional"),
    ],
)
def test_cash_handed_out_inspection_records_recovered_overpayments_and_certificates(
    text: str, kind: str
) -> None:
    assert kind in asked_kinds(text)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("请村里告诉群众可以用银行代缴等渠道交费。", "payment"),
        ("补助资金由县财政直接拨付到户，乡镇不经手、不代发。", "payment"),
        ("请收齐养殖户买种羊的发票和合格证，核对后张榜。", "professional"),
    ],
)
def test_a_banks_channel_a_refused_hand_out_and_an_invoice_are_not(text: str, kind: str) -> None:
    assert kind not in asked_kinds(text)


def test_an_ones_card_payment_delayed_is_no_check_in() -> None:
    assert "digital_formalism" not in flags_of(
        "因一卡通系统切换，本季度困难群众补贴暂时不能打卡，请各村通知到户。"
    )


def test_a_cooperating_items_refused_acts_are_its_topic() -> None:
    screening = make_item(
        "M-PH-01",
        C,
        "卫生健康",
        "重点人群筛查配合",
        "县疾控中心对重点人群开展筛查。",
        "县疾病预防控制中心",
        "通知对象按时到点；不负责采血检测和诊断",
    )
    matcher = Screener([screening, RIVER_CLEANING]).matcher
    assert {"采血", "检测"} <= matcher.topics[0]


def test_a_quota_set_as_an_indicator_is_apportioned() -> None:
    assert "forced_apportionment" in flags_of("今年下达你镇志愿服务报名指标15人，年底考核。")


def test_app_points_ranked_are_digital_formalism() -> None:
    assert "digital_formalism" in flags_of(
        "各村干部在“乡村之声”客户端的学习积分，县里每月排名公布。"
    )


@pytest.mark.parametrize(
    "body",
    [
        "请各村调解室统一悬挂门牌和三块制度牌，下月底前到位。",
        "请在镇应急队营房布置荣誉展室，月底前完成。",
    ],
)
def test_room_plates_and_display_rooms_are_signboards(body: str) -> None:
    assert "signboard" in flags_of(body)


def test_house_number_plates_are_not() -> None:
    assert "signboard" not in flags_of("请各村核对新建农房的门牌号，安装村门牌，月底前完成。")


@pytest.mark.parametrize(
    "body",
    [
        "县里决定开展“整洁农家”“幸福小院”评选，请各村推荐候选户。",
        "对验收合格的村，县里授予“生态宜居村”称号。",
    ],
)
def test_titles_put_up_for_selection_are_a_creation_activity(body: str) -> None:
    assert "creation_activity" in flags_of(body)
