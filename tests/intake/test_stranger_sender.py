"""A sender that leads none of the list's 配合/收回 items needs a firmer match to a 基本 item
(label rule 5; the sender is part of the match, sample README rule 2). Our own wording, on the
project's own 枫林乡 list (tests/intake/factories.py)."""

from jiceng.duties.items import Category, DutyItem
from jiceng.intake.acts import ActAnalyzer
from jiceng.intake.departments import DepartmentMatcher
from jiceng.intake.records import Decision
from jiceng.intake.screening import Screener
from tests.intake.factories import ITEMS as OWN_ITEMS
from tests.intake.factories import make_task

# The rule needs a list that names the departments working with the township (published lists
# name 21-54 leads): the 枫林乡 list plus cooperating items of other departments on topics of
# their own.
OTHER_LEADS = [
    ("县交通运输局", "农村公路", "农村公路路面巡查", "报告村道路面塌陷和边坡落石"),
    ("县水利局", "水利", "小型水库安全运行", "落实小型水库巡查责任人"),
    ("县林业局", "林业", "森林防火值守", "组织护林员在防火期巡山"),
    ("县自然资源局", "自然资源", "地质灾害隐患点监测", "明确隐患点群测群防员"),
    ("县教育局", "教育", "控辍保学劝返", "配合劝返失学辍学儿童"),
    ("县民政局", "民政", "低保对象入户核查", "入户调查申请家庭收入财产"),
    ("县人力资源和社会保障局", "就业", "公益性岗位管理", "组织公益性岗位人员考勤"),
    ("县市场监督管理局", "市场监管", "小作坊登记协助", "摸排辖区食品小作坊底数"),
    ("县住房和城乡建设局", "住房建设", "农村危房排查", "排查农村疑似危房并报告"),
    ("县应急管理局", "应急管理", "防汛物资储备", "储备编织袋救生衣等防汛物资"),
    ("县医疗保障局", "医疗保障", "城乡居民医保参保宣传", "宣传参保政策和缴费渠道"),
    ("县退役军人事务局", "退役军人", "退役军人信息采集", "采集退役军人基本信息"),
]
ITEMS = OWN_ITEMS + [
    DutyItem(
        f"X-PH-{n:02d}",
        Category.COOPERATING,
        domain,
        f"配合开展{name}",
        f"{lead}负责{name}。",
        "《有关规定》",
        lead,
        role,
    )
    for n, (lead, domain, name, role) in enumerate(OTHER_LEADS, start=1)
]

# A county archive's own work (an exhibition) that shares the village clean-up item's words.
LOOSE_TITLE = "关于征集村庄环境整治前后对比照片的通知"
LOOSE_BODY = (
    "各乡：为筹办县情展览，请各乡收集村庄环境卫生整治前后的对比照片各20张，附文字说明，"
    "月底前送县档案馆。"
)
# The township's own visiting duty, asked in the item's own terms.
FIRM_TITLE = "关于开展特殊困难老人巡访的通知"
FIRM_BODY = (
    "各乡：请组织对辖区特殊困难老人开展一次巡访，了解老人生活情况，落实老年人福利政策，"
    "发现需要救助的及时提出申请。"
)


def screen(title: str, body: str, sender: str):
    screener = Screener(ITEMS)
    task = make_task(body, title=title, sender=sender)
    match = screener.matcher.match(task, none_threshold=screener.none_threshold)
    return match, screener.screen(task)


def test_a_sender_leading_nothing_on_the_list_is_off_the_list_on_a_loose_match():
    match, result = screen(LOOSE_TITLE, LOOSE_BODY, "县档案馆")
    threshold = Screener(ITEMS).match_policy["stranger_none_threshold"]
    assert Screener(ITEMS).none_threshold <= match.score < threshold, "the band this rule is for"
    assert result.decision is Decision.REJECT and result.duty_item is None
    assert result.category == "none"
    assert any("不牵头本清单的任何配合或收回事项" in r for r in result.reasons)
    assert not any("低于阈值 0.16" in r for r in result.reasons), "the general cut was passed"
    (_, best), (_, runner_up) = match.candidates[:2]
    lead = Screener(ITEMS).match_policy["stranger_clear_lead"]
    assert best >= lead * runner_up, "one item stands out: the hand-over to the sender decides"


