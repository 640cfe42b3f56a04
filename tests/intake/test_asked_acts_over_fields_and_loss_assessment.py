"""Round 34: the sender's own field does not order the candidates when the notice asks an act
(the act tells the neighbours apart); fixing an insurance loss is the assessor's professional
work, giving notice of the insurer's survey is not; 特行 is the special-trade licence; a video
call's screenshot is no recording. Our own wording."""

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
    paying = "这个月救助金打不到卡上，请乡里用乡财政的钱先垫付，按名单送到每户。"
    matcher.match(Task("T1", "县民政局", "救助金发放", paying, 5, None), none_threshold=0.0)
    assert read == []
    # no act asked: the sender's field orders the candidates
    checking = "请乡里按名单逐户核实困难情形后报我局。"
    matcher.match(Task("T2", "县民政局", "困难情形核实", checking, 5, None), none_threshold=0.0)
    assert read == ["县民政局"]


@pytest.mark.parametrize(
    "text",
    [
        "请乡里安排人手去看受灾的船，核定损失金额后报我局。",
        "定损单由乡里填好后交给我们。",
    ],
)
def test_fixing_an_insurance_loss_is_professional(text: str) -> None:
    assert "professional" in asked_kinds(text)


def test_giving_notice_of_the_insurers_survey_is_not() -> None:
    assert "professional" not in asked_kinds(
        "保险公司的理赔员下周到村里查勘定损，请乡里提前通知受灾农户在地头等。"
    )


def test_the_special_trade_licence_has_its_short_name() -> None:
    lexicon = default_lexicon()
    assert lexicon.groups_of("民宿办特行许可证") & lexicon.groups_of("特种行业许可")


def test_a_video_calls_screenshot_is_no_recording() -> None:
    flags = flags_of("请每小时在群里接龙报人数，再截一下和值守点视频通话的画面发上来。")
    assert "excessive_traces" not in flags
    assert "digital_formalism" in flags
