"""Working-day calendar (holidays, make-up workdays, overrides) and SLA deadlines."""

import datetime as dt

import pytest

from jiceng.coordination.calendar import WorkCalendar, load_calendar, parse_overrides
from jiceng.coordination.sla import Clock, Light, default_policy, light, parse_policy
from jiceng.errors import InputError

CST = dt.timezone(dt.timedelta(hours=8))


def at(y, m, d, h=10, mi=0):
    return dt.datetime(y, m, d, h, mi, tzinfo=CST)


def test_national_day_holiday_and_make_up_saturday():
    cal = WorkCalendar()
    # 2025: 10月1日—8日放假，9月28日（周日）、10月11日（周六）调休上班.
    assert not cal.is_workday(dt.date(2025, 10, 3))
    assert cal.is_workday(dt.date(2025, 9, 28))
    assert cal.is_workday(dt.date(2025, 10, 11))
    # 5 workdays from 30 Sep: 9, 10, 11 (make-up Saturday), 13, 14 October.
    due = cal.add_workdays(at(2025, 9, 30), 5)
    assert due == dt.datetime(2025, 10, 14, 17, 30, tzinfo=CST)
    # Without the make-up Saturday it would have been the 15th.
    assert cal.workdays_between(dt.date(2025, 9, 30), dt.date(2025, 10, 14)) == 5


def test_friday_ticket_counts_from_next_workday():
    cal = WorkCalendar()
    # 2026-03-06 is an ordinary Friday: one workday → Monday 9 March at 17:30.
    assert cal.add_workdays(at(2026, 3, 6, 16), 1) == dt.datetime(2026, 3, 9, 17, 30, tzinfo=CST)


def test_unknown_year_falls_back_to_weekends_and_says_so():
    cal = WorkCalendar()
    assert not cal.known(2031)
    assert cal.is_workday(dt.date(2031, 1, 1))  # a Wednesday; the holiday is not known
    deadline = default_policy().deadline(
        kind="routine", urgency="normal", clock=Clock.RESPONSE, start=at(2030, 12, 31), calendar=cal
    )
    assert deadline.estimated and "2031 年节假日安排尚未录入" in deadline.reason


def test_override_file_teaches_an_unknown_year(tmp_path):
    override = tmp_path / "calendar.toml"
    override.write_text(
        'workday_end = "18:00"\n[years.2031]\nholidays = ["2031-01-01", "2031-01-02"]\nworkdays = ["2031-01-04"]\n',
        encoding="utf-8",
    )
    cal = load_calendar([override])
    assert cal.known(2031)
    assert not cal.is_workday(dt.date(2031, 1, 1))
    assert cal.is_workday(dt.date(2031, 1, 4))  # a Saturday made a workday
    # From Tue 31 Dec 2030: 1–2 Jan off, Fri 3 Jan, Sat 4 Jan (make-up) → 2 workdays = 4 Jan 18:00.
    assert cal.add_workdays(at(2030, 12, 31), 2) == dt.datetime(2031, 1, 4, 18, 0, tzinfo=CST)
    # The shipped override also wins over the library for a known year.
    (tmp_path / "c2.toml").write_text('[years.2025]\nholidays = ["2025-06-03"]\n', encoding="utf-8")
    cal2 = load_calendar([tmp_path / "c2.toml"])
    assert not cal2.is_workday(dt.date(2025, 6, 3))
    assert cal2.is_workday(dt.date(2025, 10, 3))  # the override replaces the year as a whole


def test_override_errors_are_located():
    with pytest.raises(InputError, match="不属于 2031 年"):
        parse_overrides({"years": {"2031": {"holidays": ["2030-01-01"]}}}, "calendar.toml")
    with pytest.raises(InputError, match="同时被列为"):
        parse_overrides(
            {"years": {"2031": {"holidays": ["2031-01-01"], "workdays": ["2031-01-01"]}}}, "c.toml"
        )
    with pytest.raises(InputError, match="文件“c.toml”"):
        parse_overrides({"years": {"2031": {"holidays": ["1 月 1 日"]}}}, "c.toml")


def test_emergency_deadlines_are_natural_minutes_even_on_holidays():
    policy = default_policy()
    start = at(2025, 10, 1, 23, 50)  # National Day, near midnight
    d = policy.deadline(
        kind="emergency",
        urgency="urgent",
        clock=Clock.RESPONSE,
        start=start,
        calendar=WorkCalendar(),
    )
    assert d.due_at - start == dt.timedelta(minutes=15)
    assert start < d.remind_at < d.due_at
    assert "自然时间" in d.reason


def test_working_day_reminder_falls_at_the_end_of_a_working_day():
    policy = default_policy()
    cal = WorkCalendar()
    d = policy.deadline(
        kind="routine",
        urgency="normal",
        clock=Clock.RESOLUTION,
        start=at(2025, 9, 30),
        calendar=cal,
    )
    assert d.due_at.date() == dt.date(2025, 10, 14)
    # 25 % of 5 workdays → 2 workdays before the due day: Saturday 11 October (a make-up workday).
    assert d.remind_at == dt.datetime(2025, 10, 11, 17, 30, tzinfo=CST)


def test_traffic_light():
    start, remind, due = at(2026, 3, 2), at(2026, 3, 4), at(2026, 3, 5)
    assert light(start, remind, due) is Light.GREEN
    assert light(at(2026, 3, 4, 12), remind, due) is Light.YELLOW
    assert light(at(2026, 3, 6), remind, due) is Light.RED
    assert light(at(2026, 3, 9), remind, due, stopped_at=at(2026, 3, 4, 12)) is Light.GREEN
    assert light(at(2026, 3, 9), remind, due, stopped_at=at(2026, 3, 6)) is Light.RED


def test_policy_validation():
    bad = {
        "urgency_labels": {"normal": "一般"},
        "kinds": {"x": {"urgency": {"normal": {"dispatch": {"days": 1}}}}},
    }
    with pytest.raises(InputError):
        parse_policy(bad)
    policy = default_policy()
    for kind in ("routine", "hard", "emergency"):
        for urgency in ("normal", "urgent"):
            for clock in Clock:
                assert policy.limit(kind, urgency, clock).amount >= 1
