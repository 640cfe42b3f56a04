"""The learned second opinion on a task the rules set off the list: sure enough that the notice
asks work township lists hold, and with no formalism found, it screens the task under its closest
item and says why; otherwise the rules stand. Our own wording, over the 枫林乡 list of the
factories; the general threshold is raised so word coverage sets every notice off the list."""

import pytest

from jiceng.intake.listed_reader import ListedReader, default_model
from jiceng.intake.policy import load_data
from jiceng.intake.records import Decision
from jiceng.intake.screening import Screener
from jiceng.text.char_model import CharNgramModel

from .factories import ITEMS, make_task

# F-JB-02 "开展村庄环境卫生整治" in a department's own words
CLEANING = make_task(
    "请各村近期组织保洁员做好村庄环境卫生，把房前屋后的卫生死角整治干净，生活垃圾及时清运。",
    title="关于做好村庄卫生的通知",
    sender="县农业农村局",
)
# the same with every household's photos posted to a chat group (formalism)
CLEANING_WITH_PHOTOS = make_task(
    CLEANING.body + "每户清理前后各拍照片两张上传工作群。",
    title=CLEANING.title,
    sender=CLEANING.from_department,
)


def reading(weight: float) -> CharNgramModel:
    """A model that reads every notice naming 卫生 with the sign of ``weight`` (z = weight)."""
    return CharNgramModel(0.0, {"卫生": (1.0, weight)}, 1, 2)


def screener(model: CharNgramModel | None, threshold: float = 0.98) -> Screener:
    s = Screener(ITEMS)
    s.none_threshold = 0.99  # (every notice's coverage falls below it)
    s.match_policy["resemblance_cosine"] = 1.01  # (and no resemblance keeps it on the list)
    s.listed_reader = None if model is None else ListedReader(threshold, model)
    return s


def test_the_rules_alone_set_the_notices_off_the_list() -> None:
    for task in (CLEANING, CLEANING_WITH_PHOTOS):
        r = screener(None).screen(task)
        assert (r.decision, r.duty_item) == (Decision.REJECT, None)


def test_a_sure_reading_screens_the_task_under_its_closest_item() -> None:
    r = screener(reading(10.0)).screen(CLEANING)
    assert (r.decision, r.duty_item, r.category) == (Decision.ADMIT, "F-JB-02", "basic")
    told = next(reason for reason in r.reasons if "清单判读模型" in reason)
    assert told.startswith("按规则应视为清单外事项")
    assert "（概率 1.00；主要依据：“卫生”）" in told and "F-JB-02“开展村庄环境卫生整治”" in told
    assert "请审核人员确认本县清单是否确含此项工作" in told


def test_formalism_under_the_closest_item_leaves_the_task_to_the_rules() -> None:
    r = screener(reading(10.0)).screen(CLEANING_WITH_PHOTOS)
    assert (r.decision, r.duty_item) == (Decision.REJECT, None)
    assert not any("清单判读模型" in reason for reason in r.reasons)


@pytest.mark.parametrize("weight", [3.0, -10.0])  # p 0.95 (under 0.98) and a reading of unlisted
def test_a_reading_under_the_threshold_leaves_the_task_off_the_list(weight: float) -> None:
    plain = screener(None).screen(CLEANING)
    read = screener(reading(weight)).screen(CLEANING)
    assert read.duty_item is None and read.reasons == plain.reasons


def test_a_task_the_rules_keep_on_the_list_is_not_read() -> None:
    s = Screener(ITEMS)
    s.listed_reader = ListedReader(0.98, reading(10.0))
    plain = Screener(ITEMS)
    plain.listed_reader = None
    assert s.screen(CLEANING).reasons == plain.screen(CLEANING).reasons


def test_the_threshold_is_checked_with_a_chinese_error() -> None:
    for threshold in (0.5, 1.0):
        with pytest.raises(ValueError, match="清单判读的阈值应在 0.5 与 1 之间"):
            ListedReader(threshold, reading(1.0))


def test_the_shipped_reader_reads_character_1_2_grams_at_the_policy_threshold() -> None:
    model = default_model()
    assert (model.min_n, model.max_n) == (1, 2) and len(model.terms) > 1000
    assert 0.5 < float(load_data("policy")["listed_reader"]["threshold"]) < 1
    assert Screener(ITEMS).listed_reader is not None
