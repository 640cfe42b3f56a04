"""Burden events as plain data, and the CSV/XLSX readers of the ledger contract (DESIGN §4).

A burden event is one thing that reached a township and cost its staff hours: a document, a
meeting, a phone notice… Every reader validates every row and collects all problems before
raising, so a clerk fixes a file in one go; a file with any error imports nothing.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import IO, Any

from jiceng.errors import InputError, InputErrors

COLUMNS: tuple[str, ...] = (
    "township",
    "date",
    "type",
    "channel",
    "source_department",
    "title",
    "hours",
)

# Chinese column headers a county spreadsheet may carry instead of the contract names.
COLUMN_ALIASES: dict[str, str] = {
    "乡镇": "township",
    "乡镇（街道）": "township",
    "乡镇(街道)": "township",
    "街道": "township",
    "日期": "date",
    "发生日期": "date",
    "类型": "type",
    "负担类型": "type",
    "事项类型": "type",
    "渠道": "channel",
    "来源部门": "source_department",
    "部门": "source_department",
    "派出部门": "source_department",
    "标题": "title",
    "事由": "title",
    "内容": "title",
    "工时": "hours",
    "耗用工时": "hours",
    "人工时": "hours",
    "估计工时": "hours",
}

REQUIRED_COLUMNS: frozenset[str] = frozenset({"township", "date", "type", "channel", "hours"})


class EventType(StrEnum):
    """The kinds of burden named in DESIGN §3.3 (and 《若干规定》's list of formalism forms)."""

    DOCUMENT = "document"
    MEETING = "meeting"
    INSPECTION = "inspection"
    DATA_REPORT = "data_report"
    APP_OR_GROUP = "app_or_group"
    PHONE_NOTICE = "phone_notice"
    SIGNBOARD = "signboard"
    CREATION_ACTIVITY = "creation_activity"
    PLEDGE = "pledge"
    TRACE_DEMAND = "trace_demand"
    SECONDMENT = "secondment"

    @property
    def label(self) -> str:
        return EVENT_TYPE_LABELS[self]

    @property
    def usual_channel(self) -> Channel:
        """Phone notices and app/chat-group demands are the informal channels; the rest are formal."""
        return Channel.INFORMAL if self in INFORMAL_TYPES else Channel.FORMAL


EVENT_TYPE_LABELS: dict[EventType, str] = {
    EventType.DOCUMENT: "发文",
    EventType.MEETING: "会议",
    EventType.INSPECTION: "督查检查考核",
    EventType.DATA_REPORT: "报表填报",
    EventType.APP_OR_GROUP: "政务APP/工作群",
    EventType.PHONE_NOTICE: "电话通知",
    EventType.SIGNBOARD: "挂牌",
    EventType.CREATION_ACTIVITY: "创建示范活动",
    EventType.PLEDGE: "签订责任状/承诺书",
    EventType.TRACE_DEMAND: "留痕要求",
    EventType.SECONDMENT: "借调人员",
}
INFORMAL_TYPES = frozenset({EventType.APP_OR_GROUP, EventType.PHONE_NOTICE})


class Channel(StrEnum):
    FORMAL = "formal"
    INFORMAL = "informal"

    @property
    def label(self) -> str:
        return CHANNEL_LABELS[self]


CHANNEL_LABELS: dict[Channel, str] = {Channel.FORMAL: "正式", Channel.INFORMAL: "非正式"}

_TYPE_LOOKUP: dict[str, EventType] = {t.value: t for t in EventType} | {
    label: t for t, label in EVENT_TYPE_LABELS.items()
}
_CHANNEL_LOOKUP: dict[str, Channel] = {c.value: c for c in Channel} | {
    label: c for c, label in CHANNEL_LABELS.items()
}


@dataclass(frozen=True, slots=True)
class Event:
    township: str
    date: date
    type: EventType
    channel: Channel
    source_department: str
    title: str
    hours: float

    @property
    def month(self) -> str:
        return f"{self.date.year:04d}-{self.date.month:02d}"

    def as_row(self) -> dict[str, str]:
        """The event as a contract CSV row (hours without float noise)."""
        return {
            "township": self.township,
            "date": self.date.isoformat(),
            "type": self.type.value,
            "channel": self.channel.value,
            "source_department": self.source_department,
            "title": self.title,
            "hours": format_hours(self.hours),
        }


def format_hours(hours: float) -> str:
    return f"{hours:.2f}".rstrip("0").rstrip(".") or "0"


# --------------------------------------------------------------------------------------------
# Stable keys for idempotent import
# --------------------------------------------------------------------------------------------


def event_key(event: Event, occurrence: int = 0) -> str:
    """A stable key of the event's content plus its occurrence number among identical rows.

    Two identical rows in one file are two real events (two identical phone calls), so the
    n-th copy gets ``occurrence = n``; re-importing the same file yields the same keys and adds
    nothing.
    """
    row = event.as_row()
    payload = "\x1f".join(row[c] for c in COLUMNS) + f"\x1f{occurrence}"
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:32]


