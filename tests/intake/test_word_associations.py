"""Learned word associations: a notice's everyday word stands for the list's formal one.

Our own small list and wordings; the lexicons here are written for the test, so what is tested
is how screening uses associations, not what the packaged file happens to hold.
"""

from __future__ import annotations

import pytest

from jiceng.intake.screening import Screener
from jiceng.text.associations import AssociationLexicon, default_associations, load_associations
from tests.intake.factories import RIVER_CLEANING, B, make_item, make_task

ITEMS = [
    RIVER_CLEANING,
    make_item(
        "A-JB-01",
        B,
        "城乡建设",
        "违法建设日常巡查和制止",
        "巡查发现违法建设，及时劝阻制止并报告县级执法部门。",
        "乡镇",
    ),
    make_item(
        "A-JB-02",
        B,
        "卫生健康",
        "野生菌中毒防范宣传",
        "入户宣传野生菌识别常识，提醒群众不采摘、不食用不认识的野生菌。",
        "乡镇",
    ),
    make_item(
        "A-JB-03", B, "民生服务", "特殊困难老人巡访", "组织对独居、失能老人开展定期巡访。", "乡镇"
    ),
]

NONE = AssociationLexicon({})
# "菌子" is what people call wild mushrooms; the list's tokens are "野生" and "中毒"
MUSHROOMS = AssociationLexicon({"菌子": (("野生", 0.8), ("中毒", 0.6)), "乱吃": (("食用", 0.5),)})

CHAT = make_task("这阵子菌子上市，请各村挨家挨户讲一讲，认不准的菌子不要乱吃。", title="菌子季提醒")


def test_without_associations_the_colloquial_notice_is_off_the_list() -> None:
    """Control: the notice shares almost no word with the list's wording. (Its characters do:
    on this four-item list they resemble the item closely enough for the resemblance rescue,
    policy.toml ``resemblance_cosine``, which is turned off here to test the words alone.)"""
    screener = Screener(ITEMS, associations=NONE)
    screener.match_policy["resemblance_cosine"] = 2.0
    r = screener.screen(CHAT)
    assert r.duty_item is None
    assert r.decision.value == "reject"


def test_the_associated_list_words_find_the_item() -> None:
    r = Screener(ITEMS, associations=MUSHROOMS).screen(CHAT)
    assert r.duty_item == "A-JB-02"
    assert r.decision.value == "admit"


def test_reasons_show_the_notices_own_word_beside_the_list_word() -> None:
    reasons = "".join(Screener(ITEMS, associations=MUSHROOMS).screen(CHAT).reasons)
    assert "野生（通知作“菌子”）" in reasons
    # a word the notice used itself is shown plain
    used = make_task("菌子中毒的事，请各村提醒村民认不准的别吃。", title="菌子提醒")
    reasons = "".join(Screener(ITEMS, associations=MUSHROOMS).screen(used).reasons)
    assert "中毒（通知作" not in reasons and "中毒" in reasons


def test_a_faint_association_counts_but_is_not_named_as_common_ground() -> None:
    """A notice word calling "中毒" to mind at 0.25, under policy.toml
    ``association_reason_strength`` (0.3): the pair still counts in retrieval, but a reviewer
    is not told "中毒" is what the notice and the item share."""
    faint = AssociationLexicon({"菌子": (("野生", 0.8), ("中毒", 0.25))})
    screener = Screener(ITEMS, associations=faint)
    assert screener.match_policy["association_reason_strength"] == 0.3
    r = screener.screen(CHAT)
    reasons = "".join(r.reasons)
    assert r.duty_item == "A-JB-02"
    assert "野生（通知作“菌子”）" in reasons
    assert "中毒（通知作" not in reasons
    # at the floor it is named
    at_floor = AssociationLexicon({"菌子": (("野生", 0.8), ("中毒", 0.3))})
    named = Screener(ITEMS, associations=at_floor).screen(CHAT).reasons
    assert "中毒（通知作“菌子”）" in "".join(named)
    # the faint pair still counts: the notice's words, as retrieval weighs them, include "中毒"
    bag, own = screener.matcher.query_bag(screener.matcher.query_parts(CHAT))
    assert "中毒" not in own and bag["中毒"] > 0


