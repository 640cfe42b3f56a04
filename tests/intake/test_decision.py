"""Decision rules (1)–(8) end to end on our own list, with paraphrased notices."""

import pytest

from jiceng.intake.decision import RULE_LABELS, concluding_rule
from jiceng.intake.records import Upstream
from jiceng.intake.screening import Screener

from .factories import ITEMS, make_task


@pytest.fixture(scope="module")
def screener() -> Screener:
    return Screener(ITEMS)


def test_rule1_basic_item_admitted(screener: Screener) -> None:
    task = make_task(
        "近期群众到乡政府反映诉求增多。请各乡安排领导干部轮流接待来访群众，对来信和网上投诉逐件登记办理，能当场解决的当场解决。",
        title="关于做好群众来访接待工作的通知",
        sender="县信访局",
    )
    r = screener.screen(task)
    assert (r.decision.value, r.duty_item, r.category, r.flag_codes) == (
        "admit",
        "F-JB-01",
        "basic",
        [],
    )
    assert any("规则1" in x for x in r.reasons)


def test_rule2_cooperating_role_from_lead_admitted(screener: Screener) -> None:
    task = make_task(
        "入冬以来电动车充电引发火情多起。请各乡组织村里排查楼道和架空层电动自行车违规停放、飞线充电情况，发现后登记报告大队，并做好宣传提醒。",
        title="关于排查电动自行车充电隐患的提醒（工作群）",
        sender="县消防救援大队",
    )
    r = screener.screen(task)
    assert (r.decision.value, r.duty_item, r.category) == ("admit", "F-PH-02", "cooperating")


def test_rule2_coordinating_office_counts_as_lead(screener: Screener) -> None:
    task = make_task(
        "请各乡组织村（社区）排查电动自行车飞线充电隐患并报告，做好防火宣传提醒。",
        title="关于开展电动自行车充电隐患排查的通知",
        sender="县消防安全委员会办公室",
    )
    r = screener.screen(task)
    assert r.decision.value == "admit" and r.duty_item == "F-PH-02"


def test_rule3_professional_work_of_lead_is_shifting(screener: Screener) -> None:
    task = make_task(
        "今年筛查任务已下达。请各乡自行组织人员对辖区适龄妇女开展宫颈癌检测，负责采样并出具检测报告，费用由乡镇先行垫付。",
        title="关于开展适龄妇女两癌筛查的通知",
        sender="县卫生健康局",
    )
    r = screener.screen(task)
    assert (r.decision.value, r.duty_item, r.category) == ("reject", "F-PH-03", "cooperating")
    assert r.flag_codes == ["shifting_responsibility"]
    shifting = next(f for f in r.flags if f.code == "shifting_responsibility")
    assert task.body[shifting.start : shifting.end] == shifting.evidence


def test_rule4_returned_item_takes_precedence(screener: Screener) -> None:
    task = make_task(
        "群众反映部分养猪场夜间偷排粪污。请乡里立即组织人员对各养殖场开展执法检查，对违法排污的依法作出罚款处罚，处罚决定书报我局备案。",
        title="关于查处养殖场偷排粪污的函",
        sender="县生态环境分局",
    )
    r = screener.screen(task)
    assert (r.decision.value, r.duty_item, r.category) == ("reject", "F-SH-01", "returned")
    assert "shifting_responsibility" in r.flag_codes


def test_same_topic_reporting_clues_goes_to_cooperating_role(screener: Screener) -> None:
    task = make_task(
        "请各乡摸清辖区养殖场户底数，发现粪污直排的及时报告我局，由我局依法查处，乡里协助做好群众工作。",
        title="关于配合做好畜禽养殖污染防治的通知",
        sender="县生态环境分局",
    )
    r = screener.screen(task)
    assert (r.decision.value, r.duty_item) == ("admit", "F-PH-01")


def test_rule5_unlisted_task_rejected_without_item(screener: Screener) -> None:
    task = make_task(
        "为传承家风文化，请各乡组织力量收集整理辖区各姓氏家谱族谱，编印家谱文化读本，年底前报县档案馆。",
        title="关于开展家谱族谱收集整理工作的通知",
        sender="县档案馆",
    )
    r = screener.screen(task)
    assert (r.decision.value, r.duty_item, r.category, r.flag_codes) == ("reject", None, "none", [])
    assert any("规则5" in x for x in r.reasons)


def test_rule6_listed_task_with_cuttable_formalism_revised(screener: Screener) -> None:
    task = make_task(
        "请各乡组织村庄保洁，集中清运生活垃圾，清理房前屋后卫生死角。整治期间县里每周组织一次暗访，按村打分排名通报。",
        title="关于开展冬季村庄环境卫生整治的通知",
        sender="县农业农村局",
    )
    r = screener.screen(task)
    assert (r.decision.value, r.duty_item) == ("revise", "F-JB-02")
    assert r.flag_codes == ["inspection_burden"]
    assert any("暗访" in x for x in r.reasons)


def test_rule7_core_formalism_rejected(screener: Screener) -> None:
    task = make_task(
        "县里决定开展“星级文明户”示范创建评比。每个村须申报不少于5户，统一悬挂星级标牌，年底验收授牌。",
        title="关于开展星级文明户示范创建评比活动的通知",
        sender="县委宣传部",
    )
    r = screener.screen(task)
    assert r.decision.value == "reject"
    assert "creation_activity" in r.flag_codes


