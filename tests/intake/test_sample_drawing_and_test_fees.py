"""Drawing samples with the count in between ("抽取不少于30批次样品") is the professional act of
sampling; a testing fee the township is to settle first ("检验费由各乡先行结算") is paying on the
department's behalf (label rule 3/4). Our own wording."""

from .factories import asked_kinds


def test_drawing_a_quota_of_samples_is_sampling():
    assert "professional" in asked_kinds(
        "请各乡在辖区超市和作坊中抽取不少于20批次样品送县中心检验。"
    )
    assert "professional" in asked_kinds("请各乡采集每个监测点至少3份水样，当天送检。")


def test_samples_drawn_by_the_department_are_not_asked():
    assert "professional" not in asked_kinds("请各乡通知商户配合，样品由县检验中心人员抽取。")


def test_a_testing_fee_settled_first_by_the_township_is_paying():
    assert "payment" in asked_kinds("检验费由各乡先行结算，结果报我局。")
    assert "payment" not in asked_kinds("检验费由县局统一结算。")
