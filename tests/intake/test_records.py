import pytest

from jiceng.errors import InputError
from jiceng.intake.records import MAX_BODY_CHARS, Decision, Flag, ScreeningResult, task_from_json

VALID = {
    "id": "A1",
    "from_department": "县民政局",
    "title": "关于开展巡访的通知",
    "body": "请各乡镇组织巡访。",
    "deadline_days": 10,
    "upstream": {"source": "市民政局", "deadline_days": 20, "requirement": "每月巡访一次"},
    "label": {"ignored": True},
}


def test_valid_task_parses_with_upstream_and_ignores_label() -> None:
    task = task_from_json(VALID, line=3)
    assert task.id == "A1"
    assert task.deadline_days == 10
    assert task.upstream is not None and task.upstream.deadline_days == 20


@pytest.mark.parametrize(
    ("change", "column"),
    [
        ({"title": None}, "title"),
        ({"body": ""}, "body"),
        ({"body": 12}, "body"),
        ({"deadline_days": "十天"}, "deadline_days"),
        ({"deadline_days": True}, "deadline_days"),
        ({"deadline_days": -1}, "deadline_days"),
        ({"upstream": "市里要求"}, "upstream"),
        ({"upstream": {"source": "市局", "deadline_days": None}}, "upstream.requirement"),
        ({"body": "字" * (MAX_BODY_CHARS + 1)}, "body"),
    ],
)
def test_bad_fields_name_line_and_key(change: dict, column: str) -> None:
    obj = {**VALID, **change}
    with pytest.raises(InputError) as err:
        task_from_json(obj, line=7, file="t.jsonl")
    assert err.value.row == 7
    assert err.value.column == column
    assert "第 7 行" in str(err.value)


def test_missing_key_is_named() -> None:
    obj = {k: v for k, v in VALID.items() if k != "from_department"}
    with pytest.raises(InputError, match="from_department"):
        task_from_json(obj, line=1)


def test_not_an_object() -> None:
    with pytest.raises(InputError, match="JSON 对象"):
        task_from_json([1, 2], line=2)


def test_contract_has_exactly_the_design_keys_and_unique_codes() -> None:
    flag = Flag("excessive_traces", "过度留痕", "规定", "合影", "body", 0, 2)
    result = ScreeningResult(
        "A1", Decision.REVISE, "X-1", "basic", 0.8, [flag, flag], ["理由"], [("X-1", 0.5)]
    )
    out = result.to_contract()
    assert list(out) == ["id", "decision", "duty_item", "category", "flags", "reasons"]
    assert out["decision"] == "revise"
    assert out["flags"] == ["excessive_traces"]
