"""Measuring with an instrument, drawing up an engineering scheme and issuing a formal
determination are professional work; deciding to stop a benefit and scoring a supervised unit
item by item are enforcement (label rules 3 and 4). Our own wording."""

import pytest

from .factories import asked_kinds


@pytest.mark.parametrize(
    "text",
    [
        "请各乡安排专人每天用手持风速仪测两次风速并记录。",
        "请乡里根据险情先拿个抢险方案，确定抛石量后组织施工。",
        "请各乡自行测算每户的补贴面积，出具核定结果后送达农户。",
    ],
)
def test_instruments_schemes_and_determinations_are_professional(text: str) -> None:
    assert "professional" in asked_kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "对不再符合条件的，请乡里直接作出停发救助金的决定。",
        "请乡里拿着我们的检查表对辖区幼儿园食堂逐项检查打分。",
    ],
)
def test_stopping_benefits_and_scoring_units_are_enforcement(text: str) -> None:
    assert "enforcement" in asked_kinds(text)


def test_a_ceremony_and_a_scheme_for_the_townships_own_work_are_not() -> None:
    assert "professional" not in asked_kinds("请各乡派人参加开工仪式。")
    assert "professional" not in asked_kinds("请各乡制定春节值班方案。")


def test_no_longer_eligible_is_a_condition_not_a_prohibition() -> None:
    assert "enforcement" in asked_kinds("请各乡对不再符合条件的直接作出停发补贴的决定。")
    assert "enforcement" not in asked_kinds("请各乡不再自行作出停发补贴的决定，报县局审定。")