def test_the_same_notice_from_a_department_leading_an_item_keeps_its_match():
    leads = {item.lead_department for item in ITEMS if item.category is not Category.BASIC}
    assert "县卫生健康局" in leads
    _, result = screen(LOOSE_TITLE, LOOSE_BODY, "县卫生健康局")
    assert result.duty_item == "F-JB-02"
    assert not any("不牵头本清单" in r for r in result.reasons)


def test_a_firm_match_from_such_a_sender_stands():
    match, result = screen(FIRM_TITLE, FIRM_BODY, "县档案馆")
    assert match.score >= Screener(ITEMS).match_policy["stranger_none_threshold"]
    assert result.duty_item == "F-JB-05" and result.decision is Decision.ADMIT


def test_a_list_naming_few_lead_departments_does_not_treat_senders_as_strangers():
    assert len({i.lead_department for i in OWN_ITEMS if i.category is not Category.BASIC}) < 12
    screener = Screener(OWN_ITEMS)
    task = make_task(LOOSE_BODY, title=LOOSE_TITLE, sender="县档案馆")
    match = screener.matcher.match(task, none_threshold=screener.none_threshold)
    assert screener.none_threshold <= match.score
    assert screener.screen(task).duty_item == "F-JB-02"


# A weather bureau (no item of the list is its) relaying a cold wave: the township's own visiting
# duty, told loosely, and no other item comes close.
COLD_WAVE_TITLE = "寒潮降温提示"
COLD_WAVE_BODY = (
    "各乡：受强冷空气影响，本周末起气温骤降8到10度，请各乡在降温前组织村干部上门看一看独居和"
    "失能老人，提醒添衣保暖、注意用炭安全。"
)


def test_a_basic_item_far_ahead_of_every_other_candidate_stands_for_such_a_sender():
    match, result = screen(COLD_WAVE_TITLE, COLD_WAVE_BODY, "县气象局")
    policy = Screener(ITEMS).match_policy
    assert match.score < policy["stranger_none_threshold"], "the band this rule is for"
    (_, best), (_, runner_up) = match.candidates[:2]
    assert best >= policy["stranger_clear_lead"] * runner_up
    assert result.duty_item == "F-JB-05" and result.decision is Decision.ADMIT
    assert any("倍以上" in r and "不是向发文单位报送材料" in r for r in result.reasons)


def test_how_notices_name_a_department_and_what_is_handed_to_it():
    names = DepartmentMatcher.names_of
    assert "县委宣传部" in names("中共临渚县委宣传部")
    assert "县税务局" in names("国家税务总局雪岭县税务局")
    assert "档案馆" in names("县档案馆")
    acts = ActAnalyzer()
    assert acts.delivered_to("照片于月底前送县档案馆。", names("县档案馆")) == "送县档案馆"
    assert acts.delivered_to("名单请于周五前报我办。", names("县委老干部局")) == "报我办"
    assert acts.delivered_to("发现险情报县自然资源局。", names("县气象局")) is None
    # in chat the sender is "馆里", "局里", or where things come to ("送过来")
    assert acts.delivered_to("整理好后年底前送过来。", names("县档案馆")) == "送过来"
    assert acts.delivered_to("扫描件统一发到馆里。", names("县档案馆")) == "发到馆里"


def test_a_body_handed_material_by_its_short_name():
    acts, abbreviates = ActAnalyzer(), DepartmentMatcher.abbreviates
    office = "县委机构编制委员会办公室"
    [(evidence, body)] = acts.recipients("请各乡明确1名联络员，每季度报告县委编办。")
    assert evidence == "报告县委编办" and abbreviates(body, office)
    assert abbreviates("县自然资源局", "县自然资源和规划局")
    assert not abbreviates("县自然资源局", "县气象局")
    assert not abbreviates("县委组织部", "中共临渚县委宣传部")
