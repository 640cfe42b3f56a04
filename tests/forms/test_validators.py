from __future__ import annotations

import datetime as dt

import pytest

from jiceng.forms.schema import FieldType
from jiceng.forms.validators import (
    id_check_character,
    validate_date,
    validate_enum,
    validate_id_number,
    validate_money,
    validate_number,
    validate_phone,
    validate_value,
)


def make_id(area: str = "330102", birth: str = "19800101", seq: str = "123") -> str:
    """Build a valid ID by computing the ISO 7064 MOD 11-2 check character ourselves."""
    body = area + birth + seq
    total = sum(int(d) * (2 ** (17 - i) % 11) for i, d in enumerate(body))
    return body + "10X98765432"[total % 11]


def test_check_character_matches_independent_computation() -> None:
    for seq in ("001", "123", "987", "555"):
        number = make_id(seq=seq)
        assert id_check_character(number[:17]) == number[17]
        assert validate_id_number(number) is None


def test_x_check_character_accepted_in_either_case() -> None:
    number = next(
        make_id(seq=f"{i:03d}") for i in range(1000) if make_id(seq=f"{i:03d}").endswith("X")
    )
    assert validate_id_number(number) is None
    assert validate_id_number(number.lower()) is None


def test_wrong_check_digit_is_rejected() -> None:
    number = make_id()
    wrong = number[:17] + ("0" if number[17] != "0" else "1")
    assert "校验" in (validate_id_number(wrong) or "")


@pytest.mark.parametrize(
    ("raw", "needle"),
    [
        ("33010219800101123", "18 位"),
        ("3301021980010112AX", "数字"),
        ("330102198002301234", "出生日期"),
    ],
)
def test_malformed_ids(raw: str, needle: str) -> None:
    assert needle in (validate_id_number(raw) or "")


def test_future_birth_date_is_rejected() -> None:
    number = make_id(birth="20300101")
    assert "范围" in (validate_id_number(number, today=dt.date(2025, 1, 1)) or "")


@pytest.mark.parametrize(
    "raw",
    [
        "13812345678",
        "19912345678",
        "0571-87654321",
        "010-12345678",
        "075512345678",
        "138 1234 5678",
        "+8613812345678",
    ],
)
def test_valid_phones(raw: str) -> None:
    assert validate_phone(raw) is None


@pytest.mark.parametrize("raw", ["12812345678", "1381234567", "87654321", "abc", "0571-123"])
def test_invalid_phones(raw: str) -> None:
    assert validate_phone(raw) is not None


@pytest.mark.parametrize("raw", ["2024-03-15", "2024/3/5", "2024年3月15日", "20240315", "2024-03"])
def test_valid_dates(raw: str) -> None:
    assert validate_date(raw) is None


@pytest.mark.parametrize("raw", ["2024-02-30", "15/03/2024", "昨天", "1800-01-01"])
def test_invalid_dates(raw: str) -> None:
    assert validate_date(raw) is not None


def test_money() -> None:
    assert validate_money("1280.50") is None and validate_money("0") is None
    assert validate_money("1,280元") is None
    assert "负数" in (validate_money("-5") or "")
    assert "两位小数" in (validate_money("3.141") or "")
    assert validate_money("十元") is not None


def test_number_and_enum() -> None:
    assert validate_number("3") is None and validate_number("2.5") is None
    assert validate_number("三") is not None and validate_number("-1") is not None
    assert validate_enum("男", ("男", "女")) is None
    assert "可选" in (validate_enum("未知", ("男", "女")) or "")


def test_dispatcher_normalises_and_reports() -> None:
    number = make_id()
    assert validate_value(FieldType.ID_NUMBER, number.lower()) == (number.upper(), None)
    assert validate_value("phone", "138 1234 5678") == ("13812345678", None)
    assert validate_value("date", "2024年3月5日") == ("2024-03-05", None)
    assert validate_value("money", "1,280.5") == ("1280.5", None)
    assert validate_value("enum", "女", ["男", "女"]) == ("女", None)
    assert validate_value("text", "  张三 ") == ("张三", None)
    assert validate_value("number", "") == (None, None)
    value, error = validate_value("money", "-3")
    assert value == "-3" and error