def keyed_events(events: Iterable[Event]) -> Iterator[tuple[str, Event]]:
    """Pair each event with its key, numbering repeated identical events 0, 1, 2… in order."""
    seen: Counter[tuple[str, ...]] = Counter()
    for event in events:
        row = event.as_row()
        content = tuple(row[c] for c in COLUMNS)
        yield event_key(event, seen[content]), event
        seen[content] += 1


# --------------------------------------------------------------------------------------------
# Row validation shared by the CSV and XLSX readers
# --------------------------------------------------------------------------------------------


def _parse_date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return _parse_date_text(str(value).strip())


# The accepted spellings: 2024-03-05, 2024/3/5, 2024.03.05 (one separator throughout) and
# 2024年3月5日. A regular expression and a cache instead of strptime: a ledger of millions of rows
# has only a few hundred distinct dates, and strptime was half the time of reading a file.
_DATE_TEXT = re.compile(r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})|(\d{4})年(\d{1,2})月(\d{1,2})日")


@functools.lru_cache(maxsize=8192)
def _parse_date_text(text: str) -> date:
    m = _DATE_TEXT.fullmatch(text)
    if m is None:
        raise ValueError(text)
    year, month, day = (m.group(1), m.group(3), m.group(4)) if m.group(1) else m.group(5, 6, 7)
    return date(int(year), int(month), int(day))  # ValueError for 2月30日 and the like


def _parse_hours(value: Any) -> float:
    if isinstance(value, bool):
        raise ValueError(value)
    hours = float(value) if isinstance(value, int | float) else float(str(value).strip())
    if not math.isfinite(hours):
        raise ValueError(value)
    return hours


def _cell(value: Any) -> str:
    return "" if value is None else str(value).strip()


def validate_row(
    values: dict[str, Any], *, file: str | None, row: int, errors: list[InputError]
) -> Event | None:
    """Turn one row into an Event, or append every problem found to ``errors`` and return None."""
    found: list[InputError] = []

    def fail(column: str, message: str) -> None:
        found.append(InputError(message, file=file, row=row, column=column))

    township = _cell(values.get("township"))
    if not township:
        fail("township", "乡镇（街道）名称不能为空")

    event_date: date | None = None
    raw_date = values.get("date")
    if raw_date is None or _cell(raw_date) == "":
        fail("date", "日期不能为空")
    else:
        try:
            event_date = _parse_date(raw_date)
        except ValueError:
            fail("date", f"日期“{_cell(raw_date)}”无效，应为 YYYY-MM-DD 格式的真实日期")

    raw_type = _cell(values.get("type"))
    event_type = _TYPE_LOOKUP.get(raw_type)
    if event_type is None:
        allowed = "、".join(t.value for t in EventType)
        fail("type", f"未知的负担类型“{raw_type}”，应为：{allowed}")

    raw_channel = _cell(values.get("channel"))
    channel = _CHANNEL_LOOKUP.get(raw_channel)
    if channel is None:
        fail("channel", f"未知的渠道“{raw_channel}”，应为 formal（正式）或 informal（非正式）")

    hours: float | None = None
    raw_hours = values.get("hours")
    if raw_hours is None or _cell(raw_hours) == "":
        fail("hours", "工时不能为空")
    else:
        try:
            hours = _parse_hours(raw_hours)
        except ValueError:
            fail("hours", f"工时“{_cell(raw_hours)}”不是数字")
        else:
            if hours < 0:
                fail("hours", f"工时不能为负数（{_cell(raw_hours)}）")

    if found:
        errors.extend(found)
        return None
    assert event_date is not None and event_type is not None and channel is not None
    assert hours is not None
    return Event(
        township=township,
        date=event_date,
        type=event_type,
        channel=channel,
        source_department=_cell(values.get("source_department")),
        title=_cell(values.get("title")),
        hours=hours,
    )


def _map_header(
    header: list[Any], *, file: str | None, row: int, errors: list[InputError]
) -> dict[int, str] | None:
    """Map column positions to contract names; report missing, duplicate and unknown columns."""
    positions: dict[int, str] = {}
    problems: list[str] = []
    for index, raw in enumerate(header):
        name = _cell(raw).lstrip("\ufeff")
        if not name:
            continue
        column = name if name in COLUMNS else COLUMN_ALIASES.get(name)
        if column is None:
            problems.append(f"未知列“{name}”")
        elif column in positions.values():
            problems.append(f"列“{name}”重复")
        else:
            positions[index] = column
    missing = [c for c in COLUMNS if c in REQUIRED_COLUMNS and c not in positions.values()]
    if missing:
        problems.append(f"缺少列：{'、'.join(missing)}")
    if problems:
        expected = ",".join(COLUMNS)
        errors.append(
            InputError(f"表头不正确（{'；'.join(problems)}），应为：{expected}", file=file, row=row)
        )
        return None
    return positions


# --------------------------------------------------------------------------------------------
# CSV
# --------------------------------------------------------------------------------------------


