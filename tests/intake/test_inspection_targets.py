"""Inspection burden is on the township being inspected, ranked or scored (2024 rules 三), not a
department's inspection of businesses the township only staffs, the county's own standing, or
businesses the township scores. Our own wording."""

from jiceng.intake.screening import Screener
from tests.intake.factories import ITEMS, make_task


def flags_of(body: str, sender: str = "县消防救援大队") -> list[str]:
    return Screener(ITEMS).screen(make_task(body, title="有关工作", sender=sender)).flag_codes


def test_a_departments_second_round_the_township_staffs_is_not_its_burden():
    body = "各乡：群租房整治下周开展第二轮联合检查，请提前通知房东，联合检查时派员配合。"
    assert "inspection_burden" not in flags_of(body)


def test_a_second_round_of_inspecting_the_townships_still_is():
    body = "各乡：县里将对各乡消防工作开展第二轮督查，请提前准备迎检材料。"
    assert "inspection_burden" in flags_of(body)


def test_the_countys_own_ranking_and_businesses_scored_are_not_the_townships():
    body = "各乡：请组织人员对全乡企业逐项检查打分，20日内完成，确保我县在全市排名靠前。"
    assert "inspection_burden" not in flags_of(body, sender="县应急管理局")
    ranked = "各乡：县里将组织检查，检查结果对各乡排名通报。"
    assert "inspection_burden" in flags_of(ranked, sender="县应急管理局")


def test_monthly_cross_inspection_among_townships_scored_and_ranked():
    body = "各乡：从下月起每月组织各乡之间交叉互查安全生产台账，按评分表打分，按得分排名通报。"
    r = Screener(ITEMS).screen(make_task(body, title="交叉互查", sender="县安委办"))
    assert "inspection_burden" in r.flag_codes
