"""Round 34: the sender's own field does not order the candidates when the notice asks an act
(the act tells the neighbours apart); fixing an insurance loss is the assessor's professional
work, giving notice of the insurer's survey is not; 特行 is the special-trade licence; a video
call's screenshot is no recording; colloquial names (村支书, 老头乐, 泔水…) join the official
terms' groups. Our own wording."""

import numpy as np
import pytest

from jiceng.intake.records import Task
from jiceng.intake.screening import Screener
from jiceng.text.synonyms import default_lexicon

from .factories import RIVER_CLEANING, B, C, R, asked_kinds, flags_of, make_item

RELIEF = [
    make_item(
        "A-JB-01",
        B,
        "民政",
        "临时救助受理",
        "受理临时救助申请，调查核实困难情形，对急难情形先行救助。",
        "乡镇",
    ),
    make_item(
        "A-SH-01",
        R,
        "惠民资金发放",
        "救助金社会化发放",
        "救助金经审核确认后由县民政局通过银行直接发放到户。",
        "县民政局",
    ),
    make_item(
        "A-PH-01",
        C,
        "民政",
        "低保对象入户核查",
        "县民政局组织低保对象年度核查。",
        "县民政局",
        "入户核实比对疑点，反馈核查结果。",
    ),
    RIVER_CLEANING,
]


def test_the_senders_field_is_not_read_when_an_act_is_asked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    matcher = Screener(RELIEF).matcher
    read: list[str] = []
    monkeypatch.setattr(
        matcher, "_own_field", lambda sender: read.append(sender) or np.ones(len(RELIEF))
    )
    # paying the relief out of the township's funds: the act tells the neighbours apart
    paying = "本月救助金无法直接打卡，请乡里先从乡财政资金中垫付，按名单送到每户。"
    matcher.match(Task("T1", "县民政局", "救助金发放", paying, 5, None), none_threshold=0.0)
    assert read == []
    # no act asked: the sender's field orders the candidates
    checking = "请乡里按名单逐户核实困难情形后报我局。"
    matcher.match(Task("T2", "县民政局", "困难情形核实", checking, 5, None), none_threshold=0.0)
    assert read == ["县民政局"]


@pytest.mark.parametrize(
    "text",
    [
        "请乡里派人到受损渔船现场逐条核对，核定损失金额后报我局。",
        "请乡里填写定损单，连同事故证明一并报送。",
    ],
)
def test_fixing_an_insurance_loss_is_professional(text: str) -> None:
    assert "professional" in asked_kinds(text)


def test_giving_notice_of_the_insurers_survey_is_not() -> None:
    assert "professional" not in asked_kinds(
        "保险公司已组织查勘人员下周到村查勘定损，请乡里提前通知受灾农户在地块等候。"
    )


def test_the_special_trade_licence_has_its_short_name() -> None:
    lexicon = default_lexicon()
    assert lexicon.groups_of("民宿办特行许可证") & lexicon.groups_of("特种行业许可")


def test_a_video_calls_screenshot_is_no_recording() -> None:
    flags = flags_of("请每小时在群里接龙报人数，并截一张值班室视频连线的画面发上来。")
    assert "excessive_traces" not in flags
    assert "digital_formalism" in flags


@pytest.mark.parametrize(
    ("everyday", "listed"),
    [
        ("村支书", "村党组织书记"),
        ("打零工的人", "灵活就业人员"),
        ("老头乐", "低速电动车"),
        ("收泔水", "餐厨废弃物"),
        ("村里大喇叭", "应急广播"),
        ("事实孤儿", "事实无人抚养儿童"),
    ],
)
def test_colloquial_names_join_the_official_terms_group(everyday: str, listed: str) -> None:
    lexicon = default_lexicon()
    assert lexicon.groups_of(everyday) & lexicon.groups_of(listed)
