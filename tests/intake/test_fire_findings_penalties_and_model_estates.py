"""Wording met in H30 (studied after its blind score), in our own text: finding a fire's cause and
the finding on it are the fire service's enforcement, and between two returned items of the
service the one naming the act asked is the item (a penalty word names the penalty power); a
campaign the sender decided "为贯彻落实…" asks no work of its own; model estates to apply for,
a report "在群里报一下" and a photo of each person are formalism."""

from jiceng.duties.items import Category, DutyItem
from jiceng.intake.screening import Screener
from tests.intake.factories import ITEMS, asked_kinds, flags_of, make_task

FIRE = [
    DutyItem(
        "F-SH-11",
        Category.RETURNED,
        "消防安全",
        "消防监督检查和行政处罚",
        "县消防救援大队对单位和场所实施消防监督检查并依法处罚。",
        "《中华人民共和国消防法》",
        "县消防救援大队",
        "",
    ),
    DutyItem(
        "F-SH-12",
        Category.RETURNED,
        "消防安全",
        "火灾事故调查",
        "县消防救援大队调查火灾原因，统计火灾损失。",
        "《中华人民共和国消防法》",
        "县消防救援大队",
        "",
    ),
    DutyItem(
        "F-PH-11",
        Category.COOPERATING,
        "消防安全",
        "火灾事故善后",
        "火灾发生后县消防救援大队负责火灾调查，乡镇负责善后。",
        "《中华人民共和国消防法》",
        "县消防救援大队",
        "协助安置受灾群众，做好善后和矛盾调处。",
    ),
    # the factory list without its own fire-safety items
    *[item for item in ITEMS if item.domain != "应急管理"],
]


def screen(body: str, sender: str = "县消防救援大队"):
    return Screener(FIRE).screen(make_task(body, sender=sender))


def test_finding_a_fires_cause_is_the_fire_services_enforcement():
    assert "enforcement" in asked_kinds("请各乡牵头对该起火灾进行调查，查明起火原因。")
    assert "enforcement" in asked_kinds("请各乡形成火灾事故认定材料报大队。")


def test_the_returned_item_naming_the_act_asked_is_the_item():
    fire = "城西村一出租屋上周失火。请你乡牵头对这起火灾进行调查，查明起火原因，核实受灾损失。"
    result = screen(fire)
    assert (result.duty_item, result.decision.value) == ("F-SH-12", "reject")
    fine = "对排查发现火灾隐患的门店，请你乡直接作出罚款决定，执法文书由大队提供。"
    assert screen(fine).duty_item == "F-SH-11"


def test_a_campaign_decided_to_carry_out_a_higher_plan_asks_no_work():
    body = (
        "各乡人民政府：为贯彻落实上级部署，县爱卫办决定在全县开展村庄保洁承诺签约活动。"
        "请各乡组织村干部逐户上门，与农户签订《村庄保洁和房前屋后卫生承诺书》。"
        "各乡主要负责人要与县爱卫会签订村庄环境卫生整治目标责任状，考核实行一票否决。"
    )
    assert Screener(ITEMS).screen(make_task(body)).decision.value == "reject"


def test_model_estates_to_apply_for_are_a_creation_activity():
    body = "县局今年推动红色物业建设，每个乡至少申报2个示范小区，月底前报送材料。"
    assert "creation_activity" in flags_of(body)


def test_a_report_in_the_group_is_digital_formalism():
    body = "请各乡组织清理村庄垃圾，每天下班前在群里报一下当天清运了几车。"
    assert "digital_formalism" in flags_of(body)


def test_a_photo_of_each_person_is_a_trace():
    body = "请各乡通知老人按时体检，体检时须为每位到场老人拍摄现场照片。"
    assert "excessive_traces" in flags_of(body)
