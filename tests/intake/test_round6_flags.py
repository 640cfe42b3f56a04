"""Round 6 flag lexicon: a cascade of meetings the sender rules out is no meeting burden; photos
demanded one by one (逐户/逐人) are traces like 每户, unless they show the damage a payout or
relief decision rests on (label rule 8)."""

import pytest

from jiceng.intake.flags import FlagDetector

detector = FlagDetector()


def codes(body: str) -> set[str]:
    return {f.code for f in detector.detect_text("body", body)}


def test_a_ruled_out_cascade_is_no_meeting_burden() -> None:
    body = "县防疫办下周二召开一次部署会，请分管负责同志参加，会后各镇不必另行召开会议。"
    assert "meeting_burden" not in codes(body)


def test_a_cascade_still_demanded_is_a_meeting_burden() -> None:
    assert "meeting_burden" in codes("会后各镇要再召开村级会议传达，村干部全部参加。")


@pytest.mark.parametrize(
    "body",
    ["慰问物资发放后请逐户拍照留存，月底汇总上报。", "宣传册送达后逐人签名并拍照，留档备查。"],
)
def test_photos_one_by_one_are_traces(body: str) -> None:
    assert "excessive_traces" in codes(body)


def test_photos_of_each_damaged_house_for_relief_are_not_traces() -> None:
    assert "excessive_traces" not in codes("对被淹农户逐户拍摄受损情况照片，作为补助依据。")


@pytest.mark.parametrize(
    "body",
    [
        "请各镇在移民新村开展“美丽样板村”创建，年底县里组织验收。",
        "每个镇打造两个标杆社区，迎接市里观摩。",
    ],
)
def test_model_units_under_other_names_are_creation(body: str) -> None:
    assert "creation_activity" in codes(body)


def test_a_title_on_a_plaque_is_the_signboard_not_a_creation() -> None:
    found = codes("请各村在文化广场悬挂“平安建设示范点”牌子，月底报照片。")
    assert "signboard" in found
    assert "creation_activity" not in found


def test_a_creation_named_beside_its_plaque_stays_a_creation() -> None:
    found = codes("请各村创建平安示范村，并悬挂统一标牌。")
    assert {"signboard", "creation_activity"} <= found
