"""The sender declaring that it carries out the inspection itself ("检查工作由我局…负责实施") makes
the inspection named elsewhere its own; an act named with its application ("认定申请请按规定受
理") is not taken; meetings called again level by level ("各村再召开户主会") are a cascade, unless
the notice rules them out ("不再召开专题会议"). Our own wording."""

from jiceng.duties.items import Category, DutyItem
from jiceng.intake.acts import ActAnalyzer

from .factories import asked_kinds, flags_of

SUBSIDY = DutyItem(
    "W-PH-01",
    Category.COOPERATING,
    "社会救助",
    "临时救助对象认定",
    "县民政局认定临时救助对象。",
    "《社会救助暂行办法》",
    "县民政局",
    "受理申请，入户调查，提出初审意见",
)


def test_an_inspection_the_sender_declares_its_own_is_not_asked():
    text = "为做好集市价格监督检查，请乡里提供摊点名单。检查工作由我局市场监管所负责实施。"
    assert "enforcement" not in asked_kinds(text)
    assert "enforcement" in asked_kinds("请乡里对集市摊点开展价格监督检查。")


def test_an_act_named_with_its_application_is_not_taken():
    acts = ActAnalyzer()
    assert acts.lead_decisions("body", "各乡：临时救助认定申请请按规定受理。", SUBSIDY) == []
    assert acts.lead_decisions("body", "请各乡直接认定临时救助对象。", SUBSIDY)


def test_meetings_called_again_level_by_level():
    cascade = "乡里召开动员会后，各村要召开动员会，各村民小组再召开户主会。"
    assert "meeting_burden" in flags_of(cascade)
    assert "meeting_burden" not in flags_of("请分管副乡长参加对接会，之后不再召开专题会议。")
