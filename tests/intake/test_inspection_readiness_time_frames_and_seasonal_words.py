"""Wording met in H73 and H74 (studied after their blind scores), in our own text: a township ranked
low must explain itself, get ready for the visit or hand its ledgers to the inspectors — all part
of the inspection, so a notice asking nothing else is core formalism (rule 7); an addressee line
and a recital ask no work; a refused act named only as the time of the township's part ("实割实测
期间…带路") is not asked of it; a photo of every monument is a trace; seasonal and river-ice words
name their topics."""

from jiceng.intake.acts import ActAnalyzer
from jiceng.intake.decision import core_formalism
from jiceng.intake.records import Decision
from jiceng.intake.screening import Screener

from .factories import RIVER_CLEANING, B, C, R, _screener, detected_flags, make_item, make_task


def decision_of(body: str, title: str = "关于做好有关工作的通知") -> Decision:
    return _screener().screen(make_task(body, title=title, sender="县农业农村局")).decision


def test_a_low_ranked_township_explaining_itself_is_part_of_the_ranking():
    body = (
        "县爱卫办将每月组织一次暗访，对各乡环境卫生打分排名，结果在县电视台公布。"
        "上榜“黑榜”的乡须在3日内提交书面整改报告，并由乡长到县爱卫办说明情况。"
    )
    assert decision_of(body, title="关于实行环境卫生红黑榜的通知") is Decision.REJECT
    # work of its own beside the ranking leaves a task to revise
    worked = "请各乡每周组织一次村庄保洁，清运积存垃圾。" + body
    assert decision_of(worked, title="关于实行环境卫生红黑榜的通知") is Decision.REVISE


def test_getting_ready_for_the_visit_is_no_work_of_its_own():
    body = "@各乡 下周起县里每周随机暗访两个乡，不打招呼，看完当天排名。各乡提前做好准备。"
    assert decision_of(body, title="环境卫生群") is Decision.REJECT


def test_an_addressee_line_and_help_for_the_inspectors_ask_no_work():
    body = (
        "各乡人民政府，县直有关单位：\n"
        "县安委办决定下月起在全县开展乡镇交叉检查，每月一轮，检查结果在全县排名通报。\n"
        "各乡要安排专人配合检查组工作，提前准备好有关台账资料。"
    )
    assert decision_of(body, title="关于开展交叉检查的通知") is Decision.REJECT


def test_a_recital_of_what_the_work_is_for_asks_nothing():
    body = (
        "消防宣传是群众安全的重要保障。"
        "县里决定开展消防宣传示范村创建活动，每个乡至少创建两个示范村，年底验收评比。"
    )
    assert decision_of(body) is Decision.REJECT


YIELD_SURVEY = [
    make_item(
        "Y-PH-01",
        C,
        "统计",
        "配合粮食产量抽样调查",
        "县调查队组织实割实测，推算粮食产量。",
        "县调查队",
        "联系样本农户，实割实测时带路；不负责实割实测和产量推算。",
    ),
    make_item(
        "Y-SH-01",
        R,
        "统计",
        "粮食产量调查数据审核",
        "审核样本数据，推算并发布全县粮食产量。",
        "县调查队",
    ),
    RIVER_CLEANING,
]


def test_a_refused_act_named_as_the_time_of_the_townships_part_is_not_asked():
    screener = Screener(YIELD_SURVEY)
    guided = make_task(
        "请乡里通知样本农户暂缓收割样本地块，实割实测期间请安排熟悉地块的村干部带路。",
        title="关于做好粮食产量调查配合工作的函",
        sender="县调查队",
    )
    result = screener.screen(guided)
    assert (result.decision, result.duty_item) == (Decision.ADMIT, "Y-PH-01")
    measured = make_task(
        "今年人手紧张，请乡里自行组织人员对样本地块实割实测，推算产量后报我队。",
        title="关于做好粮食产量调查工作的函",
        sender="县调查队",
    )
    result = screener.screen(measured)
    assert result.decision is Decision.REJECT
    assert "shifting_responsibility" in result.flag_codes


