"""Round 7b: the sender named as the recipient of a report ("…报我局", "送交县局") is not the doer
of the clause's work; the sender named as the subject still is ("我局将出具检测报告")."""

from tests.intake.factories import asked_kinds as kinds


def test_a_report_made_out_for_the_sender_is_asked_of_the_township() -> None:
    text = "请你乡对集镇污水处理站的出水按月出具检测报告报我局。"
    assert "professional" in kinds(text)


def test_a_report_sent_to_the_county_office_is_asked_of_the_township() -> None:
    assert "professional" in kinds("请各镇对辖区公厕出具检测报告后送交县局。")


def test_the_sender_as_subject_still_does_it_itself() -> None:
    assert "professional" not in kinds("请各镇通知业主，我局将出具检测报告。")
