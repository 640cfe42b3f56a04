"""Comparing two versions of a duty list."""

from __future__ import annotations

from dataclasses import replace

from jiceng.duties.diff import diff_lists
from jiceng.duties.items import Category, DutyItem

B, C, R = Category.BASIC, Category.COOPERATING, Category.RETURNED
OLD = [
    DutyItem("JB-001", B, "党建", "组织村级换届", "指导换届。", "", "乡镇", "乡镇党委负责"),
    DutyItem("JB-002", B, "民政", "受理临时救助", "受理申请。", "", "乡镇", "乡镇民政办负责"),
    DutyItem("JB-003", B, "执法", "查处违法建设", "拆除违建。", "", "乡镇", "乡镇负责"),
    DutyItem("PH-001", C, "应急", "配合燃气排查", "入户排查。", "", "县住建局", "摸排底数"),
    DutyItem("SH-001", R, "市场", "特种设备检查", "检查电梯。", "", "县市场监管局", ""),
]


def test_identical_lists_have_no_diff() -> None:
    diff = diff_lists(OLD, list(OLD))
    assert diff.is_empty
    assert diff.summary() == "两个版本内容相同。"


def test_added_removed_changed() -> None:
    new = [
        OLD[0],
        replace(OLD[1], content="受理并审核急难型临时救助申请。", basis="《社会救助暂行办法》"),
        OLD[3],
        OLD[4],
        DutyItem("JB-004", B, "民政", "高龄津贴初审", "初审。", "", "乡镇", "乡镇民政办负责"),
    ]
    diff = diff_lists(OLD, new)
    assert [it.id for it in diff.added] == ["JB-004"]
    assert [it.id for it in diff.removed] == ["JB-003"]
    [changed] = diff.changed
    assert changed.id == "JB-002" and changed.fields == ("content", "basis")
    assert changed.changes["basis"] == ("", "《社会救助暂行办法》")
    assert not diff.moved and not diff.renumbered
    assert diff.summary() == "新增 1 项，删除 1 项，修改内容 1 项。"


def test_category_move_with_new_id_is_a_renumbered_move() -> None:
    returned = replace(
        OLD[2], id="SH-002", category=R, lead_department="县综合行政执法局", township_role=""
    )
    diff = diff_lists(OLD, [OLD[0], OLD[1], OLD[3], OLD[4], returned])
    assert not diff.added and not diff.removed
    [renum] = diff.renumbered
    assert (renum.old_id, renum.new_id) == ("JB-003", "SH-002")
    [moved] = diff.moved
    assert (moved.id, moved.old_id, moved.from_category, moved.to_category) == (
        "SH-002",
        "JB-003",
        B,
        R,
    )
    assert diff.changed[0].fields == ("lead_department", "township_role")
    assert any("调整为上级部门收回事项" in line for line in diff.describe())


def test_same_id_new_category_is_moved() -> None:
    diff = diff_lists(OLD, [*OLD[:3], replace(OLD[3], category=R), OLD[4]])
    assert [(m.id, m.from_category, m.to_category) for m in diff.moved] == [("PH-001", C, R)]
    assert not diff.changed


def test_ambiguous_names_are_not_paired() -> None:
    twin = DutyItem("JB-010", B, "民政", "受理临时救助", "另一个。", "", "乡镇", "")
    twin2 = replace(twin, id="JB-011")
    diff = diff_lists(OLD, [OLD[0], OLD[2], OLD[3], OLD[4], twin, twin2])
    assert not diff.renumbered
    assert [it.id for it in diff.added] == ["JB-010", "JB-011"]
    assert [it.id for it in diff.removed] == ["JB-002"]
