import pytest

from jiceng.capacity.pulse import PulseAnswer, felt_check, min_group, summarise, validate_answer


def answers(n: int, feeling: str = "lighter") -> list[PulseAnswer]:
    return [PulseAnswer(float(i + 1), ("meeting",), feeling) for i in range(n)]


def test_groups_under_five_show_nothing_but_their_size():
    assert min_group() == 5
    small = summarise("甲镇", answers(4))
    assert (
        not small.shown
        and small.mean_hours is None
        and small.channels == {}
        and small.feelings == {}
    )
    assert "不足 5 份" in small.note
    enough = summarise("甲镇", answers(5))
    assert (
        enough.shown
        and enough.mean_hours == 3.0
        and enough.median_hours == 3.0
        and enough.channels == {"meeting": 5}
    )
    assert enough.feelings["lighter"] == 1.0


def test_felt_check_compares_measured_with_felt():
    heavier = summarise("全县", answers(6, "heavier"))
    assert "未被基层感知" in felt_check(heavier, -0.3)
    lighter = summarise("全县", answers(6, "lighter"))
    assert "基本一致" in felt_check(lighter, -0.3)
    assert "不足" in felt_check(summarise("乙镇", answers(2)), -0.3)


def test_answers_are_validated():
    assert validate_answer(3, ["meeting", "meeting"], "same").channels == ("meeting",)
    for bad in ((-1, [], "same"), (100, [], "same"), (2, ["nonsense"], "same"), (2, [], "maybe")):
        with pytest.raises(ValueError):
            validate_answer(*bad)
