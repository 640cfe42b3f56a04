"""Label rule 3 beyond enforcement: the township asked to take the decision the 配合 item's own
content gives to its lead department, or to pay, buy or contract for the lead's work."""

from jiceng.duties.items import Category, DutyItem
from jiceng.intake.acts import ActAnalyzer
from jiceng.intake.screening import Screener

from .factories import make_task

B, C, R = Category.BASIC, Category.COOPERATING, Category.RETURNED

ITEMS = [
    DutyItem(
        "L-JB-01",
        B,
        "交通",
        "农村公路日常养护和路域环境整治",
        "组织村级开展农村公路日常保洁、路肩清理和路域环境整治。",
        "《公路法》",
        "乡镇",
        "乡政府负责组织实施",
    ),
    DutyItem(
        "L-PH-01",
        C,
        "交通",
        "配合排查农村危桥",
        "县交通运输局负责危桥技术鉴定、等级认定和维修加固。",
        "《公路安全保护条例》",
        "县交通运输局",
        "组织村干部排查辖区桥梁病害，发现危桥及时设置临时警示并报告。",
    ),
    DutyItem(
        "L-PH-02",
        C,
        "农业农村",
        "配合开展小麦赤霉病统防统治",
        "县农业农村局负责病情监测、防治方案和药剂招标。",
        "《农作物病虫害防治条例》",
        "县农业农村局",
        "组织发动农户，落实防治地块，协助统计防治面积。",
    ),
    DutyItem(
        "L-SH-01",
        R,
        "交通",
        "公路路政许可和超限运输处罚",
        "公路路政许可审批，查处超限超载运输违法行为。",
        "《公路法》",
        "县交通运输局",
        "",
    ),
]

screener = Screener(ITEMS)
acts = ActAnalyzer()


def test_lead_decision_asked_of_the_township_is_found() -> None:
    body = "请各乡对排查出的桥梁自行组织鉴定并认定危桥等级，于月底前报送。"
    found = acts.lead_decisions("body", body, ITEMS[1])
    assert {a.evidence for a in found} == {"鉴定", "认定"}
    assert all(body[a.start : a.end] == a.evidence for a in found)


def test_lead_decision_left_to_the_lead_is_not_asked() -> None:
    body = "请各乡排查辖区桥梁病害并报告，危桥等级由县交通运输局鉴定认定。"
    assert acts.lead_decisions("body", body, ITEMS[1]) == []


def test_township_determining_the_lead_s_matter_is_rule3() -> None:
    task = make_task(
        "近期汛情导致部分桥梁受损。请各乡对辖区桥梁逐座排查，自行组织评估并认定危桥等级，"
        "对认定的危桥落实维修加固。",
        title="关于开展农村危桥排查的通知",
        sender="县交通运输局",
    )
    r = screener.screen(task)
    assert (r.decision.value, r.duty_item, r.flag_codes) == (
        "reject",
        "L-PH-01",
        ["shifting_responsibility"],
    )
    assert any("规则3" in x for x in r.reasons)


def test_township_buying_for_the_lead_is_rule3() -> None:
    task = make_task(
        "今年小麦赤霉病防治药剂县里不再统一招标，请各乡自行采购药剂，作业费用由乡财政先行支付，"
        "并组织农户落实防治地块。",
        title="关于做好小麦赤霉病统防统治的通知",
        sender="县农业农村局",
    )
    r = screener.screen(task)
    assert (r.decision.value, r.duty_item, r.flag_codes) == (
        "reject",
        "L-PH-02",
        ["shifting_responsibility"],
    )


def test_the_cooperating_role_alone_is_admitted() -> None:
    task = make_task(
        "请各乡组织农户落实赤霉病防治地块，协助统计防治面积，药剂由县局统一招标配送。",
        title="关于做好小麦赤霉病统防统治的通知",
        sender="县农业农村局",
    )
    r = screener.screen(task)
    assert (r.decision.value, r.duty_item, r.flag_codes) == ("admit", "L-PH-02", [])
