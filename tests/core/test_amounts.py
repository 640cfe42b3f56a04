from decimal import Decimal

import pytest

from jiceng.core.amounts import parse_amount
from jiceng.errors import InputError


def test_amounts_are_rounded_to_cents():
    assert parse_amount("1234.567", "预算") == Decimal("1234.57")


@pytest.mark.parametrize("bad", ["abc", "NaN", "Infinity", "-1", "1e12", 3160558864728329.0])
def test_bad_or_out_of_range_amounts_are_refused(bad):
    with pytest.raises(InputError):
        parse_amount(bad, "预算")


def test_positive_refuses_zero():
    with pytest.raises(InputError, match="大于 0"):
        parse_amount("0", "预算", positive=True)
