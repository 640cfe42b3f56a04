"""Round 6: the civil air defence office (人民防空办公室, 人防办) is a county department of its
own (《中华人民共和国人民防空法》第七条): it is not the lead of another department's 配合 item
(label rule 2), and it does lead its own."""

from jiceng.intake.departments import DepartmentMatcher

matcher = DepartmentMatcher()


def test_civil_air_defence_office_is_not_the_culture_bureau() -> None:
    assert matcher.plausible_lead("县人民防空办公室", "县文化体育广播电视和旅游局") is False


def test_civil_air_defence_office_leads_its_own_items() -> None:
    assert matcher.plausible_lead("县人防办", "县人民防空办公室") is True
