"""Round 7b: photos demanded at each routine work place ("每个回收点", "每个摊位") prove the work
was done — excessive traces — unlike photos of each hazard or problem found (label rule 8)."""

from jiceng.intake.flags import FlagDetector

detector = FlagDetector()


def codes(body: str) -> set[str]:
    return {f.code for f in detector.detect_text("body", body)}


def test_photos_at_each_routine_work_place_are_traces() -> None:
    body = "每个回收点的保洁员上岗后拍一张照片发到镇环卫工作群。"
    assert "excessive_traces" in codes(body)


def test_photos_of_each_hazard_found_are_not() -> None:
    assert "excessive_traces" not in codes("每处隐患拍照两张，注明位置后报县应急局。")


def test_photos_at_each_work_point_before_and_after_are_traces() -> None:
    body = "每个消杀点位在作业前、作业后各拍3张照片，交镇爱卫办存档。"
    assert "excessive_traces" in codes(body)


def test_photos_of_each_parcel_checked_are_not() -> None:
    body = "请逐个核实图斑地块的现状，对每个点位拍摄一组现场照片，填写核查表。"
    assert "excessive_traces" not in codes(body)
