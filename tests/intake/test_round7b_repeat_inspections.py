"""Round 7b: a repeated inspection said as an ordinal ("第四次检查", "再次督查") or every few
weeks ("每三周开展一次抽查") is the inspection burden (label rule 7: ad hoc or repeated
inspection)."""

import pytest

from jiceng.intake.flags import FlagDetector

detector = FlagDetector()


def codes(text: str) -> set[str]:
    return {f.code for f in detector.detect_text("body", text)}


@pytest.mark.parametrize(
    "text",
    [
        "下周县林业局将对各乡护林台账开展第四次检查，请提前准备。",
        "上月检查后问题仍未销号，县里决定再次督查。",
        "自下月起每三周开展一次消防台账抽查，结果通报。",
    ],
)
def test_repeated_inspections_are_flagged(text: str) -> None:
    assert "inspection_burden" in codes(text)


def test_a_single_check_is_not() -> None:
    assert "inspection_burden" not in codes(
        "请各乡在汛前对山塘开展一次安全检查，发现隐患及时报告。"
    )
