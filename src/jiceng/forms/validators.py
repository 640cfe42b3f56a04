"""Value checks for the base table: pure functions returning a Chinese error or None.

``validate_value`` dispatches on the field type and also returns the normalised value to store.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from jiceng.forms.schema import FieldType

# GB 11643-1999 公民身份号码: 6-digit area code, 8-digit birth date, 3-digit sequence, check
# character by ISO 7064:1983 MOD 11-2 (weights 2^(17-i) mod 11; remainder → "10X98765432").
_ID_WEIGHTS = tuple(pow(2, 17 - i, 11) for i in range(17))
_ID_CHECK = "10X98765432"
_ID_SHAPE = re.compile(r"^\d{17}[\dX]$")

# 《电信网编号计划》(2017): mobile numbers are 11 digits starting 13-19; fixed lines are an area
# code 0 + 2-3 digits, then a 7-8 digit subscriber number, optionally an extension.
_MOBILE = re.compile(r"^(?:\+?86)?1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}(?:-\d{1,6})?$")
_PHONE_NOISE = re.compile(r"[\s()（）]")

_DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y%m%d", "%Y年%m月%d日")
_MONTH_FORMATS = ("%Y-%m", "%Y/%m", "%Y.%m", "%Y年%m月")
_EARLIEST = dt.date(1900, 1, 1)


def id_check_character(first17: str) -> str:
    """The GB 11643 check character for the first 17 digits."""
    total = sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def validate_id_number(raw: str, *, today: dt.date | None = None) -> str | None:
    value = raw.strip().upper()
    if len(value) != 18:
        return f"公民身份号码应为 18 位（当前 {len(value)} 位）"
    if not _ID_SHAPE.match(value):
        return "公民身份号码前 17 位应为数字，末位为数字或 X"
    try:
        birth = dt.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return f"公民身份号码中的出生日期“{value[6:14]}”不是有效日期"
    if birth < _EARLIEST or birth > (today or dt.date.today()):
        return f"公民身份号码中的出生日期“{value[6:14]}”不在合理范围内"
    if id_check_character(value[:17]) != value[17]:
        return "公民身份号码校验位不正确（GB 11643 校验码），请核对是否录错"
    return None


def validate_phone(raw: str) -> str | None:
    value = _PHONE_NOISE.sub("", raw.strip())
    if _MOBILE.match(value) or _LANDLINE.match(value):
        return None
    if value.isdigit() and value.startswith("1"):
        return "手机号码应为 11 位，以 13–19 开头"
    return "电话号码格式不正确：手机号为 11 位；固定电话需带区号，如 0571-87654321"


def parse_date(raw: str) -> dt.date | None:
    value = raw.strip()
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    for fmt in _MONTH_FORMATS:  # 出生年月: month precision, stored as the 1st
        try:
            return dt.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return None


def validate_date(raw: str) -> str | None:
    parsed = parse_date(raw)
    if parsed is None:
        return "日期格式不正确，应为“2024-03-15”或“2024年3月15日”"
    if parsed < _EARLIEST or parsed.year > 2100:
        return "日期超出合理范围"
    return None


def _decimal(raw: str) -> Decimal | None:
    value = raw.strip().replace(",", "").replace("，", "")
    if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)", value):
        return None
    try:
        return Decimal(value)
    except InvalidOperation:
        return None


def validate_money(raw: str) -> str | None:
    amount = _decimal(raw.strip().removesuffix("元"))
    if amount is None:
        return "金额应为数字（单位：元），如 1280.50"
    if amount < 0:
        return "金额不能为负数"
    exponent = amount.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2:
        return "金额最多保留两位小数（分）"
    return None


def validate_number(raw: str) -> str | None:
    number = _decimal(raw)
    if number is None:
        return "应填写数字"
    if number < 0:
        return "数值不能为负数"
    return None


def validate_enum(raw: str, options: tuple[str, ...] | list[str]) -> str | None:
    if raw.strip() in options:
        return None
    return f"“{raw.strip()}”不在可选项中（可选：{'、'.join(options)}）"


def validate_value(
    field_type: FieldType | str, raw: str | None, options: tuple[str, ...] | list[str] = ()
) -> tuple[str | None, str | None]:
    """``(normalised value, error)``; an empty input is ``(None, None)`` (required-ness is the
    caller's business). Normalised: ID upper-case, phone without spaces, date ISO, numbers plain."""
    if raw is None or not str(raw).strip():
        return None, None
    text = str(raw).strip()
    kind = FieldType(field_type)
    if kind is FieldType.ID_NUMBER:
        value = text.upper()
        return value, validate_id_number(value)
    if kind is FieldType.PHONE:
        value = _PHONE_NOISE.sub("", text)
        return value, validate_phone(value)
    if kind is FieldType.DATE:
        error = validate_date(text)
        parsed = parse_date(text)
        return (parsed.isoformat() if parsed else text), error
    if kind is FieldType.MONEY:
        error = validate_money(text)
        amount = _decimal(text.removesuffix("元"))
        return (format(amount, "f") if amount is not None and not error else text), error
    if kind is FieldType.NUMBER:
        error = validate_number(text)
        number = _decimal(text)
        return (format(number, "f") if number is not None and not error else text), error
    if kind is FieldType.ENUM:
        return text, validate_enum(text, options)
    return text, None
