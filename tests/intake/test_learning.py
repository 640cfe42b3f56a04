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
    scored = [(0.05, True), (0.1, True), (0.5, False), (0.6, False)] * 10
    fitted = fit_threshold(scored, default=0.4)
    assert 0.1 < fitted < 0.4
    assert fit_threshold([], default=0.4) == 0.4
    assert fit_threshold([(0.5, False)], default=0.4) == 0.4


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
