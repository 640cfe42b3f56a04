"""A task that word coverage alone set off the list still falls under a 基本 item the notice's
characters closely resemble (policy.toml ``resemblance_cosine``): the township's own duty in
other words. Our own wording; the general threshold is raised so coverage falls short."""

from dataclasses import replace

from jiceng.duties.items import Category
from jiceng.intake.matching import MatchOutcome
from jiceng.intake.screening import Screener

from .factories import ITEMS, make_task

# F-JB-02 "开展村庄环境卫生整治" retold: its characters, not its phrasing
CLEANING = "请各村近期组织保洁员做好村庄环境卫生，把房前屋后的卫生死角整治干净，生活垃圾及时清运。"
UNRELATED = "县图书馆下月举办少儿绘本展览，欢迎各位家长带孩子前来参观。"


def _screener(cosine: float | None = None) -> Screener:
    screener = Screener(ITEMS)
    screener.none_threshold = 0.99  # (every notice's coverage falls below it)
    screener.listed_reader = None  # (the resemblance rule alone: the reader has tests of its own)
    if cosine is not None:
        screener.match_policy["resemblance_cosine"] = cosine
    return screener


def _cleaning_task():
    return make_task(CLEANING, title="关于做好村庄卫生的通知", sender="县农业农村局")


def test_a_closely_resembled_basic_item_keeps_the_task_on_the_list() -> None:
    r = _screener().screen(_cleaning_task())
    assert (r.decision.value, r.duty_item, r.category) == ("admit", "F-JB-02", "basic")
    assert any("字面相似度" in reason and "F-JB-02" in reason for reason in r.reasons)


def test_below_the_policys_cosine_coverage_decides() -> None:
    r = _screener(cosine=1.01).screen(_cleaning_task())
    assert (r.decision.value, r.duty_item) == ("reject", None)
    assert not any("字面相似度" in reason for reason in r.reasons)


def test_a_notice_resembling_no_item_stays_off_the_list() -> None:
    screener = _screener()
    task = make_task(UNRELATED, title="关于绘本展览的通知", sender="县农业农村局")
    assert screener.profile.resemblance(task.title + "。" + task.body, ITEMS[1]) < 0.3
    r = screener.screen(task)
    assert (r.decision.value, r.duty_item) == ("reject", None)


def test_only_a_basic_item_left_off_by_the_threshold_alone_is_kept() -> None:
    screener = _screener()
    task = _cleaning_task()
    basic = ITEMS[1]
    cooperating = replace(
        basic, category=Category.COOPERATING, lead_department="县农业农村局", township_role="配合"
    )

    def off_list(item, notes=()):
        return MatchOutcome(None, 0.1, [(item, 0.5)], [], notes=list(notes))

    assert screener._rescue_by_resemblance(task, off_list(basic), 0.99).item is basic
    # a 配合 item: whether the sender leads it and what it asks are the sender tests' to weigh
    assert screener._rescue_by_resemblance(task, off_list(cooperating), 0.99).item is None
    # a note: a sender test or the similarity floor set the task off the list, not coverage
    kept_off = off_list(basic, ["发文单位……视为清单外事项。"])
    assert screener._rescue_by_resemblance(task, kept_off, 0.99).item is None
    # coverage at the threshold: not set off by it
    assert screener._rescue_by_resemblance(task, off_list(basic), 0.05).item is None