def test_pledge_campaign_is_rule7_even_on_a_listed_topic(screener: Screener) -> None:
    task = make_task(
        "请各乡与各村层层签订消防安全责任状，组织每户签订防火承诺书，发生亡人火灾的村年度考核一票否决。",
        title="关于签订消防安全责任状的通知",
        sender="县消防救援大队",
    )
    r = screener.screen(task)
    assert r.decision.value == "reject" and "pledge_veto" in r.flag_codes


def test_escalation_against_upstream_revises(screener: Screener) -> None:
    up = Upstream("市民政局通知", None, "对独居失能老人每月至少巡访1次，按季度报送巡访情况")
    task = make_task(
        "请各乡组织对独居、失能老人开展巡访。县里要求每周巡访一次，每周一报送巡访表。",
        title="关于加强特殊困难老人巡访的通知",
        sender="县民政局",
        upstream=up,
    )
    r = screener.screen(task)
    assert (r.decision.value, r.duty_item, r.flag_codes) == ("revise", "F-JB-05", ["escalation"])


def test_equal_deadline_relay_admitted(screener: Screener) -> None:
    up = Upstream("市农业农村局通知", 20, "组织一次撂荒地排查，20天内报送")
    task = make_task(
        "请各乡组织对辖区撂荒地开展一次排查，逐块登记并落实复耕措施，20日内报送排查情况。",
        title="关于开展撂荒地排查复耕的通知",
        sender="县农业农村局",
        deadline_days=20,
        upstream=up,
    )
    r = screener.screen(task)
    assert (r.decision.value, r.duty_item, r.flag_codes) == ("admit", "F-JB-08", [])


def test_one_off_meeting_for_deputy_admitted_but_principal_attendance_revised(
    screener: Screener,
) -> None:
    body = "定于下周三召开征兵工作部署会，部署兵役登记和初检初审，请分管武装工作的负责人和武装部长参加。"
    ok = screener.screen(
        make_task(body, title="关于召开征兵工作部署会的通知", sender="县人民政府征兵办公室")
    )
    assert (ok.decision.value, ok.duty_item) == ("admit", "F-JB-06")
    heavy = body.replace(
        "请分管武装工作的负责人和武装部长参加", "请乡党委书记、乡长本人参会，各村书记同步陪会"
    )
    r = screener.screen(
        make_task(heavy, title="关于召开征兵工作部署会的通知", sender="县人民政府征兵办公室")
    )
    assert (r.decision.value, r.flag_codes) == ("revise", ["meeting_burden"])


def test_non_lead_sender_of_cooperating_item_is_not_admitted(screener: Screener) -> None:
    task = make_task(
        "请各乡组织村（社区）开展反诈宣传，协助上门劝阻潜在受害群众。",
        title="关于开展反诈宣传的通知",
        sender="县残疾人联合会",
    )
    r = screener.screen(task)
    # round 7a: another department's 配合 item is not the match at all (a department pushes down
    # work of its own remit), so the task is off the list (rule 5)
    assert r.duty_item is None and r.decision.value == "reject"


def test_every_result_explains_itself(screener: Screener) -> None:
    task = make_task("请各乡做好来信来访办理。", title="关于信访工作的通知")
    r = screener.screen(task)
    assert r.reasons and all(isinstance(x, str) and x for x in r.reasons)
    assert r.candidates and r.candidates[0][0] == r.duty_item
    assert 0.0 <= r.confidence <= 1.0


def test_cross_department_coordinating_office_is_plausible_within_its_remit() -> None:
    from jiceng.intake.departments import DepartmentMatcher

    m = DepartmentMatcher()
    assert m.plausible_lead("县安全生产委员会办公室", "县住房和城乡建设局", "安全生产燃气隐患排查")
    assert not m.plausible_lead("县安全生产委员会办公室", "县教育局", "教育控辍保学")


def test_rule5_unlisted_upkeep_is_rejected_without_a_shifting_flag(screener: Screener) -> None:
    task = make_task(
        "辖区内的雨量监测站请各乡安排人员定期巡检，设备出现故障自行联系厂家维修，巡检记录每季度报我局。",
        title="关于雨量监测站日常维护的通知",
        sender="县水文站",
    )
    r = screener.screen(task)
    assert (r.decision.value, r.duty_item, r.category, r.flag_codes) == ("reject", None, "none", [])
    assert any("规则5" in x for x in r.reasons)


def test_a_sentence_with_only_a_meeting_flag_still_asks_substantive_work(
    screener: Screener,
) -> None:
    task = make_task(
        "明天上午在县局召开来访接待工作推进会，请乡党委书记、乡长参会，不得请假。"
        "会后各乡当天召开传达会，接待记录照片今晚前发群里。",
        title="来访接待推进会",
        sender="县信访局",
    )
    r = screener.screen(task)
    assert r.decision.value == "revise"
    assert {"meeting_burden", "digital_formalism"} <= set(r.flag_codes)


def test_the_concluding_rule_is_read_from_the_last_conclusion_line():
    reasons = [
        "未在履职事项清单中找到对应事项。",
        "结论：退回（规则5）。清单外事项须经县级职责准入审批。",
    ]
    assert concluding_rule(reasons) == 5 and RULE_LABELS[5].startswith("规则5")
    assert concluding_rule(["匹配履职事项 X。"]) is None
