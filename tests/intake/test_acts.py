"""Who is asked to act: the township, or the county body named as the clause's subject."""

from __future__ import annotations

import pytest

from jiceng.intake.acts import ActAnalyzer


@pytest.fixture(scope="module")
def acts() -> ActAnalyzer:
    return ActAnalyzer()


def kinds(acts: ActAnalyzer, text: str) -> list[str]:
    return [a.kind for a in acts.asked_acts("body", text)]


def test_act_asked_of_the_township_is_found(acts: ActAnalyzer) -> None:
    assert kinds(acts, "请各乡镇对辖区砖窑厂开展检查，对违规的处以罚款。") == ["enforcement"]


def test_subject_body_carries_over_following_clauses(acts: ActAnalyzer) -> None:
    text = "县水务局持续加大执法力度，依法查处非法取水行为。请各乡镇做好节水宣传。"
    assert kinds(acts, text) == []


def test_first_person_unit_is_not_the_township(acts: ActAnalyzer) -> None:
    assert kinds(acts, "我中队已对该处棚屋作出强制拆除决定，请你乡配合做好群众工作。") == []


def test_township_addressed_again_after_subject(acts: ActAnalyzer) -> None:
    text = "县林业局将组织巡查，各乡镇对发现的盗伐行为依法作出行政处罚决定。"
    assert kinds(acts, text) == ["enforcement"]


def test_act_as_time_phrase_is_not_asked(acts: ActAnalyzer) -> None:
    assert kinds(acts, "发现线索请报县局，查处时请镇里派人维持秩序。") == []


def test_quarantine_certificate_is_professional_work(acts: ActAnalyzer) -> None:
    text = "请各乡镇畜牧站对出栏肉牛实施产地检疫，并出具检疫合格证明。"
    assert "professional" in kinds(acts, text)


def test_township_unit_as_subject_is_still_the_township(acts: ActAnalyzer) -> None:
    assert kinds(acts, "请各镇农技站对农资店开展农药抽样检测。") == ["professional"]
