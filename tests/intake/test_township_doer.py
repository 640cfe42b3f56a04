"""Rules 3 and 4 decided by who is made the doer, not by act words alone (round 5).

A clause that makes the township the doer of the work ("由各乡组织", "各乡自行…", "直接作出…")
and names the work a 配合 item's content gives its lead is rule 3; one that names the power
only a 收回 item names is rule 4. A title naming the 配合 item's own topic act, or a clause
that only says the work is due, asks nothing of the township. Our own fictional items and
wording (a hill county's animal farms, fireworks shops and cemeteries)."""

import pytest

from jiceng.duties.items import Category, DutyItem
from jiceng.intake.acts import ActAnalyzer
from jiceng.intake.flags import FlagDetector
from jiceng.intake.screening import Screener

from .factories import make_task

B, C, R = Category.BASIC, Category.COOPERATING, Category.RETURNED

ITEMS = [
    DutyItem(
        "D-JB-01",
        B,
        "生态环境",
        "开展畜禽养殖污染日常巡查",
        "组织网格员巡查养殖场周边沟渠，发现直排问题及时劝止并上报。",
        "《畜禽规模养殖污染防治条例》",
        "乡镇",
        "乡政府组织实施",
    ),
    DutyItem(
        "D-PH-01",
        C,
        "生态环境",
        "配合开展畜禽养殖场排放监测",
        "县生态环境分局负责排放监测，乡镇提供养殖场名单并通知场主。",
        "《畜禽规模养殖污染防治条例》",
        "县生态环境分局",
        "提供养殖场名单，通知场主到场",
    ),
    DutyItem(
        "D-SH-01",
        R,
        "生态环境",
        "畜禽养殖污染环境违法行为处罚",
        "畜禽养殖场超标排放的立案处罚由县生态环境分局负责。",
        "《畜禽规模养殖污染防治条例》",
        "县生态环境分局",
        "",
    ),
    DutyItem(
        "D-JB-02",
        B,
        "应急安全",
        "开展烟花爆竹禁放宣传",
        "组织村干部在节前入户宣传烟花爆竹禁放区域和安全燃放常识。",
        "《烟花爆竹安全管理条例》",
        "乡镇",
        "乡政府组织实施",
    ),
    DutyItem(
        "D-PH-02",
        C,
        "应急安全",
        "配合开展烟花爆竹经营点执法检查",
        "县应急管理局组织执法检查，乡镇提供经营点名单并派员引导。",
        "《烟花爆竹安全管理条例》",
        "县应急管理局",
        "提供经营点名单，派员引导",
    ),
    DutyItem(
        "D-JB-03",
        B,
        "民政",
        "推进殡葬改革和散埋乱葬整治",
        "组织宣传文明祭扫，整治散埋乱葬和硬化大墓。",
        "《殡葬管理条例》",
        "乡镇",
        "乡政府组织实施",
    ),
    DutyItem(
        "D-PH-03",
        C,
        "民政",
        "配合开展公墓年检",
        "县民政局组织公墓年检，乡镇提供公墓基本情况。",
        "《殡葬管理条例》",
        "县民政局",
        "提供公墓基本情况，通知公墓负责人",
    ),
    DutyItem(
        "D-SH-03",
        R,
        "民政",
        "经营性公墓审批和年检结论认定",
        "经营性公墓设立审批、年检结论认定由县民政局负责。",
        "《殡葬管理条例》",
        "县民政局",
        "",
    ),
]

screener = Screener(ITEMS)
acts = ActAnalyzer()


def screen(body: str, title: str, sender: str) -> tuple[str, str | None, list[str]]:
    r = screener.screen(make_task(body, title=title, sender=sender))
    return r.decision.value, r.duty_item, r.flag_codes


def test_lead_work_words_come_from_the_lead_s_part_only() -> None:
    words = acts.lead_work_words(ITEMS[1])
    assert any("监测" in w for w in words)
    assert not any("名单" in w or "场主" in w for w in words)


def test_lead_s_monitoring_done_by_the_township_is_rule3() -> None:
    body = "下季度养殖场排放监测改由各乡自己组织，请按场出具监测数据，月底前交县分局。"
    assert screen(body, "养殖场排放监测安排", "县生态环境分局") == (
        "reject",
        "D-PH-01",
        ["shifting_responsibility"],
    )


def test_the_lead_monitoring_itself_is_admitted() -> None:
    body = "县生态环境分局下周到各养殖场开展排放监测，请各乡提供养殖场名单并通知场主到场。"
    assert screen(body, "养殖场排放监测安排", "县生态环境分局") == ("admit", "D-PH-01", [])


