"""The department's professional work and costs put on the township in everyday words, and what
stays the township's: our own wording, tested on the act analysis (label rule 3)."""

import pytest

from jiceng.intake.acts import ActAnalyzer
from tests.intake.factories import asked_kinds as kinds


@pytest.mark.parametrize(
    "body",
    [
        "各乡：请自己找测绘公司把这批地块逐块实测，月底前报局里。",
        "各乡：实测后出具带界址点坐标和面积的测绘报告，月底前报局里。",
        "各乡：请联系一家有资质的检测公司检查桥梁承重，结果报县局。",
        "各乡：请用探地雷达把辖区主干道全线检测一遍，结果报市政所。",
        "各社区：请入户签约时代医生填写居民健康评估表。",
        "各乡：请每5天开展一次系统调查，测定虫口密度和病株率，编写情报。",
        "各乡：请组织村干部给65岁以上老人量血压、测血糖，结果录入系统。",
        "各乡：请使用测距仪进行测绘，绘制平面图，并作年代判定。",
        "各乡：请协管员先拿快检箱把小餐饮的凉菜都测一遍，结果填表报所里。",
        "各乡：请按检验规程逐台做一下叉车安全性能检验，记录发我们。",
        "各乡：请对检查单位逐一出具书面检查意见书。",
        "各乡：请按技术导则出具鉴定意见，盖乡政府的章。",
    ],
)
def test_professional_work_in_everyday_words(body):
    assert "professional" in kinds(body)


@pytest.mark.parametrize(
    "body",
    [
        "各乡：检测的费用乡里先出，年底县里再结。",
        "各乡：请先替业主把今年的电梯维保费付给维保公司。",
        "各乡：补助县里资金还没到，乡里先从自己账上发一下。",
        "各乡：实在还不上的先由乡里想办法垫上。",
        "各乡：一年的电梯维保费街道先付上，居民那边的钱慢慢收。",
    ],
)
def test_costs_put_on_the_township(body):
    assert "payment" in kinds(body)


def test_a_plaques_production_cost_is_the_signboard_demands_not_payment():
    assert "payment" not in kinds("各乡：请各村统一悬挂标牌，制作费用由各乡镇承担。")


def test_a_test_named_in_the_title_of_a_notice_is_its_topic():
    assert ActAnalyzer().asked_acts("title", "关于在菜市场开展蔬果农残快检的通知") == []


def test_recovering_misused_funds_found_in_a_check_is_enforcement():
    assert "enforcement" in kinds("各乡：查实的违规金额由乡里负责追回，追回情况报县局。")
