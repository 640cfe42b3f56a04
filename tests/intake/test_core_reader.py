"""The learned second opinion on rule 7 against rule 6: it changes a decision only when it is sure
of the other answer, says so in the reasons, and leaves the item, the flags and every task outside
that boundary alone. Our own wording, over the 枫林乡 list of the factories."""

import pytest

from jiceng.intake.core_reader import CoreReader, default_model, notice_text
from jiceng.intake.policy import load_data
from jiceng.intake.records import Decision
from jiceng.intake.screening import Screener
from jiceng.text.char_model import CharNgramModel

from .factories import ITEMS, make_task

# listed (村庄环境卫生整治), formalism that can be cut: rule 6 by the rules
SWEEPING = make_task(
    "请各村组织保洁员清运房前屋后的生活垃圾，整治卫生死角，每户清理前后各拍照片两张上传工作群。",
    title="关于开展村庄环境卫生整治的通知",
    sender="县农业农村局",
)
# listed, and the core is a selection of model villages: rule 7 by the rules
SELECTION = make_task(
    "为推动村庄环境卫生整治，请各村开展环境卫生整治示范村评比活动，每村申报材料装订成册，"
    "月底前报送评比结果。",
    title="关于开展村庄环境卫生整治示范村评比的通知",
    sender="县农业农村局",
)


def reading(weight: float) -> CharNgramModel:
    """A model that reads every notice naming 卫生 with the sign of ``weight`` (z = weight)."""
    return CharNgramModel(0.0, {"卫生": (1.0, weight)}, 1, 2)


def screener(model: CharNgramModel | None, margin: float = 0.05) -> Screener:
    s = Screener(ITEMS)
    s.core_reader = None if model is None else CoreReader(margin, model)
    return s


def test_the_rules_alone_give_rule_6_and_rule_7_to_the_two_notices() -> None:
    plain = screener(None)
    assert plain.screen(SWEEPING).decision is Decision.REVISE
    assert plain.screen(SELECTION).decision is Decision.REJECT


def test_a_sure_reading_of_core_formalism_rejects_what_the_rules_would_revise() -> None:
    before = screener(None).screen(SWEEPING)
    after = screener(reading(10.0)).screen(SWEEPING)
    assert after.decision is Decision.REJECT
    assert (after.duty_item, after.category) == (before.duty_item, before.category)
    assert [f.code for f in after.flags] == [f.code for f in before.flags]
    told = next(r for r in after.reasons if "判读模型" in r)
    assert "按规则判断，删去上述要求后仍有实质工作" in told
    assert "读作任务的核心本身就是形式主义（属退回情形的概率 1.00；主要依据：“卫生”）" in told
    assert "请审核人员确认" in told and after.reasons[-1].startswith("结论：退回（规则7）")


def test_a_sure_reading_of_work_beyond_the_formalism_revises_what_the_rules_would_reject() -> None:
    after = screener(reading(-10.0)).screen(SELECTION)
    assert after.decision is Decision.REVISE
    told = next(r for r in after.reasons if "判读模型" in r)
    assert "按规则判断，任务的核心要求本身就是形式主义" in told
    assert "读作删去上述要求后仍有实质工作（属退回情形的概率 0.00；主要依据：“卫生”）" in told
    assert after.reasons[-1].startswith("结论：修改后准入（规则6）")


@pytest.mark.parametrize("weight", [2.0, -2.0])  # p 0.88 and 0.12: not sure enough at 0.05
def test_a_reading_inside_the_margin_leaves_the_rules_decision(weight: float) -> None:
    for task in (SWEEPING, SELECTION):
        plain, read = screener(None).screen(task), screener(reading(weight)).screen(task)
        assert read.decision is plain.decision and read.reasons == plain.reasons


def test_a_reading_that_agrees_with_the_rules_adds_nothing() -> None:
    plain = screener(None).screen(SELECTION)
    assert screener(reading(10.0)).screen(SELECTION).reasons == plain.reasons


def test_tasks_without_formalism_or_off_the_list_are_never_read() -> None:
    sure = screener(reading(10.0))
    listed = make_task(
        "请各村组织保洁员清运生活垃圾，整治房前屋后卫生死角。", sender="县农业农村局"
    )
    assert sure.screen(listed).decision is Decision.ADMIT
    unlisted = make_task("请各村统计辖区内卫生间改造的意向户数。", title="关于卫生间改造摸底的通知")
    result = sure.screen(unlisted)
    assert not any("判读模型" in r for r in result.reasons)


def test_the_margin_is_checked_with_a_chinese_error() -> None:
    for margin in (0.0, 0.5, 0.7):
        with pytest.raises(ValueError, match="margin 应在 0 与 0.5 之间"):
            CoreReader(margin, reading(1.0))


def test_the_shipped_reader_reads_title_and_body_at_the_policy_margin() -> None:
    model = default_model()
    assert (model.min_n, model.max_n) == (1, 2) and len(model.terms) > 1000
    assert 0 < float(load_data("policy")["core_reader"]["margin"]) < 0.5
    assert notice_text(SWEEPING) == SWEEPING.title + "。" + SWEEPING.body
    assert Screener(ITEMS).core_reader is not None


def test_the_basis_names_strings_not_lone_characters_and_chains_them_as_written() -> None:
    model = CharNgramModel(0.0, {"回头": (1.0, 3.0), "头看": (1.0, 2.5), "查": (1.0, 4.0)}, 1, 2)
    reader = CoreReader(0.05, model)
    task = make_task("请各村对去年整改过的点位开展回头看检查。", title="关于开展回头看的通知")
    read = reader.overrules(task, core_by_rules=False)
    assert read is not None and read.core and read.strongest == ("回头看",)
