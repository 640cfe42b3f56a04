"""Administrative orders in everyday wording (立个案, 下个限期整改通知, 责令卸载, 提出警告意见) are
enforcement; weighing every lorry, measuring yields plot by plot, an assessment report and a
moisture test are professional work (label rules 3 and 4). Our own wording."""

import pytest

from .factories import asked_kinds


@pytest.mark.parametrize(
    "text",
    [
        "那个饭店的事，请乡里先立个案，给老板下个限期整改通知。",
        "请各乡在路口设点，对超载货车责令卸载后放行。",
        "请乡综治中心对违反报到规定的人员提出警告意见。",
    ],
)
def test_orders_in_everyday_wording_are_enforcement(text: str) -> None:
    assert "enforcement" in asked_kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "请各乡在出口安排人员逐车称重并登记。",
        "请乡里组织人员对受灾地块逐块测产。",
        "请乡里出具受灾损失评估报告后报我局。",
        "请各乡组织人员测定样本稻谷水分。",
    ],
)
def test_weighing_yield_surveys_and_assessments_are_professional(text: str) -> None:
    assert "professional" in asked_kinds(text)


def test_helping_or_naming_the_department_as_doer_is_not_asked() -> None:
    assert "professional" not in asked_kinds("请各乡安排人员协助路政人员逐车称重。")
    assert "enforcement" not in asked_kinds("超载货车由交警大队责令卸载，请各乡做好引导。")
