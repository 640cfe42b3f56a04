"""Round 7b: photo demands said in other ways — a count in words ("四张照片", "一人三张"), a
longer clause between 每户 and the photo, posting said as 传到 — are traces, and photos sent
through an app, not only a chat group, are digital formalism too (sample README convention)."""

import pytest

from jiceng.intake.flags import FlagDetector

detector = FlagDetector()


def codes(body: str) -> set[str]:
    return {f.code for f in detector.detect_text("body", body)}


@pytest.mark.parametrize(
    "body",
    [
        "走访结束后请拍摄院落、厨房、卧室四张照片留存。",
        "每户慰问结束、慰问品清点完毕后，再拍摄慰问现场照片存档。",
        "慰问时每名干部与老人合照，一人三张，月底前交镇民政办。",
    ],
)
def test_photo_demands_in_other_words_are_traces(body: str) -> None:
    assert "excessive_traces" in codes(body)


def test_one_photo_of_the_problem_is_not() -> None:
    assert "excessive_traces" not in codes("发现堤坝渗水的，拍一张照片报镇防办。")


@pytest.mark.parametrize(
    "body",
    [
        "巡查完把现场照片传到镇安全生产群，县里抽查。",
        "每次入户后拍摄照片上传至“安居通”APP，未上传的不计分。",
    ],
)
def test_photos_posted_through_a_group_or_app_are_both_flags(body: str) -> None:
    assert {"excessive_traces", "digital_formalism"} <= codes(body)


def test_a_video_the_department_publishes_is_not_posted_by_the_township() -> None:
    text = "县里的防诈骗宣传视频发布后，请各村干部转发到村民群。"
    assert "excessive_traces" not in codes(text)
