"""森防办 is as often the forest-fire office as the pest-control station: it names no pest topic.
A finding established by a body ("经省检测中心检测确认") was that body's act, not one asked of the
township. Our own wording."""

from jiceng.intake.acts import ActAnalyzer
from jiceng.text.synonyms import default_lexicon

from .factories import asked_kinds


def test_the_forest_office_abbreviation_names_no_pest_topic():
    tokens = default_lexicon().group_tokens("请各镇森防办安排人员守好进山卡点。")
    assert not any("有害生物" in t for t in tokens)
    assert any("有害生物" in t for t in default_lexicon().group_tokens("发现枯死松树及时上报。"))


def test_a_finding_established_by_a_body_is_not_asked():
    acts = ActAnalyzer()
    text = "去年普查发现疑似疫情，经省林业检测中心检测确认，共有疫木300株。"
    assert acts.power_asks("body", text) == []
    assert "professional" not in asked_kinds(text)
    assert acts.power_asks("body", "请各乡对上报的疫木逐株确认后登记。")
