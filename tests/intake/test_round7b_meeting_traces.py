"""Round 7b: a video meeting or call ("每天召开视频会商会") is a meeting, not a recording
demanded; photos of a meeting however it is named ("部署会照片", "会场照片") are traces."""

from jiceng.intake.flags import FlagDetector

detector = FlagDetector()


def codes(text: str) -> set[str]:
    return {f.code for f in detector.detect_text("body", text)}


def test_a_daily_video_meeting_is_no_recording() -> None:
    assert "excessive_traces" not in codes("森林防火期内每天下午5点召开视频会商会，分管领导参加。")


def test_photos_of_a_meeting_are_traces() -> None:
    assert "excessive_traces" in codes("会后各乡召开部署会，部署会照片和记录报县林业局。")


def test_a_daily_video_recording_still_is() -> None:
    assert "excessive_traces" in codes("护林员每天巡山要录一段视频，晚上发给乡林业站。")