def _text_stream(source: str | Path | IO[Any], file: str | None) -> tuple[IO[str], str | None]:
    """Open ``source`` as UTF-8 text (BOM tolerated); raise InputError if it is not UTF-8."""
    if isinstance(source, str | Path):
        path = Path(source)
        file = file or path.name
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise InputError(f"无法读取文件：{exc.strerror or exc}", file=file) from exc
    else:
        data = source.read()
        if isinstance(data, str):
            return io.StringIO(data), file
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            "文件不是 UTF-8 编码，请另存为 UTF-8 格式的 CSV 后再导入", file=file
        ) from exc
    return io.StringIO(text), file


def iter_events_csv(
    source: str | Path | IO[Any], filename: str | None = None, *, errors: list[InputError]
) -> Iterator[Event]:
    """Yield the valid events of a contract CSV, appending every problem to ``errors``.

    For streaming aggregation over files too large to hold as events; callers must check
    ``errors`` once the iterator is exhausted. Use :func:`read_events_csv` for all-or-nothing.
    """
    if isinstance(source, str | Path):
        filename = filename or Path(source).name
        yield from _iter_csv_path(Path(source), filename, errors)
        return
    stream, filename = _text_stream(source, filename)
    yield from _iter_csv_rows(stream, filename, errors)


def _iter_csv_path(path: Path, filename: str, errors: list[InputError]) -> Iterator[Event]:
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise InputError(f"无法读取文件：{exc.strerror or exc}", file=filename) from exc
    with handle:
        try:
            yield from _iter_csv_rows(handle, filename, errors)
        except UnicodeDecodeError as exc:
            raise InputError(
                "文件不是 UTF-8 编码，请另存为 UTF-8 格式的 CSV 后再导入", file=filename
            ) from exc


def _iter_csv_rows(
    stream: IO[str], filename: str | None, errors: list[InputError]
) -> Iterator[Event]:
    reader = csv.reader(stream)
    header = next(reader, None)
    if header is None:
        errors.append(InputError("文件为空，缺少表头", file=filename, row=1))
        return
    positions = _map_header(list(header), file=filename, row=1, errors=errors)
    if positions is None:
        return
    for row_number, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue  # blank lines are not events
        if len(cells) > len(header):
            errors.append(
                InputError(
                    f"本行有 {len(cells)} 个字段，多于表头的 {len(header)} 列（标题中的逗号需用引号括起）",
                    file=filename,
                    row=row_number,
                )
            )
            continue
        values = {positions[i]: cells[i] for i in positions if i < len(cells)}
        event = validate_row(values, file=filename, row=row_number, errors=errors)
        if event is not None:
            yield event


def read_events_csv(source: str | Path | IO[Any], filename: str | None = None) -> list[Event]:
    """Read a whole contract CSV; raise :class:`InputErrors` listing every bad row, or return all."""
    errors: list[InputError] = []
    events = list(iter_events_csv(source, filename, errors=errors))
    if errors:
        raise InputErrors(errors)
    return events


def write_events_csv(events: Iterable[Event], stream: IO[str]) -> int:
    """Write events in the contract format; returns the number of rows written."""
    writer = csv.DictWriter(stream, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    count = 0
    for event in events:
        writer.writerow(event.as_row())
        count += 1
    return count


# --------------------------------------------------------------------------------------------
# XLSX
# --------------------------------------------------------------------------------------------


def read_events_xlsx(source: str | Path | IO[bytes], filename: str | None = None) -> list[Event]:
    """Read events from the first sheet of an XLSX whose header row carries the contract columns.

    Title rows above the header are skipped (the header is the first row naming a township and
    an hours column); Chinese headers such as 乡镇、日期、类型、渠道、来源部门、标题、工时 are accepted.
    """
    from openpyxl import load_workbook  # imported here: CSV users do not pay for it

    if isinstance(source, str | Path):
        filename = filename or Path(source).name
    try:
        workbook = load_workbook(source, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged or non-XLSX file
        raise InputError("无法作为 XLSX 文件打开，请确认文件格式", file=filename) from exc
    try:
        sheet = workbook.worksheets[0]
        errors: list[InputError] = []
        events: list[Event] = []
        positions: dict[int, str] | None = None
        for row_number, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
            if positions is None:
                names = {_cell(c) for c in cells}
                if not names & {"township", "乡镇", "乡镇（街道）", "乡镇(街道)", "街道"}:
                    continue
                positions = _map_header(list(cells), file=filename, row=row_number, errors=errors)
                if positions is None:
                    break
                continue
            if all(_cell(c) == "" for c in cells):
                continue
            values = {positions[i]: cells[i] for i in positions if i < len(cells)}
            event = validate_row(values, file=filename, row=row_number, errors=errors)
            if event is not None:
                events.append(event)
        if positions is None and not errors:
            errors.append(InputError("找不到表头行（应包含 township/乡镇 等列）", file=filename))
    finally:
        workbook.close()
    if errors:
        raise InputErrors(errors)
    return events