def test_a_photo_of_every_monument_is_a_trace():
    assert "excessive_traces" in detected_flags("请各乡做好零散烈士墓管护，每座墓清扫后拍照上传。")


SEASONAL = [
    make_item(
        "S-JB-01",
        B,
        "农业农村",
        "重大动物疫病强制免疫组织",
        "组织村级防疫员对牲畜开展集中免疫，登记免疫档案。",
        "乡镇",
    ),
    make_item(
        "S-PH-01",
        C,
        "防汛抗旱",
        "配合开江期河道观测和除险",
        "县水务局组织河道除险，乡镇安排人员观测冰凌。",
        "县水务局",
        "安排人员在观测点值守，发现险情及时报告，协助疏散群众。",
    ),
    make_item(
        "S-JB-02", B, "农业农村", "农技推广服务", "组织农技员下村指导春耕生产和田间管理。", "乡镇"
    ),
    RIVER_CLEANING,
]


def test_seasonal_and_river_ice_words_name_their_topics():
    screener = Screener(SEASONAL)
    vaccination = make_task("@各乡 各村抓紧打苗，月底前打完。", title="工作群")
    assert screener.screen(vaccination).duty_item == "S-JB-01"
    ice = make_task(
        "@沿江各乡 上游已经跑冰了，江湾那段往年卡过冰坝，这几天派人24小时盯着，有情况马上报。",
        title="防指办群消息",
        sender="县防汛抗旱指挥部办公室",
    )
    result = screener.screen(ice)
    assert result.duty_item == "S-PH-01"
    assert "共同要点：凌汛" in result.reasons[0]  # the river-ice words, not the sender alone


def test_ask_words_inside_other_words_ask_nothing():
    acts = ActAnalyzer()
    assert not acts.is_ask("基层是应急管理的重要力量。")
    assert not acts.is_ask("主要困难在于人手不足。")
    assert acts.is_ask("各村应于月底前完成排查。")
    assert acts.is_ask("各村要把名单报上来。")


def core(body: str, title: str) -> bool:
    """Whether the rule-7 test reads ``body`` as core formalism, on the flag lexicons' flags."""
    screener = _screener()
    task = make_task(body, title=title)
    return core_formalism(task, screener.flags.detect(task, None), screener.specs, screener.acts)


def test_a_chat_message_that_only_reports_a_ranking_before_its_quota_is_core_formalism():
    body = (
        "@各乡 @各村 市里通报我县反诈APP注册率排倒数了。从今天起，各村注册人数不得低于户籍人口的"
        "80%，每天晚上8点前各村把当天新增注册截图发群里，县里每天在群里通报各乡排名。"
    )
    assert core(body, "反诈宣传群")


def test_work_said_to_begin_tomorrow_is_work_beside_the_check_ins():
    body = "@各乡普查办 明天开始入户登记。普查员每天早晚两次在群里发定位打卡，截图汇总报县普查办。"
    assert not core(body, "普查群")


def test_work_kept_as_last_year_is_work_beside_the_check_ins():
    body = (
        "@各乡林草站 春季休牧下月开始，巡查劝导还按去年的办法搞。"
        "今年新加一条：护林员每天三次在APP上定位打卡，轨迹截图晚上发群里。"
    )
    assert not core(body, "休牧巡查")


def test_reports_that_still_go_out_at_once_are_work_beside_the_check_ins():
    body = (
        "@各乡 汛期到了，村里发现塌方的还是第一时间报乡里。另外从明天起各村每天早上在群里"
        "发一张巡查截图打卡。"
    )
    assert not core(body, "巡查群")
    body = "@各乡 从明天起各村每天巡查后在群里发定位打卡截图；发现险情照样第一时间打电话报我们。"
    assert not core(body, "巡查群")


def test_a_consequence_that_still_follows_is_no_work_going_on():
    continued = ActAnalyzer().continued
    assert not continued.search("上次没整改的照样通报")  # the sender's consequence
    assert continued.search("发现险情照样第一时间打电话报我们")
