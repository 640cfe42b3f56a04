"""Round 7b: people trained or appointed to a role ("每个村培养不少于2名“红色代办员”") and
households to be named 示范 — also when the 示范 is the topic of the clause before ("开展“绿色
家庭示范户”评选，每村推荐不少于5户") — are not a numeric quota on the public."""

import pytest

from jiceng.intake.flags import FlagDetector

detector = FlagDetector()


def codes(text: str) -> set[str]:
    return {f.code for f in detector.detect_text("body", text)}


@pytest.mark.parametrize(
    "text",
    [
        "每个村培养不少于2名“红色代办员”，乡里做好日常管理。",
        "各乡要在种养大户中开展“绿色家庭示范户”评选，每村推荐不少于5户，县里统一表彰。",
    ],
)
def test_roles_and_model_households_are_no_quota(text: str) -> None:
    assert "forced_apportionment" not in codes(text)


def test_people_to_mobilise_per_village_still_are() -> None:
    assert "forced_apportionment" in codes("每个村动员不少于30人参加周末的广场舞展演。")
