"""Department-only acts read from the kinds the law lists rather than from one county's wording
(our own text): the penalties of 《行政处罚法》第九条 and the coercive measures of 《行政强制法》
第九条、第十二条 asked bare or in everyday words, professional tests said object-first or by their
instrument-free names, and a loss fixed for a payout. The same acts helped with, or said of the
department itself, stay the department's."""

import pytest

from tests.intake.factories import asked_kinds as kinds


@pytest.mark.parametrize(
    "body",
    [
        "请各乡对违规转运渣土的车辆实施扣车和处罚。",
        "请街道对不按规定设置隔油池的餐馆开具整改通知书并处罚。",
        "请各镇对违规经营的种子店作出降低资质等级的处理。",
        "请各乡对拒不履行的当事人实施代履行，费用由当事人承担。",
        "请各镇对拒不缴纳的企业加处罚款。",
        "请各镇冻结违规企业的补助资金账户。",
        "请各镇对无证经营的废品收购站予以取缔。",
        "@各乡 查到的电鱼工具直接收缴，人先扣下来。",
        "请各镇对破坏林地的现场进行测量取证后移交。",
    ],
)
def test_penalties_and_coercive_measures_asked_of_the_township(body: str) -> None:
    assert "enforcement" in kinds(body)


@pytest.mark.parametrize(
    "body",
    [
        "@各镇 辖区茶叶的农残检测麻烦做一下，结果月底前发我们。",
        "请各乡组织人员给存栏牛羊抽血化验。",
        "请镇里派人把几家面粉厂的样品取回来送检。",
        "请各镇对辖区老旧人行桥进行荷载试验。",
        "请各街道对投诉的工地进行噪声监测。",
        "请各街道对辖区烧烤店的油烟排放开展监测。",
        "请各乡自行委托第三方对辖区加工厂开展安全评价。",
        "请各镇对辖区中小学教学楼开展安全等级评定。",
        "请各乡对病死禽进行剖检诊断。",
        "请各乡对辖区古树进行健康状况诊断。",
    ],
)
def test_professional_tests_asked_of_the_township(body: str) -> None:
    assert "professional" in kinds(body)


def test_a_loss_fixed_for_a_payout_is_the_payers_work() -> None:
    assert "payment" in kinds("请各乡对受灾果园逐户核定损失，报县局兑付。")


@pytest.mark.parametrize(
    "body",
    [
        "请各镇配合县局做好噪声监测的现场秩序维护。",
        "县局将对违规车辆依法实施扣车和处罚，请各镇派人协助。",
        "荷载试验由县交通运输局委托检测机构开展，请各镇做好封路告知。",
        "取缔工作由县市场监管局负责，请各镇提供线索。",
    ],
)
def test_the_same_acts_helped_with_or_done_by_the_department_stay_its_own(body: str) -> None:
    assert not kinds(body) & {"enforcement", "professional"}
