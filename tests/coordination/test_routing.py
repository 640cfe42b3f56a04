"""Routing suggestions from a duty list, department name resolution and duplicate spotting.

The items and tickets are written for these tests (paraphrases, not copied from any sample)."""

from jiceng.coordination.routing import (
    TicketRouter,
    duplicate_candidates,
    resolve_department,
    split_departments,
)
from jiceng.duties.items import Category, DutyItem

ITEMS = [
    DutyItem(
        "B-01",
        Category.BASIC,
        "平安建设",
        "调解邻里和家庭矛盾纠纷",
        "组织村（社区）调解员化解邻里、婚姻家庭等一般矛盾纠纷。",
        "",
        "乡镇",
        "乡镇负责",
    ),
    DutyItem(
        "C-01",
        Category.COOPERATING,
        "生态环境",
        "配合查处河道非法采砂",
        "县水利部门牵头查处河道非法采砂、乱堆乱弃，乡镇配合巡查发现并报告线索。",
        "",
        "县水利局、县公安局",
        "巡查发现、报告线索",
    ),
    DutyItem(
        "C-02",
        Category.COOPERATING,
        "交通运输",
        "配合农村公路病害处置",
        "县交通运输部门负责农村公路路面塌陷、边坡垮塌等病害的维修处置，乡镇配合设置警示、疏导交通。",
        "",
        "县交通运输局",
        "设置警示、报告险情",
    ),
    DutyItem(
        "R-01",
        Category.RETURNED,
        "市场监管",
        "食品经营许可和违法行为查处",
        "对食品经营者核发许可证，对无证经营、销售过期食品等违法行为立案查处。",
        "",
        "县市场监督管理局",
        "",
    ),
]


def test_cooperating_item_routes_to_its_lead_and_partner():
    router = TicketRouter(ITEMS)
    s = router.suggest(
        "河道治理", "村民反映有人夜间在河道里偷挖河沙，堆放在河岸上，乡镇无执法权无法制止。"
    )
    assert s.matches[0].item.id == "C-01"
    assert s.lead == "县水利局" and "县公安局" in s.cooperating
    assert not s.township_own
    assert any("C-01" in r and "牵头" in r for r in s.reasons)


def test_returned_item_says_the_department_must_act_itself():
    router = TicketRouter(ITEMS)
    s = router.suggest("食品安全", "集市上有摊贩无证经营，还在销售过期的食品，群众多次投诉。")
    assert s.lead == "县市场监督管理局"
    assert any("收回事项" in r and "自行承担" in r for r in s.reasons)


def test_basic_item_is_named_as_the_townships_own_duty():
    router = TicketRouter(ITEMS)
    s = router.suggest("矛盾纠纷", "两户邻居因宅基地边界和家庭琐事长期争吵，需要调解。")
    assert s.township_own
    assert s.matches[0].item.id == "B-01"
    assert any("基本履职事项" in r and "乡镇（街道）自身职责" in r for r in s.reasons)


def test_unrelated_problem_gets_no_department():
    router = TicketRouter(ITEMS)
    s = router.suggest("其他", "卫星遥感影像分辨率参数校准")
    assert s.lead is None and not s.matches
    assert "没有与该问题相符的事项" in s.reasons[0]


def test_empty_list_is_handled():
    s = TicketRouter([]).suggest("道路", "公路塌陷")
    assert s.lead is None


def test_split_and_resolve_department_names():
    assert split_departments("县水利局、县公安局；县应急管理局") == [
        "县水利局",
        "县公安局",
        "县应急管理局",
    ]
    known = ["县水利局", "县公安局", "县市场监督管理局", "县交通运输局"]
    assert resolve_department("水利局", known) == "县水利局"
    assert resolve_department("县市场监督管理局", known) == "县市场监督管理局"
    assert resolve_department("县交通局", known) == "县交通运输局"
    assert resolve_department("县气象局", known) is None


def test_duplicates_found_by_description_similarity():
    others = [
        (1, "村口道路路面塌陷一米多深，车辆无法通行，存在安全隐患。"),
        (2, "学校门口流动摊贩占道经营。"),
    ]
    found = duplicate_candidates("村口的道路路面塌陷约一米深，车辆过不去，很危险。", others)
    assert [d.ticket_id for d in found] == [1]
    assert duplicate_candidates("任何内容", []) == []
