"""Precedents: a recurring kind of task is read as the reviewer read it last time.

The 县公安局 of our fictional county calls its campaign against renting out bank and phone cards
"断卡行动" — a name the duty list never uses. Once a reviewer has filed last year's notice under
the anti-fraud item, this year's chat message (another clerk, other words) is filed there too;
the decision is still taken on this year's text.
"""

from jiceng.intake.learning import LabelledTask
from jiceng.intake.precedents import TrialPin, best_cut
from jiceng.intake.records import Task
from jiceng.intake.screening import Screener

from .factories import ITEMS

POLICE = "县公安局"

LAST_YEAR = Task(
    "R1-7",
    POLICE,
    "断卡行动",
    "断卡行动启动。请各村逐户上门，对名单上的青年讲明买卖银行卡、电话卡的法律后果，督促其签收告知书。",
    10,
    None,
)
THIS_YEAR = Task(
    "R2-3",
    POLICE,
    "断卡行动第二轮",
    "@各村 断卡行动第二轮开始，名单已发群里，请把名单上的年轻人叫到村部，"
    "讲清楚出租出借银行卡、手机卡的后果，让他们签个知晓书。",
    7,
    None,
)


def reviewed(task: Task, item: str | None, decision: str, category: str, flags=()) -> LabelledTask:
    return LabelledTask(
        task,
        {"decision": decision, "duty_item": item, "category": category, "flags": list(flags)},
    )


def test_a_recurring_task_follows_its_reviewed_item() -> None:
    plain = Screener(ITEMS).screen(THIS_YEAR)
    assert plain.duty_item != "F-PH-04"  # the shorthand alone does not reach the item
    taught = Screener(ITEMS, examples=[reviewed(LAST_YEAR, "F-PH-04", "admit", "cooperating")])
    result = taught.screen(THIS_YEAR)
    assert result.duty_item == "F-PH-04"
    assert result.category == "cooperating"
    assert result.decision.value == "admit"
    assert any("R1-7" in r and "沿用" in r for r in result.reasons)


def test_the_decision_is_taken_again_on_this_years_text() -> None:
    # last year's notice also demanded check-in photos in the group and was revised; this
    # year's is clean: same item, its own decision
    last = Task(
        "R1-8",
        POLICE,
        LAST_YEAR.title,
        LAST_YEAR.body + "每户谈话时拍照发工作群打卡。",
        10,
        None,
    )
    taught = Screener(
        ITEMS,
        examples=[reviewed(last, "F-PH-04", "revise", "cooperating", ["digital_formalism"])],
    )
    result = taught.screen(THIS_YEAR)
    assert result.duty_item == "F-PH-04"
    assert result.decision.value == "admit"
    assert result.flags == []


def test_another_senders_task_is_no_precedent() -> None:
    other = Task("R2-4", "县人力资源和社会保障局", THIS_YEAR.title, THIS_YEAR.body, 7, None)
    taught = Screener(ITEMS, examples=[reviewed(LAST_YEAR, "F-PH-04", "admit", "cooperating")])
    assert not any("沿用" in r for r in taught.screen(other).reasons)


def test_a_different_kind_of_task_from_the_same_sender_is_no_precedent() -> None:
    unrelated = Task(
        "R2-5",
        POLICE,
        "户口集中登记",
        "请各村通知未落户的新生儿家长，下月到派出所办理出生登记，带好出生医学证明。",
        15,
        None,
    )
    taught = Screener(ITEMS, examples=[reviewed(LAST_YEAR, "F-PH-04", "admit", "cooperating")])
    assert taught.precedents.nearest(unrelated) is None


def test_an_off_list_precedent_keeps_the_task_off_list() -> None:
    taught = Screener(ITEMS, examples=[reviewed(LAST_YEAR, None, "reject", "none")])
    result = taught.screen(THIS_YEAR)
    assert result.duty_item is None
    assert result.decision.value == "reject"
    assert any("R1-7" in r for r in result.reasons)
    assert not any("低于阈值" in r for r in result.reasons)  # it is the precedent, not the score


def test_rule7_rejects_and_unknown_items_are_not_precedents() -> None:
    # a rule-7 reject's item is only "the closest"; an item no longer on the list cannot be followed
    core_formalism = reviewed(LAST_YEAR, "F-PH-04", "reject", "cooperating", ["creation_activity"])
    gone = reviewed(LAST_YEAR, "F-PH-99", "admit", "cooperating")
    taught = Screener(ITEMS, examples=[core_formalism, gone])
    assert len(taught.precedents) == 0
    assert taught.precedents.nearest(THIS_YEAR) is None


def test_the_examples_move_the_cut_only_when_it_would_do_better() -> None:
    helped = [TrialPin(0.45, True, False), TrialPin(0.42, True, False)]
    misled = [TrialPin(0.7, False, True), TrialPin(0.6, False, True), TrialPin(0.55, True, True)]
    neutral = [TrialPin(0.8, True, True)]
    # precedents below the default would have fixed items: the cut comes down to them
    assert best_cut(helped + neutral, default=0.5, floor=0.35) == 0.42
    # but never below the floor
    assert best_cut(helped + neutral, default=0.5, floor=0.44) == 0.45
    # precedents above the default would have misled: the cut goes up past them
    assert best_cut(misled + neutral, default=0.5, floor=0.35) == 0.8
    # no evidence either way (or none that gains): the packaged default stands
    assert best_cut([], default=0.5, floor=0.35) == 0.5
    assert best_cut(neutral, default=0.5, floor=0.35) == 0.5


def test_precedents_are_off_when_every_cut_would_mislead() -> None:
    misled = [TrialPin(0.9, False, True), TrialPin(0.6, False, True)]
    assert best_cut(misled, default=0.5, floor=0.35) == float("inf")
