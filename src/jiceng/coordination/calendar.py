"""A working-day calendar that knows Chinese public holidays and make-up workdays. Pure Python.

The days come from chinese-calendar (the State Council's yearly 部分节假日安排) and from override
tables (a TOML file shipped with the code and one in the data directory the county admin updates
when the State Council publishes a year the library does not know yet). For a year known to
neither, weekends are the only days off and the calendar says so (``known(year)`` is False), so a
deadline computed over such a year is flagged as an estimate instead of silently wrong.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import chinese_calendar

from jiceng.errors import InputError


@dataclass(frozen=True)
class YearOverride:
    holidays: frozenset[dt.date] = frozenset()
    workdays: frozenset[dt.date] = frozenset()
    source: str = ""


@dataclass
class WorkCalendar:
    overrides: dict[int, YearOverride] = field(default_factory=dict)
    workday_end: dt.time = dt.time(17, 30)

    def known(self, year: int) -> bool:
        """True when the holiday arrangement of ``year`` is known (library or override)."""
        if year in self.overrides:
            return True
        try:
            chinese_calendar.is_workday(dt.date(year, 6, 1))
        except NotImplementedError:
            return False
        return True

    def is_workday(self, day: dt.date) -> bool:
        override = self.overrides.get(day.year)
        if override is not None:
            if day in override.workdays:
                return True
            if day in override.holidays:
                return False
            return day.weekday() < 5
        try:
            return bool(chinese_calendar.is_workday(day))
        except NotImplementedError:
            return day.weekday() < 5

    def next_workday(self, day: dt.date) -> dt.date:
        """``day`` itself when it is a workday, else the first workday after it."""
        while not self.is_workday(day):
            day += dt.timedelta(days=1)
        return day

    def add_workdays(self, start: dt.datetime, days: int) -> dt.datetime:
        """The end (``workday_end``) of the ``days``-th workday after the day of ``start``.

        Counting starts the day after receipt, as 限时办结 rules usually read ("收到之日起 N 个
        工作日内"): a ticket raised on a Friday with 2 working days is due at the end of the
        second working day after that Friday — Tuesday, or later across a holiday.
        """
        if days < 1:
            raise ValueError("days must be at least 1")
        day = start.date()
        counted = 0
        while counted < days:
            day += dt.timedelta(days=1)
            if self.is_workday(day):
                counted += 1
        return dt.datetime.combine(day, self.workday_end, tzinfo=start.tzinfo)

    def workdays_before(self, moment: dt.datetime, days: int) -> dt.datetime:
        """The end of the ``days``-th workday before the day of ``moment``."""
        day = moment.date()
        counted = 0
        while counted < days:
            day -= dt.timedelta(days=1)
            if self.is_workday(day):
                counted += 1
        return dt.datetime.combine(day, self.workday_end, tzinfo=moment.tzinfo)

    def workdays_between(self, start: dt.date, end: dt.date) -> int:
        """Workdays in the half-open range (start, end]."""
        count = 0
        day = start
        while day < end:
            day += dt.timedelta(days=1)
            count += self.is_workday(day)
        return count

    def unknown_years(self, start: dt.datetime, end: dt.datetime) -> list[int]:
        return [y for y in range(start.year, end.year + 1) if not self.known(y)]


def _parse_day(value: Any, where: str) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise InputError(f"日期“{value}”格式不对，应为 YYYY-MM-DD。", file=where) from None


def parse_overrides(
    data: Mapping[str, Any], where: str
) -> tuple[dict[int, YearOverride], dt.time | None]:
    """Read the ``[years.YYYY]`` tables and ``workday_end`` of a calendar TOML document."""
    overrides: dict[int, YearOverride] = {}
    for key, table in (data.get("years") or {}).items():
        try:
            year = int(key)
        except ValueError:
            raise InputError(f"年份“{key}”不是数字。", file=where) from None
        holidays = frozenset(_parse_day(v, where) for v in table.get("holidays", []))
        workdays = frozenset(_parse_day(v, where) for v in table.get("workdays", []))
        for day in holidays | workdays:
            if day.year != year:
                raise InputError(f"日期 {day} 不属于 {year} 年。", file=where)
        if holidays & workdays:
            both = ", ".join(sorted(str(d) for d in holidays & workdays))
            raise InputError(f"{both} 同时被列为放假日和调休上班日。", file=where)
        overrides[year] = YearOverride(holidays, workdays, str(table.get("source", "")))
    end = data.get("workday_end")
    end_time = None
    if end is not None:
        try:
            end_time = dt.time.fromisoformat(str(end))
        except ValueError:
            raise InputError(f"下班时间“{end}”格式不对，应为 HH:MM。", file=where) from None
    return overrides, end_time


def load_calendar(extra_files: Iterable[Path] = ()) -> WorkCalendar:
    """The shipped calendar data, then each existing file of ``extra_files`` on top (later wins)."""
    shipped = resources.files("jiceng.coordination") / "data" / "calendar.toml"
    documents = [("calendar.toml", tomllib.loads(shipped.read_text(encoding="utf-8")))]
    for path in extra_files:
        if path.is_file():
            try:
                documents.append((path.name, tomllib.loads(path.read_text(encoding="utf-8"))))
            except tomllib.TOMLDecodeError as exc:
                raise InputError(f"TOML 格式错误：{exc}", file=str(path)) from None
    calendar = WorkCalendar()
    for name, data in documents:
        overrides, end = parse_overrides(data, name)
        calendar.overrides.update(overrides)
        if end is not None:
            calendar.workday_end = end
    return calendar
