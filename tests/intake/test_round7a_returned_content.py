"""Round 7a: a 收回 item's power is often spelled out in its content, not its name ("…监督管理"
names only a field). A clause making the township the doer of work only that content names is
the returned power pushed down (sample README precedence; label rule 4). The offences an
enforcement power punishes ("查处非法捕捞") are not the power. Our own wording and topic."""

from jiceng.duties.items import Category, DutyItem
from jiceng.intake.acts import ActAnalyzer
from jiceng.intake.precedence import ReturnedPowers
from jiceng.intake.records import Task
from jiceng.intake.screening import Screener

B, C, R = Category.BASIC, Category.COOPERATING, Category.RETURNED

ITEMS = [
    DutyItem(
        "Y-JB-01",
        B,
        "农业农村",
        "渔业安全生产宣传",
        "组织渔民安全生产宣传教育，张贴安全提示。",
        "《中华人民共和国安全生产法》",
        "乡镇",
        "",
    ),
    DutyItem(
        "Y-PH-01",
        C,
        "农业农村",
        "渔船安全管理配合",
        "县农业农村局负责渔业船舶安全监管。",
        "《渔业船舶检验条例》",
        "县农业农村局",
        "掌握本镇渔船和渔民底数，宣传安全作业，发现渔船安全隐患报告县农业农村局。",
    ),
    DutyItem(
        "Y-SH-01",
        R,
        "农业农村",
        "渔业船舶监督管理",
        "渔船进出港签证、船员证书核发由县农业农村局实施，依法查处非法捕捞。",
        "《中华人民共和国渔业法》",
        "县农业农村局",
        "",
    ),
    DutyItem(
        "Y-JB-02",
        B,
        "综合政务",
        "镇村档案管理",
        "管理镇级文书档案和村级档案。",
        "《中华人民共和国档案法》",
        "乡镇",
        "",
    ),
]


def test_power_in_the_returned_items_content_pushed_down() -> None:
    body = (
        "各镇：开渔后本县渔船出海增多，县渔政站人手紧张。自下月起，"
        "渔船进出港签证由所在镇负责，请镇里指定专人在码头值守办理。"
    )
    task = Task(
        id="T1",
        from_department="县农业农村局",
        title="渔船安全管理",
        body=body,
        deadline_days=None,
        upstream=None,
    )
    r = Screener(ITEMS).screen(task)
    assert (r.duty_item, r.decision.value) == ("Y-SH-01", "reject")


def test_offences_an_enforcement_power_punishes_are_not_the_power() -> None:
    powers = ReturnedPowers(ITEMS, ActAnalyzer(), top_k=5)
    words = powers._power_words(ITEMS[2].content)
    assert "签证" in words or "进出港" in words
    assert "捕捞" not in words and "非法" not in words
