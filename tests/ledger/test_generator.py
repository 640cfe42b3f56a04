"""The synthetic ledger is deterministic, follows the contract and plants what it says."""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from jiceng.ledger.events import Channel
from jiceng.ledger.generator import (
    DEFAULT_DEPARTMENTS,
    generate_county,
    generate_events,
    monthly_levels,
    plan_county,
    township_names,
)
from jiceng.ledger.series import aggregate_monthly


def test_same_seed_same_events_and_different_seed_differs() -> None:
    names = township_names(3, seed=1)
    args = (names, DEFAULT_DEPARTMENTS, date(2024, 1, 1), 6)
    first = list(generate_events(*args, seed=9))
    assert first == list(generate_events(*args, seed=9))
    assert first != list(generate_events(*args, seed=10))
    assert {e.township for e in first} == set(names)
    assert all(e.date.year == 2024 and e.date.month <= 6 for e in first)
    assert all(e.channel is e.type.usual_channel for e in first)


def test_shift_plan_moves_hours_from_formal_to_informal() -> None:
    names = ["甲镇", "乙乡"]
    plan = plan_county(names, date(2024, 1, 1), 24, seed=3, patterns={"甲镇": "shift"})
    shifted = plan.townships[0]
    assert plan.truth()["shift_start"] == {"甲镇": shifted.start}
    offset = int(shifted.params["offset"])
    before = monthly_levels(plan, shifted, offset - 1)
    after = monthly_levels(plan, shifted, min(23, offset + 3))
    assert after[1] - before[1] > 0  # informal up
    assert after[0] < before[0]  # formal down
    assert plan.truth()["roles"] == {"甲镇": "shift", "乙乡": "plain"}


def test_events_stream_lazily() -> None:
    names = township_names(2000, seed=0)
    assert len(set(names)) == 2000
    stream = generate_events(names, DEFAULT_DEPARTMENTS, date(2024, 1, 1), 36, seed=1)
    head = list(itertools.islice(stream, 50))  # a province is never built up front
    assert len(head) == 50 and head[0].township == names[0]


def test_titles_are_plausible_chinese() -> None:
    events = list(generate_events(["丙镇"], DEFAULT_DEPARTMENTS, date(2024, 1, 1), 3, seed=2))
    informal = [e.title for e in events if e.channel is Channel.INFORMAL]
    assert informal and all(("电话" in t) or ("群" in t) or ("APP" in t) for t in informal)
    monthly = aggregate_monthly(events)["丙镇"]
    assert all(f > i > 0 for f, i in monthly.values())


def _csv_digest(events: object) -> tuple[int, str]:
    import hashlib
    import io

    from jiceng.ledger.events import write_events_csv

    buffer = io.StringIO()
    rows = write_events_csv(events, buffer)  # type: ignore[arg-type]
    return rows, hashlib.sha256(buffer.getvalue().encode()).hexdigest()


def test_default_output_is_unchanged_byte_for_byte() -> None:
    # Digests of the generator's output before the density option existed (commit 49b559e):
    # detection benchmarks and tests depend on it staying exactly the same.
    names = township_names(12, seed=4)
    events = generate_events(names, DEFAULT_DEPARTMENTS, date(2023, 1, 1), 36, seed=11)
    assert _csv_digest(events) == (
        24343,
        "65b82b17ee17cc629a320eb7bb0185207b15fd40192c17e6c61728985dd49e24",
    )
    _, stream = generate_county(names[:5], seed=3)
    assert _csv_digest(stream) == (
        6611,
        "bedad139fc240131b80bd6accfdcf7af10528c3b133e617b32b25b3bced4b46a",
    )
    explicit = generate_events(names, DEFAULT_DEPARTMENTS, date(2023, 1, 1), 36, 11, density=1.0)
    assert _csv_digest(explicit)[1].startswith("65b82b17")


def test_density_multiplies_events_but_keeps_the_hours() -> None:
    names = township_names(10, seed=5)
    args = (names, DEFAULT_DEPARTMENTS, date(2023, 1, 1), 24)
    base = list(generate_events(*args, seed=2))
    dense = list(generate_events(*args, seed=2, density=1.5))
    assert 1.4 < len(dense) / len(base) < 1.6
    hours, dense_hours = sum(e.hours for e in base), sum(e.hours for e in dense)
    assert abs(dense_hours / hours - 1) < 0.03
    # the per-township monthly pattern stays: formal above informal, both present
    monthly = aggregate_monthly(dense)
    assert set(monthly) == set(names)
    with pytest.raises(ValueError):
        list(generate_events(*args, seed=2, density=0))