def test_a_title_naming_the_cooperating_topic_asks_nothing() -> None:
    body = "节前我局将对辖区烟花爆竹经营点开展执法检查，请各乡提供经营点名单，并派一名干部引导。"
    assert screen(body, "烟花爆竹经营点执法检查", "县应急管理局") == ("admit", "D-PH-02", [])


def test_the_same_check_pushed_onto_the_township_is_still_rule3() -> None:
    body = "节前烟花爆竹经营点执法检查由各乡组织，请对违规经营的当场立案。"
    decision, item, flags = screen(body, "烟花爆竹经营点执法检查", "县应急管理局")
    assert (decision, flags) == ("reject", ["shifting_responsibility"])


def test_returned_power_named_in_a_township_doer_clause_is_rule4() -> None:
    body = "今年公墓年检先请各乡提供公墓基本情况，年检结论认定由各乡直接作出，结果报我局备案。"
    assert screen(body, "公墓年检工作安排", "县民政局") == (
        "reject",
        "D-SH-03",
        ["shifting_responsibility"],
    )


def test_returned_power_done_first_by_the_lead_is_not_asked() -> None:
    body = "今年公墓年检请各乡提供公墓基本情况，年检结论认定后由各乡通知公墓负责人。"
    assert screen(body, "公墓年检工作安排", "县民政局") == ("admit", "D-PH-03", [])


@pytest.mark.parametrize(
    ("body", "asked"),
    [
        ("对屡次违规放养的犬主，请乡综治办直接给予警告。", True),
        ("请各村在危险路段设置安全警告标志。", False),
    ],
)
def test_a_warning_is_a_penalty(body: str, asked: bool) -> None:
    kinds = {a.kind for a in acts.asked_acts("body", body)}
    assert ("enforcement" in kinds) is asked


@pytest.mark.parametrize(
    ("body", "fires"),
    [
        ("高龄补贴由乡财政所按季度打卡发放到户。", False),
        ("请驻村干部每天早上在钉钉打卡，截图发群里。", True),
    ],
)
def test_bank_card_payment_is_not_a_check_in(body: str, fires: bool) -> None:
    codes = {f.code for f in FlagDetector().detect_text("body", body, None)}
    assert ("digital_formalism" in codes) is fires


def test_doer_marker_ignores_the_word_for_bicycles() -> None:
    assert acts.township_doer_clauses("县局统一建设电动自行车充电棚，请各乡协调选址。") == []


SIGN_ITEMS = [
    DutyItem(
        "D-JB-04",
        B,
        "平安法治",
        "建设运行村级法律服务点",
        "依托村便民服务中心为群众提供法律咨询，组织律师定期坐班。",
        "《公共法律服务体系建设规划》",
        "乡镇",
        "乡政府组织实施",
    ),
]


def test_closing_formulas_are_no_work_left_besides_the_signboard() -> None:
    """Rule 7: a notice whose only ask is a signboard stays core formalism although its
    recital and closing formulas are phrased as demands."""
    body = (
        "近年来我县公共法律服务工作取得了明显成效，但仍存在服务阵地不规范的短板。"
        "各村法律服务点要统一悬挂标准化牌子，服务制度全部上墙，下月初县局逐点验收。"
        "各乡镇要狠抓落实，务求实效，确保各项工作落到实处。"
    )
    r = Screener(SIGN_ITEMS).screen(make_task(body, title="法律服务点阵地规范", sender="县司法局"))
    assert (r.decision.value, r.flag_codes) == ("reject", ["signboard"])


def test_real_work_beside_the_signboard_is_still_revise() -> None:
    body = (
        "各村法律服务点要统一悬挂标准化牌子，服务制度全部上墙。"
        "请各乡镇安排律师每月到村坐班两次，为群众提供法律咨询。"
        "各乡镇要狠抓落实，务求实效。"
    )
    r = Screener(SIGN_ITEMS).screen(make_task(body, title="法律服务点阵地规范", sender="县司法局"))
    assert (r.decision.value, r.flag_codes) == ("revise", ["signboard"])


def test_the_township_where_it_lies_is_not_another_agent() -> None:
    """ "由所在乡…" names the township, not a body ending in 所 ("由县检测所…")."""
    body = "今年公墓年检由所在乡组织专家逐项打分，提出整改意见后报我局。"
    assert [other for _, other in acts.clause_agents(body)][0] is False
    decision, item, flags = screen(body, "公墓年检工作安排", "县民政局")
    assert (decision, flags) == ("reject", ["shifting_responsibility"])
    assert [other for _, other in acts.clause_agents("年检由县检测所组织。")][0] is True
