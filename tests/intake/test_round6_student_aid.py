"""Round 6: student aid (学生资助) is named in everyday words — poor students, students in
hardship (贫困学生, 困难学生) — so a notice in those words meets the duty item that says
家庭经济困难学生/学生资助 rather than another item about counting people."""

from jiceng.duties.items import Category, DutyItem
from jiceng.intake.screening import Screener
from jiceng.text.synonyms import default_lexicon

from .factories import make_task

C = Category.COOPERATING

ITEMS = [
    DutyItem(
        "S-PH-01",
        C,
        "教育",
        "协助做好学生资助政策宣传和对象核实",
        "学生资助。",
        "《中华人民共和国教育法》",
        "县教育局",
        "宣传资助政策，核实家庭经济困难学生情况",
    ),
    DutyItem(
        "S-PH-02",
        C,
        "党建",
        "配合开展流动党员排查",
        "流动党员摸底登记。",
        "《中国共产党党员教育管理工作条例》",
        "县委组织部",
        "摸排外出务工党员底数，登记联系方式",
    ),
]


def test_poor_students_join_the_student_aid_group() -> None:
    lexicon = default_lexicon()
    assert lexicon.groups_of("贫困学生") & lexicon.groups_of("家庭经济困难学生")


def test_a_head_count_of_poor_students_meets_the_student_aid_item() -> None:
    task = make_task(
        "各镇：请把本镇贫困学生的底数摸排清楚，一周内反馈。",
        title="贫困学生摸排",
        sender="县教育局",
    )
    r = Screener(ITEMS).screen(task)
    assert r.duty_item == "S-PH-01"
