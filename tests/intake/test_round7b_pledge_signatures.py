"""Round 7b: signatures and thumbprints on a pledge named in the clause before ("签订防溺水承诺书，
每名家长签字按手印") are the pledge's own burden; photos of the signing stay traces of their own."""

from jiceng.intake.flags import FlagDetector

detector = FlagDetector()


def codes(text: str) -> set[str]:
    return {f.code for f in detector.detect_text("body", text)}


def test_signatures_on_the_pledge_of_the_clause_before_are_its_burden() -> None:
    assert codes("本周内完成暑期防溺水家长承诺书签订，每名家长签字按手印。") == {"pledge_veto"}


def test_photos_of_the_signing_stay_traces() -> None:
    text = "本周内完成暑期防溺水家长承诺书签订，签订情况逐户拍照留存。"
    assert codes(text) == {"pledge_veto", "excessive_traces"}
