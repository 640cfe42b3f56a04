"""Near neighbours 基本 / 配合 on one topic sent by the same department: the township's ask
decides, not the sender (the topic's department leads the 配合 item but also sends basic work)."""

from jiceng.duties.items import Category, DutyItem
from jiceng.intake.screening import Screener

from .factories import make_task

B, C = Category.BASIC, Category.COOPERATING

ITEMS = [
    DutyItem(
        "N-JB-01",
        B,
        "生态环境",
        "露天焚烧垃圾日常巡查劝阻",
        "组织网格员在农忙季节巡查田间地头，及时劝阻制止露天焚烧垃圾和枯枝。",
        "《大气污染防治法》",
        "乡镇",
        "乡政府负责，村协助",
    ),
    DutyItem(
        "N-PH-01",
        C,
        "生态环境",
        "配合开展露天焚烧遥感热点现场核查",
        "县生态环境分局负责遥感热点推送、认定和通报。",
        "《大气污染防治法》",
        "县生态环境分局",
        "接到热点推送后到现场核实并反馈情况。",
    ),
    DutyItem(
        "N-JB-02",
        B,
        "民生保障",
        "低保申请受理和入户调查",
        "受理低保申请，组织入户调查和民主评议。",
        "《社会救助暂行办法》",
        "乡镇",
        "乡政府负责",
    ),
]

screener = Screener(ITEMS)


def test_patrol_and_dissuasion_sent_by_the_lead_is_the_basic_item() -> None:
    task = make_task(
        "夏收开始了，请各乡组织网格员盯紧田间地头，看到焚烧垃圾的马上劝阻，防止出现遥感热点。",
        title="防露天焚烧遥感热点",
        sender="县生态环境分局",
    )
    r = screener.screen(task)
    assert (r.duty_item, r.category) == ("N-JB-01", "basic")


def test_checking_pushed_hotspots_stays_the_cooperating_item() -> None:
    task = make_task(
        "本周推送的遥感热点已下发，请各乡接到推送后到现场核实，当天反馈核实情况。",
        title="遥感热点核实",
        sender="县生态环境分局",
    )
    r = screener.screen(task)
    assert (r.duty_item, r.category) == ("N-PH-01", "cooperating")


UPKEEP = [
    DutyItem(
        "U-JB-01",
        B,
        "农田水利",
        "滴灌设施冬季管护",
        "指导村集体和农户在封冻前对滴灌首部、过滤器和管道排水放空，拆卸水泵入库保管，回收地面毛管。",
        "《农田水利条例》",
        "乡镇",
        "乡政府负责",
    ),
    DutyItem(
        "U-PH-01",
        C,
        "农田水利",
        "配合县水利局维修公共节水工程",
        "县水利局负责公共节水工程设施的维修。",
        "《农田水利条例》",
        "县水利局",
        "汇总本乡损坏设施清单，现场引导维修队伍。",
    ),
]


def test_the_departments_repair_named_in_passing_does_not_take_the_townships_upkeep() -> None:
    # the notice says the department repairs what is broken (precedence for the 配合 item), but
    # what the township is asked, the winter upkeep, is the 基本 item's own wording
    task = make_task(
        "入冬了，请各乡指导农户在封冻前把滴灌首部排水放空。公共节水工程设施损坏的，由县水利局安排维修。",
        title="滴灌冬季管护",
        sender="县水利局",
    )
    r = Screener(UPKEEP).screen(task)
    assert (r.duty_item, r.category) == ("U-JB-01", "basic")
