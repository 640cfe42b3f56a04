"""Round 7a: returned items are written narrowly. Asked to inspect and order rectification
(enforcement, like a penalty), the township is doing the 配合 item's lead's core job when the
收回 item took back only licensing and penalties (label rule 3, not rule 4). Our own wording."""

from jiceng.duties.items import Category, DutyItem
from jiceng.intake.records import Task
from jiceng.intake.screening import Screener

B, C, R = Category.BASIC, Category.COOPERATING, Category.RETURNED

ITEMS = [
    DutyItem(
        "K-JB-01",
        B,
        "教育",
        "控辍保学",
        "组织劝返失学辍学适龄儿童少年。",
        "《中华人民共和国义务教育法》",
        "乡镇",
        "",
    ),
    DutyItem(
        "K-PH-01",
        C,
        "教育",
        "校外培训机构治理配合",
        "县教育局对校外培训机构实施监督检查和执法。",
        "《中华人民共和国民办教育促进法》",
        "县教育局",
        "摸排辖区校外培训机构底数，发现无证办学线索报告县教育局。",
    ),
    DutyItem(
        "K-SH-01",
        R,
        "教育",
        "校外培训机构办学许可和违规处罚",
        "审批校外培训机构办学许可，对违规培训行为作出行政处罚。",
        "《中华人民共和国民办教育促进法》",
        "县教育局",
        "",
    ),
    DutyItem(
        "K-JB-02",
        B,
        "综合政务",
        "镇村档案管理",
        "管理镇级文书档案和村级档案。",
        "《中华人民共和国档案法》",
        "乡镇",
        "",
    ),
]


def screen(body: str):
    task = Task(
        id="T1",
        from_department="县教育局",
        title="校外培训机构治理",
        body=body,
        deadline_days=30,
        upstream=None,
    )
    return Screener(ITEMS).screen(task)


def test_inspection_asked_is_the_leads_core_job_not_the_returned_penalty() -> None:
    r = screen(
        "各镇：暑期校外培训机构违规办学多发。请各镇对辖区培训机构逐家开展执法检查，"
        "制作检查记录，发现问题的下达责令整改通知书，检查记录报县局。"
    )
    assert (r.duty_item, r.decision.value) == ("K-PH-01", "reject")
    assert r.flag_codes == ["shifting_responsibility"]


def test_penalty_asked_is_the_returned_power() -> None:
    r = screen(
        "各镇：暑期校外培训机构违规办学多发。请各镇对查实违规办学的培训机构直接作出行政处罚，"
        "处罚决定报县局备案。"
    )
    assert (r.duty_item, r.decision.value) == ("K-SH-01", "reject")
