"""Learning from reviewed examples: wording seen in practice is matched next time, the no-match
threshold is re-fitted, and the engine still works without examples."""

from jiceng.intake.learning import LabelledTask, fit_threshold
from jiceng.intake.screening import Screener

from .factories import ITEMS, make_task


def labelled(
    body: str, title: str, item: str | None, decision: str = "admit", category: str = "basic"
) -> LabelledTask:
    return LabelledTask(
        make_task(body, title=title),
        {"decision": decision, "duty_item": item, "category": category, "flags": []},
    )


def test_fit_threshold_separates_and_shrinks_to_default() -> None:
    # the default 0.4 lets the no-match examples at 0.45 through; the best cut is 0.525
    scored = [(0.05, True), (0.45, True), (0.6, False), (0.7, False)] * 5
    fitted = fit_threshold(scored, default=0.4)
    assert 0.4 < fitted < 0.525
    assert fit_threshold([], default=0.4) == 0.4
    assert fit_threshold([(0.5, False)], default=0.4) == 0.4


def test_fit_threshold_shrinks_more_with_fewer_no_match_examples() -> None:
    many = [(0.45, True)] * 8 + [(0.6, False)] * 30
    few = [(0.45, True)] * 2 + [(0.6, False)] * 36
    assert fit_threshold(few, default=0.4) - 0.4 < fit_threshold(many, default=0.4) - 0.4


def test_fit_threshold_stays_when_the_default_already_separates() -> None:
    # a cut nearer the examples would make no fewer errors: the default is kept
    scored = [(0.05, True), (0.1, True), (0.5, False), (0.6, False)] * 10
    assert fit_threshold(scored, default=0.4) == 0.4


def test_examples_teach_local_wording() -> None:
    # "扫楼" and "飞线" are local words for door-to-door hazard checks the list never uses
    body = "请各村组织扫楼，重点看飞线和楼道停车，发现情况报大队。"
    task = make_task(body, title="关于开展扫楼行动的通知")
    task = type(task)(task.id, "县消防救援大队", task.title, task.body)
    examples = [
        labelled(
            f"请第{i}网格扫楼，查看飞线和楼道停车情况并报告。",
            "关于扫楼查飞线的提醒",
            "F-PH-02",
            category="cooperating",
        )
        for i in range(3)
    ]
    learned = Screener(ITEMS, examples=examples).screen(task)
    assert learned.duty_item == "F-PH-02"
    assert learned.decision.value == "admit"


def test_without_examples_defaults_are_used() -> None:
    s = Screener(ITEMS)
    assert s.learned.extra_texts == {}
    assert s.none_threshold > 0


def test_only_repeated_local_words_of_one_item_are_learned() -> None:
    examples = [
        labelled(
            "请各村组织扫楼，查看飞线情况并报告。",
            "关于扫楼的提醒",
            "F-PH-02",
            category="cooperating",
        ),
        labelled(
            "请第二网格扫楼，发现问题报告大队。",
            "关于扫楼的提醒",
            "F-PH-02",
            category="cooperating",
        ),
        labelled("请各村评选百佳庭院，组织巡访独居老人。", "关于巡访的通知", "F-JB-05"),
        labelled("请各村评选百佳庭院，清理房前屋后。", "关于保洁的通知", "F-JB-02"),
    ]
    bm25 = Screener(ITEMS, examples=examples).matcher.bm25
    assert bm25.term_idf("扫楼") > 0  # repeated in examples of one item: local wording
    assert bm25.term_idf("飞线") == 0  # seen once: chance
    assert bm25.term_idf("百佳") == 0  # in examples of two items: not that item's wording
