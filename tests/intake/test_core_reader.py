"""The learned second opinion on rule 7: a task with core-flag evidence that the rules would
revise is rejected when the reading is sure enough, the reasons say so, and the item, the flags
and every task outside that case are left alone. Our own wording, over the 枫林乡 list of the
factories."""

import pytest

from jiceng.intake.core_reader import CoreReader, default_model
from jiceng.intake.policy import load_data
from jiceng.intake.reading import notice_text
from jiceng.intake.records import Decision
from jiceng.intake.screening import Screener
from jiceng.text.char_model import CharNgramModel

from .factories import ITEMS, make_task

# listed (村庄环境卫生整治); photos posted to a chat group (digital_formalism, a core flag) that
# can be cut: rule 6 by the rules
SWEEPING = make_task(
    "请各村组织保洁员清运房前屋后的生活垃圾，整治卫生死角，每户清理前后各拍照片两张上传工作群。",
    title="关于开展村庄环境卫生整治的通知",
    sender="县农业农村局",
)
# the same work with paper traces only (excessive_traces, not a core flag): rule 6, and rule 7
# is out of reach
BINDING = make_task(
    "请各村组织保洁员清运房前屋后的生活垃圾，整治卫生死角，每户清理前后各拍照片两张，"
    "签字确认后装订成册。",
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


def screener(model: CharNgramModel | None, threshold: float = 0.98) -> Screener:
    s = Screener(ITEMS)
    s.core_reader = None if model is None else CoreReader(threshold, model)
    return s


def test_the_rules_alone_revise_two_notices_and_reject_the_third() -> None:
    plain = screener(None)
    assert plain.screen(SWEEPING).decision is Decision.REVISE
    assert plain.screen(BINDING).decision is Decision.REVISE
    assert plain.screen(SELECTION).decision is Decision.REJECT


def test_a_sure_reading_of_core_formalism_rejects_what_the_rules_would_revise() -> None:
    before = screener(None).screen(SWEEPING)
    after = screener(reading(10.0)).screen(SWEEPING)
    assert after.decision is Decision.REJECT
    assert (after.duty_item, after.category) == (before.duty_item, before.category)
    assert [f.code for f in after.flags] == [f.code for f in before.flags]
    told = next(r for r in after.reasons if "判读模型" in r)
    assert "按规则判断，删去上述要求后仍有实质工作" in told
    assert "读作任务的核心要求本身就是形式主义（概率 1.00；主要依据：“卫生”）" in told
    assert "请审核人员确认" in told and after.reasons[-1].startswith("结论：退回（规则7）")


def test_a_reading_under_the_threshold_leaves_the_rules_decision() -> None:
    plain = screener(None).screen(SWEEPING)
    read = screener(reading(3.0)).screen(SWEEPING)  # p 0.95
    assert read.decision is plain.decision and read.reasons == plain.reasons


def test_without_core_flag_evidence_the_task_is_not_read() -> None:
    read = screener(reading(10.0)).screen(BINDING)
    assert read.decision is Decision.REVISE
    assert not any("判读模型" in r for r in read.reasons)


def test_a_rule_7_reject_stays_whatever_the_reading() -> None:
    plain = screener(None).screen(SELECTION)
    for weight in (10.0, -10.0):
        read = screener(reading(weight)).screen(SELECTION)
        assert read.decision is Decision.REJECT and read.reasons == plain.reasons


def test_tasks_without_formalism_or_off_the_list_are_never_read() -> None:
    sure = screener(reading(10.0))
    listed = make_task(
        "请各村组织保洁员清运生活垃圾，整治房前屋后卫生死角。", sender="县农业农村局"
    )
    assert sure.screen(listed).decision is Decision.ADMIT
    unlisted = make_task("请各村统计辖区内卫生间改造的意向户数。", title="关于卫生间改造摸底的通知")
    assert not any("判读模型" in r for r in sure.screen(unlisted).reasons)


def test_the_threshold_is_checked_with_a_chinese_error() -> None:
    for threshold in (0.5, 1.0, 0.3):
        with pytest.raises(ValueError, match="形式主义核心判读的阈值应在 0.5 与 1 之间"):
            CoreReader(threshold, reading(1.0))


def test_the_shipped_reader_reads_title_and_body_at_the_policy_threshold() -> None:
    model = default_model()
    assert (model.min_n, model.max_n) == (1, 2) and len(model.terms) > 1000
    assert 0.5 < float(load_data("policy")["core_reader"]["threshold"]) < 1
    assert notice_text(SWEEPING) == SWEEPING.title + "。" + SWEEPING.body
    assert Screener(ITEMS).core_reader is not None


def test_the_basis_names_strings_not_lone_characters_and_chains_them_as_written() -> None:
    model = CharNgramModel(0.0, {"回头": (1.0, 3.0), "头看": (1.0, 2.5), "查": (1.0, 4.0)}, 1, 2)
    read = CoreReader(0.95, model).read(
        make_task("请各村对去年整改过的点位开展回头看检查。", title="关于开展回头看的通知")
    )
    assert read is not None and read.strongest == ("回头看",)
