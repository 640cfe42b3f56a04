"""Wording met in H26 (studied after its blind score), in our own text: what the lead's inspection
found ("检查发现的隐患由街道跟踪整改") is no lead work pushed down; the sender by the short form of
its name ("中队定于…组织强制拆除") acts itself; a letter's title naming an act (…强制拆除的工作联系函)
names its topic; the same data entered in two systems is digital formalism."""

from jiceng.duties.items import Category, DutyItem
from jiceng.intake.screening import Screener
from tests.intake.factories import ITEMS, asked_kinds, make_task

SHOPS = [
    DutyItem(
        "S-PH-01",
        Category.COOPERATING,
        "消防安全",
        "沿街小商铺消防安全检查",
        "县消防救援大队组织对沿街小商铺开展消防安全检查。",
        "《中华人民共和国消防法》",
        "县消防救援大队",
        "提供商铺名单，派员陪同检查，跟踪督促一般隐患整改。",
    ),
    *ITEMS,
]


def test_what_the_leads_inspection_found_is_no_lead_work_pushed_down():
    body = (
        "大队下周对沿街小商铺开展消防安全检查，请各乡把商铺名单发我，检查当天派人陪同，"
        "检查发现的一般隐患由各乡跟踪督促整改。"
    )
    result = Screener(SHOPS).screen(make_task(body, sender="县消防救援大队"))
    assert (result.duty_item, result.decision.value) == ("S-PH-01", "admit")


def test_the_sender_by_its_short_name_acts_itself():
    body = "该处违建已下达限期拆除决定，中队定于下周三组织强制拆除，请各乡拆除当天派人维持秩序。"
    assert "enforcement" not in asked_kinds(body)


def test_a_letters_title_naming_an_act_names_its_topic():
    assert asked_kinds("关于城西村违建强制拆除的工作联系函", field="title") == set()
    assert asked_kinds("请各乡对城西村违建组织强制拆除", field="title") == {"enforcement"}


def test_the_same_data_entered_in_two_systems_is_digital_formalism():
    body = "新系统已上线，旧系统暂不停用，两个系统的走访记录请同步录入，月底比对。"
    codes = Screener(ITEMS).screen(make_task(body)).flag_codes
    assert "digital_formalism" in codes
