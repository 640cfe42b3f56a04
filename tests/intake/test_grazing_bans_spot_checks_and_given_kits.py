"""Wording met in H24 (studied after its blind score), in our own text: grazing in a banned area
(偷牧, 夜牧) belongs with the grazing-ban items (禁牧休牧); a spot check (抽检) is professional work
asked of the township and named by a returned item; the sender as the giver of a kit ("使用我局
下发的快检试剂") is not the clause's doer."""

from jiceng.duties.items import Category, DutyItem
from jiceng.intake.acts import ActAnalyzer
from jiceng.text.synonyms import default_lexicon
from tests.intake.factories import asked_kinds


def test_grazing_in_a_banned_area_joins_the_grazing_ban_group():
    lexicon = default_lexicon()
    assert lexicon.groups_of("查处偷牧") & lexicon.groups_of("违反禁牧规定")
    assert lexicon.groups_of("夜牧") & lexicon.groups_of("休牧期")


def test_a_spot_check_asked_of_the_township_is_professional_work():
    assert "professional" in asked_kinds("请各乡组织力量对辖区小餐馆开展一轮食品安全抽检。")


def test_a_returned_item_naming_spot_checks_covers_that_act():
    item = DutyItem(
        "X-SH-01",
        Category.RETURNED,
        "市场监管",
        "食品经营许可和监督抽检",
        "食品经营许可和食品安全监督抽检由县市场监督管理局负责。",
        "《中华人民共和国食品安全法》",
        "县市场监督管理局",
        "",
    )
    assert "professional" in ActAnalyzer().item_kinds(item)


def test_the_sender_giving_a_kit_is_not_the_doer():
    assert "professional" in asked_kinds("请各乡使用我局下发的快检试剂对农家乐逐户检测。")
    assert "professional" not in asked_kinds("快检由我局执法人员负责，请各乡派人带路。")
