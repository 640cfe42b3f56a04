"""A township asked to issue a licence the county took back: rule 4 (returned), even where the
配合 item on the same topic names that licence as its lead's work (sample README precedence).
Our own wording and topic."""

from jiceng.duties.items import Category, DutyItem
from jiceng.intake.screening import Screener
from tests.intake.factories import make_task

B, C, R = Category.BASIC, Category.COOPERATING, Category.RETURNED

ITEMS = [
    DutyItem(
        "L-JB-01",
        B,
        "渔业",
        "渔业安全宣传和渔船停泊巡查",
        "宣传渔业安全生产知识，巡查渔港和停泊点的渔船系泊情况。",
        "《渔业法》",
        "乡镇",
        "",
    ),
    DutyItem(
        "L-PH-01",
        C,
        "渔业",
        "捕捞许可申请受理和初审",
        "县农业农村局审核发放内陆渔业捕捞许可证，监督捕捞作业。",
        "《中华人民共和国渔业法》第二十三条",
        "县农业农村局",
        "受理渔民的捕捞申请，核实渔船和船员情况，签署初审意见后报送县农业农村局。",
    ),
    DutyItem(
        "L-SH-01",
        R,
        "渔业",
        "内陆渔业捕捞许可证核发",
        "审核捕捞申请，核发内陆渔业捕捞许可证。",
        "《中华人民共和国渔业法》第二十三条",
        "县农业农村局",
        "",
    ),
    DutyItem(
        "L-SH-02",
        R,
        "渔业",
        "渔业违法行为行政处罚",
        "对非法捕捞、使用禁用渔具等违法行为立案查处。",
        "《中华人民共和国渔业法》第三十八条",
        "县农业农村局",
        "",
    ),
]

ISSUE = (
    "各乡镇：今年申请内河捕捞的渔民多，为方便群众，单船功率小的由各乡镇核实后直接给渔民开具"
    "捕捞许可证，空白证件到县局渔政股领取，每月把发证情况报我局。"
)
FORWARD = (
    "各乡镇：请受理本乡镇渔民今年的捕捞申请，核实渔船和船员情况，签署初审意见后于月底前"
    "报送县农业农村局审核。"
)


def test_issuing_the_licence_the_county_took_back_is_the_returned_power():
    r = Screener(ITEMS).screen(
        make_task(ISSUE, title="小功率渔船捕捞证由乡镇开具", sender="县农业农村局")
    )
    assert (r.decision.value, r.duty_item, r.category) == ("reject", "L-SH-01", "returned")
    assert "shifting_responsibility" in r.flag_codes


def test_forwarding_the_application_stays_the_cooperating_role():
    r = Screener(ITEMS).screen(make_task(FORWARD, title="捕捞申请受理", sender="县农业农村局"))
    assert (r.decision.value, r.duty_item) == ("admit", "L-PH-01")
