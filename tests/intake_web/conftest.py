import pytest

from jiceng.duties.items import Category, DutyItem
from jiceng.duties.services import list_for, save_version

ITEMS = [
    DutyItem(
        "JB-001",
        Category.BASIC,
        "社会保障",
        "开展困难群众救助对象排查",
        "对辖区低收入人口开展走访排查，按规定提出救助申请并做好动态管理。",
        "《社会救助暂行办法》",
        "乡镇",
        "乡镇负责组织实施",
    ),
    DutyItem(
        "JB-002",
        Category.BASIC,
        "应急管理",
        "组织防汛巡查和人员转移",
        "汛期组织对山塘、地质灾害隐患点巡查，遇险情及时组织群众转移。",
        "《中华人民共和国防洪法》",
        "乡镇",
        "乡镇负责组织实施",
    ),
    DutyItem(
        "PH-001",
        Category.COOPERATING,
        "市场监管",
        "配合开展食品安全宣传",
        "县市场监管部门牵头开展食品安全宣传和隐患排查，乡镇配合发现问题线索。",
        "《中华人民共和国食品安全法》",
        "县第0局",
        "配合宣传、发现和报告问题线索",
    ),
    DutyItem(
        "SH-001",
        Category.RETURNED,
        "市场监管",
        "餐饮服务食品安全监督检查和行政处罚",
        "对餐饮服务单位开展监督检查、抽样检验并依法立案查处。",
        "《中华人民共和国食品安全法》",
        "县第0局",
        "",
    ),
]


@pytest.fixture
def duty_world(world):
    for county in world.counties:
        save_version(
            actor=None,
            duty_list=list_for(county=county, township=None),
            items=ITEMS,
            source_name="test.csv",
        )
    return world
