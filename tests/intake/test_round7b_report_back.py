"""Round 7b: a sentence that only sends back the count or the list the formalism produces ("把各村
下载数报镇里汇总，月底前必须完成", "名单请于周五前报县局") asks no work of its own: a quota and its
report-back are a rule-7 reject; real work beside the quota keeps the task a revise."""

from jiceng.duties.items import Category, DutyItem
from jiceng.intake.decision import _reports_back
from jiceng.intake.screening import Screener

from .factories import make_task

ITEMS = [
    DutyItem(
        "Q-JB-01",
        Category.BASIC,
        "综合政务",
        "网上办事平台推广和政务服务代办",
        "推广网上办事平台注册使用，为群众代办政务服务事项。",
        "《国务院关于加快推进全国一体化在线政务服务平台建设的指导意见》",
        "乡镇",
        "",
    ),
]

screener = Screener(ITEMS)


def test_a_quota_and_its_report_back_is_rule7() -> None:
    task = make_task(
        "各乡：政务服务网上办事平台推广任务已分到各乡，每村注册不少于200人，"
        "群众办事时可以帮着注册。每天下午6点前把各村完成数报乡便民服务中心汇总，月底前必须完成。",
        title="网上办事平台注册推广",
        sender="县政务服务中心",
    )
    r = screener.screen(task)
    assert r.decision.value == "reject"
    assert "forced_apportionment" in r.flag_codes


def test_real_work_beside_the_quota_stays_a_revise() -> None:
    task = make_task(
        "各乡：政务服务网上办事平台推广任务已分到各乡，每村注册不少于200人。"
        "请各乡便民服务中心为老年人上门代办养老资格认证等事项，每月梳理代办台账。",
        title="网上办事平台推广和代办服务",
        sender="县政务服务中心",
    )
    assert screener.screen(task).decision.value == "revise"


def test_report_back_sentences() -> None:
    assert _reports_back("抽调人员名单请于本周三前报县局办公室。")
    assert _reports_back("每天傍晚把各组完成数报镇里汇总，月底前必须完成。")
    assert not _reports_back("请于本周三前组织村干部逐户走访并报县局。")
