"""Rounds 32-33: a department's own field orders close candidates; a request put as a question
("能不能…") is still asked; the township's means, compensation paid out and a fee put on it are
payment; buying and sealing samples is professional; everyday names of listed topics (公益岗,
伙房, 麦茬, 打疫苗, 标价, 看望, 野猪, 主会场; the colloquial lexicon's 村支书, 老头乐, 泔水…) join
their groups; hospitals belong to health. Flags: counts per act, target rates and households per
cadre are quotas; a quoted chat group and counts published in a group are chat demands; the
township scoring boats is not inspected; a body's name is no meeting; a board set up in each
village is a plaque, a brand or a shop sign is not. Our own wording."""

import pytest

from jiceng.intake.departments import DepartmentMatcher
from jiceng.intake.records import Task
from jiceng.intake.screening import Screener
from jiceng.text.associations import AssociationLexicon
from jiceng.text.synonyms import default_lexicon

from .factories import RIVER_CLEANING, B, C, asked_kinds, flags_of, make_item

STATISTICS_AND_CROPS = [
    make_item(
        "S-JB-01",
        B,
        "统计",
        "乡级统计报表报送",
        "按统计调查制度采集农作物面积和产量等统计数据，审核后按期报送。",
        "乡镇",
    ),
    make_item(
        "S-JB-02",
        B,
        "农业农村",
        "秋粮生产组织",
        "落实玉米、大豆种植面积，组织秋收秋种，稳定粮食产量。",
        "乡镇",
    ),
    RIVER_CLEANING,
    make_item(
        "S-PH-01",
        C,
        "统计",
        "人口抽样调查配合",
        "县统计局组织人口变动抽样调查。",
        "县统计局",
        "推荐调查员，协助入户登记。",
    ),
]


@pytest.mark.parametrize(
    ("sender", "item_id"),
    [
        # the statistics bureau asking for the crop figures: the township's statistics duty
        ("县统计局", "S-JB-01"),
        # the same words from the farm bureau: its crop duty
        ("县农业农村局", "S-JB-02"),
    ],
)
def test_a_departments_own_field_orders_close_candidates(sender: str, item_id: str) -> None:
    task = Task(
        "T1",
        sender,
        "秋季作物数据",
        "请各乡按制度把今年玉米、大豆面积和产量的预计数报我局。",
        10,
        None,
    )
    # (the order of the candidates; this small list covers too few of the notice's words to
    # clear the no-match threshold. Without learned word associations: "产量" calls the
    # statistics duty to mind, which would part the two candidates before the sender is read)
    screener = Screener(STATISTICS_AND_CROPS, associations=AssociationLexicon({}))
    outcome = screener.matcher.match(task, none_threshold=0.0)
    assert outcome.item is not None and outcome.item.id == item_id


def test_a_request_put_as_a_question_is_still_asked() -> None:
    assert "payment" in asked_kinds("能不能请乡里先拿点钱把施工队欠的工钱垫上，年后还你们。")
    # a prohibition still is one
    assert "payment" not in asked_kinds("这笔钱不能让乡里垫付。")


@pytest.mark.parametrize(
    "text",
    [
        "这三个月的补贴，想请乡里先从自己的财力垫上。",
        "损失核定以后，请乡里先把钱赔给受灾农户。",
        "化验费先由乡里付，发票以后补给你们。",
    ],
)
def test_the_townships_means_compensation_and_fees_are_payment(text: str) -> None:
    assert "payment" in asked_kinds(text)


def test_buying_and_sealing_samples_is_professional() -> None:
    assert "professional" in asked_kinds("请派人到集市上按规范买样、封样，送到检测机构。")


@pytest.mark.parametrize(
    ("everyday", "listed"),
    [
        ("公益岗人员考勤", "公益性岗位管理"),
        ("学校伙房", "学校食堂"),
        ("地头点麦茬", "秸秆禁烧"),
        ("给老人打流感疫苗", "预防接种"),
        ("查饭店的标价", "明码标价检查"),
        ("上门看望", "定期探访"),
        ("野猪拱了庄稼", "野生动物致害补偿"),
        ("节会主会场入口", "大型群众性活动安全"),
        ("工人工资发不出来", "根治欠薪"),
        # (the colloquial lexicon)
        ("村支书", "村党组织书记"),
        ("打零工的人", "灵活就业人员"),
        ("老头乐", "低速电动车"),
        ("收泔水", "餐厨废弃物"),
        ("村里大喇叭", "应急广播"),
        ("事实孤儿", "事实无人抚养儿童"),
    ],
)
def test_everyday_names_join_the_listed_topics_group(everyday: str, listed: str) -> None:
    lexicon = default_lexicon()
    assert lexicon.groups_of(everyday) & lexicon.groups_of(listed)


def test_medical_and_pension_insurance_are_told_apart() -> None:
    lexicon = default_lexicon()
    medical, pension = lexicon.groups_of("居民医保"), lexicon.groups_of("居民养老保险")
    assert medical - pension and pension - medical


def test_a_county_hospital_stands_for_the_health_department() -> None:
    departments = DepartmentMatcher()
    assert departments.plausible_lead("县人民医院", "县卫生健康局") is True
    assert departments.plausible_lead("县妇幼保健院", "县卫生健康局") is True


@pytest.mark.parametrize(
    "text",
    [
        "请乡村干部每天在客户端对推送的稿件点赞、转发各2次。",
        "县里下达的参保率目标为97%，请抓紧动员。",
        "每名村干部包保20户，督促按时缴费。",
    ],
)
def test_counts_per_act_target_rates_and_households_per_cadre_are_quotas(text: str) -> None:
    assert "forced_apportionment" in flags_of(text)


@pytest.mark.parametrize(
    "text",
    [
        "各值守点每班在“乡防汛值守群”上传现场照片。",
        "每晚在群里公布各村当天的完成率。",
    ],
)
def test_a_quoted_group_and_counts_published_in_a_group_are_chat_demands(text: str) -> None:
    assert "digital_formalism" in flags_of(text)


def test_the_township_scoring_boats_is_not_inspected() -> None:
    assert "inspection_burden" not in flags_of(
        "请组织人员把渡口的船一条条检查一遍救生设备，逐项打分，结果报我局。"
    )


def test_a_bodys_name_is_no_meeting() -> None:
    assert "meeting_burden" not in flags_of("县总工会通知：职工互助保障请乡里干部职工全员参加。")


def test_a_board_set_up_in_each_village_is_a_plaque() -> None:
    assert "signboard" in flags_of("请各村在路边立起一块统一制作的护林防火责任牌。")


@pytest.mark.parametrize(
    "text",
    [
        "评上的由县里授牌表彰。",
        "设立产业基金培育区域公用品牌。",
        "沿街店铺换上新设计的招牌。",
    ],
)
def test_a_brand_a_shop_sign_or_an_award_is_no_plaque(text: str) -> None:
    assert "signboard" not in flags_of(text)
