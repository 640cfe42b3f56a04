"""Inner Mongolia's names for the levels (旗 for the county, 苏木 for the township, 嘎查 for the
village) are read as the other provinces' 县, 乡镇 and 村: a 苏木 asked to test is asked, a 旗
bureau that tests does it itself, and a 苏木 office is the township's own. Our own wording."""

from jiceng.intake.acts import ActAnalyzer
from jiceng.intake.matching import _TOWNSHIP_OFFICE

_ACTS = ActAnalyzer()


def _asked(text: str) -> set[str]:
    return {a.kind for a in _ACTS.asked_acts("body", text)}


def test_an_act_the_sumu_does_itself_is_asked() -> None:
    assert "professional" in _asked("今年由各苏木组织兽医站人员开展采样检测，结果报旗里。")


def test_an_act_a_banner_bureau_does_is_not_asked() -> None:
    assert not _asked("旗兽医站定于下周对各嘎查牛羊开展采样检测。")


def test_the_sumu_addressed_again_takes_the_clause_back() -> None:
    agents = dict(
        (c.text, other)
        for c, other in _ACTS.clause_agents("旗林草局将组织飞防作业，各苏木负责通知牧户转场。")
    )
    assert agents["旗林草局将组织飞防作业，"] is True
    assert agents["各苏木负责通知牧户转场。"] is False


def test_a_sumu_office_is_the_townships_own() -> None:
    assert _TOWNSHIP_OFFICE.match("巴音苏木党政综合办公室")
    assert not _TOWNSHIP_OFFICE.match("旗农牧局巴音苏木畜牧兽医站")
