"""Round 52: a 配合 role's refused act asked in a clerk's or a chat message's words ("代办" for
"办理", "查验" for "核查", "称一称" for "称重", "修起来" for "施工") is still the lead's core job
(rule 3); the object must be the one the role names, and an act the sender says it does itself
("采血我们自己来") is not asked. Our own wording."""

from jiceng.intake.acts import ActAnalyzer
from jiceng.intake.screening import Screener

from .factories import RIVER_CLEANING, B, C, make_item, make_task

DRIVING_PERMITS = [
    make_item(
        "K-PH-01",
        C,
        "交通运输",
        "配合农用车驾驶证换证宣传",
        "县公安局交警大队负责农用车驾驶证的换证和审验。",
        "县公安局交警大队",
        "镇村通知到期驾驶人按时换证，协助核实驾驶人住址；不承担驾驶证件办理和审验。",
    ),
    make_item(
        "K-JB-01",
        B,
        "交通运输",
        "赶集日农用车载人劝阻",
        "组织劝导员在赶集日劝导农用车违法载人。",
        "乡镇",
    ),
    RIVER_CLEANING,
]

LIVESTOCK_SAMPLING = [
    make_item(
        "L-PH-01",
        C,
        "农业农村",
        "配合牲畜疫病抽样监测",
        "县动物疫病预防控制中心组织抽样监测。",
        "县动物疫病预防控制中心",
        "通知养殖户留圈，组织村防疫员协助保定；不采样、不检测。",
    ),
    make_item(
        "L-JB-01",
        B,
        "农业农村",
        "牲畜强制免疫组织",
        "组织村防疫员按季节完成牲畜强制免疫。",
        "乡镇",
    ),
    RIVER_CLEANING,
]


def _screen(items: list, body: str, sender: str, title: str) -> dict:
    return Screener(items).screen(make_task(body, title=title, sender=sender)).to_contract()


def test_the_refused_act_in_everyday_words_is_the_leads_job() -> None:
    body = (
        "@各镇 下个月起赶集日人多，麻烦镇里在便民服务点安排个人，帮到期的农用车驾驶人统一代办"
        "驾驶证件换证，材料收齐了往县里送，谢谢🙏"
    )
    out = _screen(DRIVING_PERMITS, body, "县公安局交警大队", "（交通安全群）驾驶证换证")
    assert (out["decision"], out["duty_item"]) == ("reject", "K-PH-01")
    assert out["flags"] == ["shifting_responsibility"]


def test_the_role_itself_asked_in_everyday_words_stays_admitted() -> None:
    body = (
        "@各镇 下个月驾驶证集中换证，麻烦镇村把到期驾驶人的名单通知到人，让他们按时到县里换证，"
        "住址有变的帮忙核实一下。"
    )
    out = _screen(DRIVING_PERMITS, body, "县公安局交警大队", "（交通安全群）驾驶证换证")
    assert (out["decision"], out["duty_item"]) == ("admit", "K-PH-01")


def test_a_blood_draw_is_the_refused_sampling() -> None:
    body = "@各镇畜牧站 今年秋季监测，请各镇自己组织人手到养殖场采血，每个场20份，冷藏后送中心。"
    out = _screen(LIVESTOCK_SAMPLING, body, "县动物疫病预防控制中心", "（防疫群）秋季监测")
    assert (out["decision"], out["duty_item"]) == ("reject", "L-PH-01")


def test_the_sampling_the_sender_does_itself_is_not_asked() -> None:
    body = (
        "@各镇畜牧站 下周三中心监测组到你镇采血，麻烦提前通知养殖户把牛羊留在圈里，村防疫员"
        "帮着保定。采血、送检我们自己来。"
    )
    out = _screen(LIVESTOCK_SAMPLING, body, "县动物疫病预防控制中心", "（防疫群）秋季监测")
    assert (out["decision"], out["duty_item"]) == ("admit", "L-PH-01")


def test_an_everyday_verb_needs_the_roles_object() -> None:
    acts = ActAnalyzer()
    item = DRIVING_PERMITS[0]
    # "代办" with the role's object: the refused act
    assert acts.refused_asks("body", "请各镇统一代办驾驶证件换证。", item)
    # "代办" of something else: not the refused act
    assert not acts.refused_asks("body", "请各镇为老人统一代办养老认证。", item)


def test_a_fine_on_the_spot_and_an_appraisal_said_at_length_are_the_departments_acts() -> None:
    from .factories import asked_kinds

    assert "enforcement" in asked_kinds("碰到下地笼的，按一个地笼300块当场罚。")
    assert "professional" in asked_kinds("麻烦街道先派人看一下，出个这栋楼还能不能住人的鉴定结论。")


BURNING_PERMITS = [
    make_item(
        "F-JB-01",
        B,
        "林业",
        "防火期野外生产用火管控",
        "防火期对烧灰积肥、炼山等野外生产用火进行管控，办理群众生产用火报备，劝阻违规用火。",
        "乡镇",
    ),
    make_item(
        "F-PH-01",
        C,
        "林业",
        "生产用火审批配合",
        "县林业局审批防火期野外生产用火。",
        "县林业局",
        "告知群众申请程序，受理后转报县林业局，审批后监督防火措施；不作审批。",
    ),
    RIVER_CLEANING,
]


def test_a_basic_winner_gives_way_to_the_neighbour_whose_refused_act_is_asked() -> None:
    # the rule itself: the learned arbiter (jiceng.intake.neighbours) may weigh the pair
    # otherwise on this three-item list
    screener = Screener(BURNING_PERMITS)
    screener.neighbours = None
    title = "关于优化防火期生产用火办理的通知"
    body = (
        "为方便群众少跑路，今年起防火期烧灰积肥、炼山等野外生产用火，由各乡镇直接受理并签发"
        "用火许可证，许可证由我局统一印制。"
    )
    out = screener.screen(make_task(body, title=title, sender="县林业局")).to_contract()
    assert (out["decision"], out["duty_item"]) == ("reject", "F-PH-01")
    patrol = "防火期到了，请各乡镇组织护林员加密巡查，劝阻烧灰积肥、炼山等野外违规用火。"
    out = screener.screen(make_task(patrol, title=title, sender="县林业局")).to_contract()
    assert (out["decision"], out["duty_item"]) == ("admit", "F-JB-01")
