"""More of the department's professional work and costs put on the township in chat wording
(our own text): a drug test, measuring noise or ground settlement with an instrument, giving an
appraisal grade, a periodic inspection with its report, taking samples in shops, signing the
inspection's conclusion, advancing money and working out compensation; and what stays the
department's (its sampling targets named, a group it forms doing the sampling)."""

import pytest

from tests.intake.factories import asked_kinds as kinds


@pytest.mark.parametrize(
    "body",
    [
        "@各乡禁毒专干 这个月戒毒康复人员的尿检请各乡自己组织，结果报禁毒办。",
        "@乡环保员 那家木材厂晚上太吵，你们借台声级计今晚去厂界测一下，出个监测数据给我们。",
        "@各乡 塌陷区请各乡每周用水准仪测一次沉降量，表格周五发我们。",
        "@乡城建办 这批疑似危房你们先看看，给每户出个鉴定等级，盖乡政府章报局里。",
        "各乡：今年检验所忙不过来，请各乡自己对辖区锅炉做一下定期检验，检验报告按模板出好交回来。",
        "各乡：请各乡自己到辖区超市按清单抽样，封好样送检测机构。",
        "各乡：本次检查由各乡属地负责，由乡里出具检查结论，并对检查结论负责。",
    ],
)
def test_professional_work_put_on_the_township(body):
    assert "professional" in kinds(body)


@pytest.mark.parametrize(
    "body",
    [
        "@乡林业站 野猪拱坏的庄稼你们先按每亩600元把钱垫给农户，年底我们再拨。",
        "@乡征迁办 二期的补偿款你们先算一下，按面积乘单价，算完直接发给各户。",
    ],
)
def test_money_advanced_or_worked_out_by_the_township(body):
    assert "payment" in kinds(body)


def test_the_departments_own_sampling_stays_its_own():
    named = "你乡本次抽样主体5家，请提前通知企业负责人在厂等候，抽样时派员陪同。"
    assert "professional" not in kinds(named)
    group = "由县局和市场监管所组成检查组，检查组负责现场检查、抽样和依法处理。请各乡派协管员陪同。"
    assert "professional" not in kinds(group)


@pytest.mark.parametrize(
    "body",
    [
        "请街道对拖欠工资的施工单位下达限期支付的责令通知，逾期不付的按规定处罚。",
        "请各乡对辖区重点单位开展一轮消防抽查，按大队统一格式逐家出具检查记录。",
    ],
)
def test_penalties_and_inspection_records_put_on_the_township(body):
    assert kinds(body) & {"enforcement", "professional"}
