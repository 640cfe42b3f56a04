"""The learned reader of pushed-down jobs: under a 配合 item it reads a department's own job in
wording the act lexicons lack, while help, visits and what a county body does itself are left
alone (its arithmetic and file: tests/text/test_char_model.py). Our own wording."""

import pytest

from jiceng.duties.items import Category
from jiceng.intake.acts import ActAnalyzer
from jiceng.intake.policy import load_data
from jiceng.intake.pushed_jobs import PushedJobReader
from jiceng.intake.records import Decision
from jiceng.intake.screening import Screener

from .factories import RIVER_CLEANING, make_item, make_task

POLICY = load_data("policy")["pushed_jobs"]


def reader() -> PushedJobReader:
    return PushedJobReader(ActAnalyzer(), float(POLICY["threshold"]), POLICY["act_chars"])


@pytest.mark.parametrize(
    "body",
    [
        "请各镇对辖区内所有电动自行车充电桩逐一进行绝缘性能测试。",
        "请各镇对辖区药店的处方药进行质量复核判定。",
        "请各镇对辖区全部加油站逐站核验油品标号，不合格的立即封停。",
    ],
)
def test_a_departments_job_in_new_words_is_read(body: str) -> None:
    found = reader().find("body", body)
    assert found is not None and found[1] >= float(POLICY["threshold"])
    assert found[0].kind == "learned" and found[0].evidence == body


def test_a_sentence_said_twice_is_read_once_without_comparing_spans() -> None:
    sentence = "请各镇对辖区药店的处方药进行质量复核判定。"
    found = reader().find("body", sentence * 2)
    assert found is not None and (found[0].start, found[0].end) == (0, len(sentence))


@pytest.mark.parametrize(
    "body",
    [
        "县局下周来抽检，请镇里通知经营户在场。",
        "请各镇配合县局做好噪声监测的现场秩序维护。",
        "请各乡镇做好政策宣传，引导农户自愿投保。",
        # the frame of a pushed-down job, but no act in it: a visit
        "请各镇对辖区内的独居老人开展走访慰问。",
        # the county body's own work, said of it
        "县市场监管局将对辖区加油站逐站核验油品标号。",
    ],
)
def test_help_visits_and_the_departments_own_work_are_not_read(body: str) -> None:
    assert reader().find("body", body) is None


ITEMS = [
    RIVER_CLEANING,
    make_item(
        "P-PH-01",
        Category.COOPERATING,
        "充电安全",
        "配合电动自行车充电设施安全管理",
        "县消防救援大队负责充电设施消防安全检查和测试，乡镇配合。",
        "县消防救援大队",
        "摸排辖区充电桩位置，督促物业清理楼道充电，发现隐患报告县消防救援大队。",
    ),
]


def screen(body: str, *, with_reader: bool = True):
    screener = Screener(ITEMS)
    if not with_reader:
        screener.pushed_jobs = None
    task = make_task(body, title="电动自行车充电桩安全", sender="县消防救援大队")
    return screener.screen(task)


def test_under_a_cooperating_item_the_reading_is_rule_3_with_its_reasons() -> None:
    body = "请各镇对辖区内所有电动自行车充电桩逐一进行绝缘性能测试，结果报大队。"
    result = screen(body)
    assert result.decision is Decision.REJECT and result.duty_item == "P-PH-01"
    assert result.flag_codes == ["shifting_responsibility"]
    reasons = "".join(result.reasons)
    assert "学习所得的措辞模型" in reasons and "规则3" in reasons
    # the lexicons alone leave it admitted: the reading is what decides
    assert screen(body, with_reader=False).decision is Decision.ADMIT


def test_under_a_cooperating_item_the_townships_role_stays_admitted() -> None:
    result = screen("请各镇摸排辖区充电桩位置，督促物业清理楼道充电，发现隐患及时报告。")
    assert result.decision is Decision.ADMIT


BASIC_FIRST = [
    RIVER_CLEANING,
    make_item(
        "Q-JB-01",
        Category.BASIC,
        "充电安全",
        "电动自行车充电桩日常巡查",
        "组织网格员对小区和村组电动自行车充电桩开展日常巡查，发现隐患督促整改。",
        "乡镇",
    ),
    make_item(
        "Q-SH-01",
        Category.RETURNED,
        "充电安全",
        "电动自行车充电桩电气安全测试",
        "对电动自行车充电桩开展绝缘、接地等电气安全测试并出具报告。",
        "县消防救援大队",
    ),
]


def screen_list(items, body: str, *, with_reader: bool = True):
    screener = Screener(items)
    # the reader's own effect: the arbiter between near neighbours, weighing the notice's
    # category reading, would move such a notice onto the 收回 item without it
    screener.neighbours = None
    if not with_reader:
        screener.pushed_jobs = None
    return screener.screen(make_task(body, title="充电桩安全", sender="县消防救援大队"))


def test_a_basic_winner_read_as_a_departments_job_gives_way_to_its_returned_neighbour() -> None:
    body = "请各镇对辖区内所有电动自行车充电桩逐一进行绝缘性能测试，结果报大队。"
    plain = screen_list(BASIC_FIRST, body, with_reader=False)
    assert (plain.decision, plain.duty_item) == (Decision.ADMIT, "Q-JB-01")
    result = screen_list(BASIC_FIRST, body)
    assert (result.decision, result.duty_item) == (Decision.REJECT, "Q-SH-01")
    reasons = "".join(result.reasons)
    assert "学习所得的措辞模型读作部门自身职责" in reasons and "规则4" in reasons


def test_a_basic_winner_asked_its_own_patrol_keeps_its_item() -> None:
    result = screen_list(
        BASIC_FIRST, "请各镇组织网格员对小区充电桩开展日常巡查，发现隐患督促整改。"
    )
    assert (result.decision, result.duty_item) == (Decision.ADMIT, "Q-JB-01")


def test_without_a_returned_neighbour_the_senders_cooperating_item_takes_its_place() -> None:
    cooperating = make_item(
        "Q-PH-01",
        Category.COOPERATING,
        "充电安全",
        "配合充电桩消防安全管理",
        "县消防救援大队负责电动自行车充电桩消防安全监管，乡镇配合。",
        "县消防救援大队",
        "通知物业和村组配合，督促整改。",
    )
    items = [*BASIC_FIRST[:2], cooperating]
    body = "请各镇对小区和村组电动自行车充电桩逐一进行绝缘性能测试，结果报大队。"
    assert screen_list(items, body, with_reader=False).duty_item == "Q-JB-01"
    result = screen_list(items, body)
    assert (result.decision, result.duty_item) == (Decision.REJECT, "Q-PH-01")
    assert "规则3" in "".join(result.reasons)


def test_a_long_sentence_read_as_pushed_down_is_quoted_in_full_once() -> None:
    """The reader's note quotes the sentence it read; the returned item's reason, which names
    it again as what is asked, abridges it instead of repeating a whole sentence."""
    body = (
        "请各镇在本月底前安排专人对辖区全部小区和村组的电动自行车充电桩"
        "逐一进行绝缘性能和接地电阻测试，结果报大队。"
    )
    result = screen_list(BASIC_FIRST, body)
    assert result.duty_item == "Q-SH-01"
    sentence = body.rstrip("。")
    assert len(sentence) > 40
    reasons = "".join(result.reasons)
    assert reasons.count(sentence) == 1
    returned = next(r for r in result.reasons if r.startswith("该事项已由"))
    assert f"“{sentence[:40]}……”" in returned
