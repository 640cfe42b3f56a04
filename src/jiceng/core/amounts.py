"""Money and other decimal amounts entered by users, checked before they reach the database.

SQLite stores any number; PostgreSQL refuses one that does not fit the column's precision (a
500 instead of a clear message). Every amount field is ``max_digits=14, decimal_places=2`` unless
said otherwise, so amounts are checked against that here, once.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from jiceng.errors import InputError


def parse_amount(
    value: Any, label: str, *, positive: bool = False, max_digits: int = 14, decimal_places: int = 2
) -> Decimal:
    try:
        number = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimal_places))
    except (InvalidOperation, ValueError):
        raise InputError(f"{label}不是有效金额。") from None
    if not number.is_finite():
        raise InputError(f"{label}不是有效金额。")
    if number < 0 or (positive and number == 0):
        raise InputError(f"{label}必须大于 0。" if positive else f"{label}不能为负数。")
    if number >= Decimal(10) ** (max_digits - decimal_places):
        raise InputError(f"{label}过大，请检查单位（元）。")
    return number
