import pytest

from jiceng.duties.items import Category, DutyItem
from jiceng.duties.services import list_for, save_version

# Written for these tests; the departments are the world fixture's (县第0局, 县第1局).
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
        "县第0局、县第1局",
        "巡查发现、报告线索",
    ),
    DutyItem(
        "R-01",
        Category.RETURNED,
        "市场监管",
        "食品经营违法行为查处",
        "对无证经营、销售过期食品等违法行为立案查处。",
        "",
        "县第1局",
        "",
    ),
]

SAND = {
    "kind": "routine",
    "urgency": "normal",
    "category": "河道治理",
    "description": "有人夜间在河道偷挖河沙并堆在岸边，乡镇无执法权无法制止。",
    "place": "一村河段",
}
FOOD = {
    "kind": "routine",
    "urgency": "normal",
    "category": "食品安全",
    "description": "集市摊贩无证经营，销售过期食品，群众多次投诉。",
}


@pytest.fixture
def duty_world(world):
    for county in world.counties:
        save_version(
            actor=None,
            duty_list=list_for(county=county, township=None),
            items=ITEMS,
            source_name="t.csv",
        )
    return world


def dept(world, county=0, index=0):
    return world.user("department_clerk", county, index).organisation
