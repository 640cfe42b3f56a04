"""Round 7b: the thing a signature goes on, or the law requiring a station, is often named as the
topic in the clause before the demand ("…等法律文书，须由当事人签字"; "根据《X法》…的规定，…设立
服务站"): rule-8 traps are looked for there too."""

from jiceng.intake.flags import FlagDetector

detector = FlagDetector()


def codes(body: str) -> set[str]:
    return {f.code for f in detector.detect_text("body", body)}


def test_signature_on_a_legal_document_named_in_the_clause_before() -> None:
    body = "林木采伐许可证、采伐作业合同等法律文书，须由林权人本人签字并加盖公章后归档。"
    assert "excessive_traces" not in codes(body)


def test_station_the_law_requires_named_in_the_clause_before() -> None:
    body = "依照《中华人民共和国公共文化服务保障法》的规定，新设的北岸社区还没有建立文化服务站。"
    assert "signboard" not in codes(body)


def test_signatures_and_seals_on_a_routine_record_still_are_traces() -> None:
    body = "每次巡查结束，巡查记录须由巡查员签字并加盖公章后报镇里。"
    assert "excessive_traces" in codes(body)
