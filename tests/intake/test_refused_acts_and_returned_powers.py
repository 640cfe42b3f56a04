"""Round 35: what a 配合 item's role refuses the township ("不确定…", "不分配…") and a notice asks of
it anyway is the lead's core job (rule 3), or the returned power when a 收回 item of the same
lead names that act (rule 4); a 收回 neighbour's own power asked of the township takes a 配合
winner's place; a chat message's title frame is no group demand; a report of patrol records is a
report, not a patrol. Our own wording."""

from jiceng.intake.records import Upstream
from jiceng.intake.screening import Screener

from .factories import RIVER_CLEANING, B, C, R, make_item, make_task

MACHINE_SCRAPPING = [
    make_item(
        "M-PH-01",
        C,
        "农业农村",
        "报废农机回收现场配合",
        "县农机中心组织报废农机回收，按规定拨付报废补贴。",
        "县农机中心",
        "通知机主按时到回收点交机，核对机具铭牌；不确定补贴额度，不办理回收手续。",
    ),
    make_item(
        "M-JB-01",
        B,
        "农业农村",
        "农机驾驶安全宣传",
        "组织农机手学习安全操作规程，劝阻无牌无证驾驶拖拉机。",
        "乡镇",
    ),
    RIVER_CLEANING,
]

RENTAL_HOUSING = [
    make_item(
        "P-PH-01",
        C,
        "住房保障",
        "公共租赁住房申请入户核查配合",
        "县住房和城乡建设局审核公共租赁住房申请，组织配租。",
        "县住房和城乡建设局",
        "入户核查申请家庭住房和收入情况并张榜公示；不确定配租房源，不分配房号。",
    ),
    make_item(
        "P-SH-01",
        R,
        "住房保障",
        "公共租赁住房配租和房号分配",
        "按轮候顺序确定配租家庭，组织摇号分配房号并签订租赁合同。",
        "县住房和城乡建设局",
    ),
    RIVER_CLEANING,
]

DILAPIDATED_HOUSES = [
    make_item(
        "D-PH-01",
        C,
        "住房保障",
        "农村危房改造入户动员配合",
        "县住房和城乡建设局组织农村危房改造。",
        "县住房和城乡建设局",
        "动员符合条件的农户申请改造，协助收集申请材料，跟踪改造进度。",
    ),
    make_item(
        "D-SH-01",
        R,
        "住房保障",
        "农村危房改造竣工验收",
        "对完工的改造房屋组织竣工验收，合格后拨付补助资金。",
        "县住房和城乡建设局",
    ),
    RIVER_CLEANING,
]


RIVER_PATROL = [
    make_item(
        "R-JB-01", B, "水利", "河长巡河", "村级河长定期巡查河道，发现问题及时处置报告。", "乡镇"
    ),
    RIVER_CLEANING,
]


def _screen(
    items: list, body: str, sender: str, title: str = "关于做好有关工作的通知", *, arbiter=True
):
    screener = Screener(items)
    if not arbiter:
        screener.neighbours = None
    return screener.screen(make_task(body, title=title, sender=sender)).to_contract()


def test_a_refused_act_asked_of_the_township_is_the_leads_core_job() -> None:
    body = "今年报废的旧拖拉机较多，请各乡直接确定每台机具的补贴额度，名单月底前报我中心。"
    out = _screen(MACHINE_SCRAPPING, body, "县农机中心", "关于报废农机回收的通知")
    assert (out["decision"], out["duty_item"]) == ("reject", "M-PH-01")
    assert out["flags"] == ["shifting_responsibility"]
    assert any("规则3" in r for r in out["reasons"])


def test_the_refused_act_done_by_the_sender_leaves_the_role() -> None:
    body = (
        "报废农机回收定在下周二，补贴额度由我中心统一确定，请各乡通知机主按时把旧拖拉机开到"
        "回收点交机。"
    )
    out = _screen(MACHINE_SCRAPPING, body, "县农机中心", "关于报废农机回收的通知")
    assert (out["decision"], out["duty_item"]) == ("admit", "M-PH-01")


def test_a_refused_act_named_by_a_returned_item_of_the_lead_is_that_power() -> None:
    body = "今年公租房申请集中，请各乡在入户核查后直接确定每户配租的房源，并通知到户。"
    # the precedence rule itself: the learned arbiter (jiceng.intake.neighbours) undoes it on
    # this three-item list, where the 配合 role's own words ("不确定配租房源") read as a match
    out = _screen(RENTAL_HOUSING, body, "县住房和城乡建设局", "关于公租房配租的通知", arbiter=False)
    assert (out["decision"], out["duty_item"], out["category"]) == (
        "reject",
        "P-SH-01",
        "returned",
    )
    assert "shifting_responsibility" in out["flags"]


def test_a_returned_neighbours_own_power_asked_takes_the_cooperating_place() -> None:
    body = "今年的危房改造户陆续完工，请各乡组织人员逐户验收，验收合格的名单报我局。"
    out = _screen(DILAPIDATED_HOUSES, body, "县住房和城乡建设局", "关于危房改造的通知")
    assert (out["decision"], out["duty_item"]) == ("reject", "D-SH-01")


def test_the_neighbours_power_done_by_the_sender_leaves_the_cooperating_item() -> None:
    body = "今年的危房改造户陆续完工，请各乡动员尚未申请的困难户抓紧申请，跟踪改造进度。"
    out = _screen(DILAPIDATED_HOUSES, body, "县住房和城乡建设局", "关于危房改造的通知")
    assert (out["decision"], out["duty_item"]) == ("admit", "D-PH-01")


def test_a_chat_messages_title_frame_is_no_group_demand() -> None:
    screener = Screener(RIVER_PATROL)
    framed = make_task(
        "各位河长，本月巡河记得把发现的问题处理完，巡河记录月底汇总报河长办。",
        title="工作群消息：巡河记录报送",
        sender="县河长制办公室",
    )
    assert "digital_formalism" not in screener.screen(framed).flag_codes
    posted = make_task(
        "各位河长，每天巡河后在工作群里报送巡河照片和定位截图。",
        title="工作群消息：巡河记录报送",
        sender="县河长制办公室",
    )
    assert "digital_formalism" in screener.screen(posted).flag_codes


def test_a_report_of_patrol_records_is_compared_as_a_report() -> None:
    screener = Screener(RIVER_PATROL)
    upstream = Upstream("市河长制办公室", None, "镇村河长巡河情况每月汇总报送一次")
    weekly = make_task(
        "上级每月汇总一次，县里想早些看到情况，从本周起每周五把各村巡河台账汇总后报过来。",
        sender="县河长制办公室",
        upstream=upstream,
    )
    assert "escalation" in screener.screen(weekly).flag_codes
    monthly = make_task(
        "请各村河长按时巡河，每月底把各村的巡河记录汇总表报过来。",
        sender="县河长制办公室",
        upstream=upstream,
    )
    assert "escalation" not in screener.screen(monthly).flag_codes


def test_a_roles_refusals_are_read_act_by_act() -> None:
    from jiceng.intake.acts import ActAnalyzer

    role = (
        "提供场所名单，通知经营者到场；不承担设备检验检测和安全监察，不承担费用，不确定整改期限。"
    )
    item = make_item(
        "X-PH-01", C, "市场监管", "设备检查配合", "县局开展检查。", "县市场监管局", role
    )
    assert ActAnalyzer().role_refused(item) == [
        ("设备", "检验", "检测"),
        ("安全", "监察"),
        ("确定", "整改", "期限"),
    ]  # a lone object ("费用") names no act