def test_source_names_the_strongest_word_at_or_above_the_floor() -> None:
    lexicon = AssociationLexicon({"甲": (("目标", 0.2),), "乙": (("目标", 0.4),)})
    assert lexicon.source("目标", {"甲", "乙"}) == "乙"
    assert lexicon.source("目标", {"甲"}) == "甲"
    assert lexicon.source("目标", {"甲"}, min_strength=0.3) is None
    assert lexicon.source("目标", {"甲", "乙"}, min_strength=0.4) == "乙"


def test_expansion_adds_only_words_some_item_holds() -> None:
    bag = {"菌子": 2.0, "季节": 1.0}
    MUSHROOMS.restricted_to({"中毒"}).expand(bag, weight=0.5)
    assert bag == {"菌子": 2.0, "季节": 1.0, "中毒": pytest.approx(2.0 * 0.6 * 0.5)}


def test_a_word_the_notice_used_itself_gains_weight() -> None:
    bag = {"菌子": 1.0, "中毒": 1.0}
    MUSHROOMS.expand(bag, weight=0.5)
    assert bag["中毒"] == pytest.approx(1.0 + 0.6 * 0.5)
    assert bag["野生"] == pytest.approx(0.8 * 0.5)


def test_weight_zero_switches_expansion_off() -> None:
    bag = {"菌子": 1.0}
    MUSHROOMS.expand(bag, weight=0.0)
    assert bag == {"菌子": 1.0}


def test_the_strongest_notice_word_is_named_as_the_source() -> None:
    lexicon = AssociationLexicon({"菌子": (("野生", 0.8),), "蘑菇": (("野生", 0.9),)})
    assert lexicon.source("野生", ["菌子", "蘑菇"]) == "蘑菇"
    assert lexicon.source("野生", ["季节"]) is None


def test_words_of_equal_strength_name_the_same_source_in_any_order() -> None:
    # the notice's words arrive as a set, whose order changes with the hash seed between runs
    lexicon = AssociationLexicon({"菌子": (("野生", 0.8),), "蘑菇": (("野生", 0.8),)})
    assert lexicon.source("野生", ["菌子", "蘑菇"]) == lexicon.source("野生", ["蘑菇", "菌子"])


def test_a_restricted_lexicon_drops_words_without_list_words() -> None:
    assert MUSHROOMS.restricted_to({"野生"}).pairs == {"菌子": (("野生", 0.8),)}


def test_the_file_format_and_its_errors() -> None:
    lexicon = load_associations("# comment\n违建\t违法建设\t0.7\n违建\t拆除\t0.2\n")
    assert lexicon.pairs == {"违建": (("违法建设", 0.7), ("拆除", 0.2))}
    assert len(lexicon) == 2
    with pytest.raises(ValueError, match="第 2 行"):
        load_associations("违建\t违法建设\t0.7\n违建\t拆除\n")
    with pytest.raises(ValueError, match="第 1 行第 3 列"):
        load_associations("违建\t违法建设\t高\n")


def test_the_packaged_lexicon_is_the_default_and_well_formed() -> None:
    packaged = default_associations()
    assert len(packaged) > 1000
    assert all(
        0 < strength <= 1 and word != listed
        for word, pairs in packaged.pairs.items()
        for listed, strength in pairs
    )
    assert Screener(ITEMS).matcher.associations is packaged


def test_a_topic_reads_without_its_group_qualifier() -> None:
    """The packaged synonym group "退役军人-俗称" (老兵, 复员军人…) reads as its topic in a reason,
    once, not by its internal name."""
    veterans = make_item(
        "V-JB-01",
        B,
        "退役军人事务",
        "退役军人走访慰问",
        "节日走访慰问退役军人和优抚对象，了解困难诉求。",
        "乡镇",
    )
    task = make_task("请各村把辖区老兵、复员军人走访一遍，了解生活困难。", title="走访老兵")
    first = Screener([veterans, RIVER_CLEANING]).screen(task).reasons[0]
    common = first.split("共同要点：", 1)[1].rstrip("。").split("、")
    assert "退役军人" in common
    assert len(common) == len(set(common))
    assert "俗称" not in first
