"""Round 6: a 收回 item that names the department's professional act as a noun ("电子秤强制检验",
"检疫出证") covers that act: a notice asking the township to run the test itself falls under it
(sample README precedence, label rule 4), not under the 配合 item of the same topic."""

from jiceng.duties.items import Category, DutyItem
from jiceng.intake.screening import Screener

from .factories import make_task

B, C, R = Category.BASIC, Category.COOPERATING, Category.RETURNED

ITEMS = [
    DutyItem(
        "M-JB-01",
        B,
        "市场监管",
        "农贸市场日常秩序管理",
        "组织农贸市场摊位划分、环境卫生和经营秩序维护。",
        "《集贸市场管理办法》",
        "乡镇",
        "",
    ),
    DutyItem(
        "M-PH-01",
        C,
        "市场监管",
        "配合开展农贸市场计量器具排查",
        "农贸市场在用计量器具排查。",
        "《中华人民共和国计量法》",
        "县市场监督管理局",
        "报告辖区农贸市场在用电子秤数量，发现短斤缺两及时报告。",
    ),
    DutyItem(
        "M-SH-01",
        R,
        "市场监管",
        "在用计量器具强制检验、登记和监督检查",
        "电子秤、加油机等在用计量器具的强制检验、登记和计量监督检查。",
        "《中华人民共和国计量法》",
        "县市场监督管理局",
        "",
    ),
    DutyItem(
        "M-JB-02",
        B,
        "民生保障",
        "临时救助申请受理",
        "受理临时救助申请，实施小额先行救助。",
        "《社会救助暂行办法》",
        "乡镇",
        "",
    ),
]

screener = Screener(ITEMS)


def test_township_asked_to_test_scales_falls_under_the_returned_item() -> None:
    task = make_task(
        "请各乡对农贸市场在用电子秤逐台进行检验，合格的贴标，月底前报数量。",
        title="农贸市场电子秤检验",
        sender="县市场监督管理局",
    )
    r = screener.screen(task)
    assert (r.decision.value, r.duty_item, r.flag_codes) == (
        "reject",
        "M-SH-01",
        ["shifting_responsibility"],
    )
