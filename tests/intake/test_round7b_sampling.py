"""Round 7b: taking samples is professional work however it is said — alone ("钻孔取样"), with
what is sampled ("取井水水样", "土壤样品采集") — unless the township only helps or the word names
the time the department samples ("采样当天")."""

import pytest

from tests.intake.factories import asked_kinds as kinds


@pytest.mark.parametrize(
    "text",
    [
        "请各乡对病死的核桃树逐株钻孔取样，送县里化验。",
        "请你镇到集中供水点取井水水样，送有资质的单位化验。",
        "请各镇本月内完成辖区耕地土壤样品采集。",
    ],
)
def test_sampling_asked_of_the_township_is_professional(text: str) -> None:
    assert "professional" in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "县疾控中心下周到各村采血，采样当天请各镇通知群众到村卫生室。",
        "请各乡配合取样，做好群众解释。",
    ],
)
def test_helping_or_a_time_phrase_is_not(text: str) -> None:
    assert "professional" not in kinds(text)
