"""Long notices whose ask is buried among recitals and boilerplate, and loose chat messages."""

import pytest

from jiceng.intake.acts import ActAnalyzer
from jiceng.intake.screening import Screener

from .factories import ITEMS, make_task

RECITALS = (
    "近年来，全省各地认真贯彻落实上级决策部署，取得了明显成效，但也要清醒看到，部分地方工作"
    "基础薄弱、发展不平衡不充分的问题依然存在，群众反映较多，上级督导中也指出了相关问题。"
)
BOILERPLATE = (
    "各单位要高度重视，切实把思想和行动统一到上级部署上来，压实工作责任，形成工作合力，"
    "确保各项任务落地见效。工作中遇到的重大问题请及时报告。"
)


@pytest.fixture(scope="module")
def screener() -> Screener:
    return Screener(ITEMS)


def test_sentence_roles() -> None:
    acts = ActAnalyzer()
    assert acts.sentence_role(BOILERPLATE.split("。")[0]) == "boilerplate"
    assert acts.sentence_role("县卫生健康局将组织专家开展巡回指导。") == "agent"
    assert acts.sentence_role("请各乡组织村干部对独居老人上门巡访。") == "ask"


def test_buried_ask_of_a_long_notice_is_matched(screener: Screener) -> None:
    body = (
        RECITALS * 2
        + "县卫生健康局将继续做好筛查机构的质量控制。"
        + "现请各乡通知辖区适龄妇女按排定日期参加宫颈癌、乳腺癌免费筛查，并协助卫生院做好现场组织。"
        + BOILERPLATE * 2
    )
    assert len(body) > 300
    r = screener.screen(
        make_task(body, title="关于做好年度两癌筛查工作的通知", sender="县卫生健康局")
    )
    assert (r.decision.value, r.duty_item) == ("admit", "F-PH-03")


def test_boilerplate_alone_does_not_reach_an_item(screener: Screener) -> None:
    body = RECITALS + "请各乡统计辖区内快递网点的日均收发件量，填表报送县商务局。" + BOILERPLATE
    r = screener.screen(make_task(body, title="关于统计快递网点业务量的通知", sender="县商务局"))
    assert (r.decision.value, r.duty_item, r.category) == ("reject", None, "none")


def test_returned_item_naming_the_asked_act_takes_precedence(screener: Screener) -> None:
    body = (
        "@各乡 对前期摸排上报的养殖场粪污直排线索，请各乡直接开展执法检查，"
        "对查实的依法实施行政处罚，处罚决定书本月底前发群里。"
    )
    r = screener.screen(
        make_task(body, title="（工作群）养殖粪污直排处置", sender="县生态环境分局")
    )
    assert (r.decision.value, r.duty_item, r.category) == ("reject", "F-SH-01", "returned")
    assert "shifting_responsibility" in r.flag_codes


def test_department_acting_itself_leaves_the_cooperating_role_admitted(
    screener: Screener,
) -> None:
    body = (
        "近期个别养殖户夜间偷排粪污，群众意见较大。我分局将组织执法人员开展夜查，依法查处偷排行为。"
        "请各乡摸清辖区养殖场户底数，发现粪污直排线索及时报告，查处时请乡里派人协助做好群众工作。"
    )
    r = screener.screen(
        make_task(body, title="关于配合查处畜禽粪污偷排的函", sender="县生态环境分局")
    )
    assert (r.decision.value, r.duty_item, r.category) == ("admit", "F-PH-01", "cooperating")
