"""Reading and validating ledger events (CSV and XLSX), and the stable import keys."""

from __future__ import annotations

import io
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from jiceng.errors import InputError, InputErrors
from jiceng.ledger.events import (
    Channel,
    Event,
    EventType,
    keyed_events,
    read_events_csv,
    read_events_xlsx,
    write_events_csv,
)

HEADER = "township,date,type,channel,source_department,title,hours\n"


def csv_text(*rows: str) -> io.StringIO:
    return io.StringIO(HEADER + "".join(r + "\n" for r in rows))


def test_reads_valid_rows_with_labels_and_bom(tmp_path: Path) -> None:
    path = tmp_path / "台账.csv"
    path.write_bytes(
        (
            "\ufeff"
            + HEADER
            + "东山镇,2024-03-05,document,formal,县水务局,关于做好河道保洁的通知,1.5\n"
            + "东山镇,2024/03/06,电话通知,非正式,县水务局,电话催报水位,0.5\n"
        ).encode("utf-8")
    )
    events = read_events_csv(path)
    assert events == [
        Event(
            "东山镇",
            date(2024, 3, 5),
            EventType.DOCUMENT,
            Channel.FORMAL,
            "县水务局",
            "关于做好河道保洁的通知",
            1.5,
        ),
        Event(
            "东山镇",
            date(2024, 3, 6),
            EventType.PHONE_NOTICE,
            Channel.INFORMAL,
            "县水务局",
            "电话催报水位",
            0.5,
        ),
    ]
    assert events[1].month == "2024-03"
    assert EventType.PHONE_NOTICE.label == "电话通知"
    assert Channel.INFORMAL.label == "非正式"


def test_collects_every_bad_row_with_row_and_column() -> None:
    stream = csv_text(
        "西河乡,2024-01-02,meeting,formal,县农业局,春耕部署会,3",  # row 2: fine
        "西河乡,2024-02-30,meeting,formal,县农业局,春耕部署会,3",  # row 3: no such day
        "西河乡,2024-01-02,banquet,formal,县农业局,宴请,3",  # row 4: unknown type
        "西河乡,2024-01-02,meeting,sideways,县农业局,会,3",  # row 5: unknown channel
        "西河乡,2024-01-02,meeting,formal,县农业局,会,-2",  # row 6: negative hours
        "西河乡,2024-01-02,meeting,formal,县农业局,会,两小时",  # row 7: not a number
        ",2024-01-02,meeting,formal,县农业局,会,1",  # row 8: no township
    )
    with pytest.raises(InputErrors) as caught:
        read_events_csv(stream, "in.csv")
    located = [(e.row, e.column) for e in caught.value.errors]
    assert located == [
        (3, "date"),
        (4, "type"),
        (5, "channel"),
        (6, "hours"),
        (7, "hours"),
        (8, "township"),
    ]
    first = caught.value.errors[0]
    assert first.file == "in.csv"
    assert "第 3 行" in str(first) and "2024-02-30" in str(first)
    assert "未导入任何数据" in str(caught.value)


def test_dates_in_every_accepted_spelling_and_no_other() -> None:
    spellings = ["2024-03-05", "2024/3/5", "2024.03.05", "2024年3月5日", " 2024-3-05 "]
    rows = [f"甲镇,{d},meeting,formal,部门,会,1" for d in spellings]
    assert {e.date for e in read_events_csv(csv_text(*rows))} == {date(2024, 3, 5)}
    bad = [
        "2024-03/05",
        "24-3-5",
        "2024-03-05 9:00",
        "2024年3月5",
        "2024-13-01",
        "二〇二四年三月五日",
    ]
    with pytest.raises(InputErrors) as caught:
        read_events_csv(csv_text(*[f"甲镇,{d},meeting,formal,部门,会,1" for d in bad]))
    assert [(e.row, e.column) for e in caught.value.errors] == [(r, "date") for r in range(2, 8)]


def test_several_problems_in_one_row_are_all_reported() -> None:
    with pytest.raises(InputErrors) as caught:
        read_events_csv(csv_text("甲镇,yesterday,memo,formal,部门,标题,abc"))
    assert [e.column for e in caught.value.errors] == ["date", "type", "hours"]


def test_wrong_header_is_reported_on_row_one() -> None:
    stream = io.StringIO("township,day,type,channel,source_department,title,hours\n")
    with pytest.raises(InputErrors) as caught:
        read_events_csv(stream, "x.csv")
    error = caught.value.errors[0]
    assert error.row == 1
    assert "date" in error.detail and "day" in error.detail


def test_non_utf8_file_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "gbk.csv"
    path.write_bytes((HEADER + "南岭镇,2024-01-02,meeting,formal,县农业局,会议,3\n").encode("gbk"))
    with pytest.raises(InputError, match="UTF-8"):
        read_events_csv(path)


def test_binary_stream_is_decoded() -> None:
    data = (HEADER + "南岭镇,2024-01-02,meeting,formal,县农业局,会议,3\n").encode("utf-8")
    events = read_events_csv(io.BytesIO(data), "upload.csv")
    assert events[0].township == "南岭镇"


def test_keys_are_stable_and_count_identical_rows() -> None:
    call = Event(
        "北坡乡",
        date(2024, 5, 1),
        EventType.PHONE_NOTICE,
        Channel.INFORMAL,
        "县民政局",
        "电话通知：核对名单",
        0.5,
    )
    other = Event(
        "北坡乡",
        date(2024, 5, 1),
        EventType.PHONE_NOTICE,
        Channel.INFORMAL,
        "县民政局",
        "电话通知：核对名单",
        0.6,
    )
    first_import = [k for k, _ in keyed_events([call, call, other])]
    second_import = [k for k, _ in keyed_events([call, call, other])]
    assert first_import == second_import  # re-importing the same file adds nothing
    assert len(set(first_import)) == 3  # two identical calls are two events


def test_csv_round_trip() -> None:
    events = read_events_csv(csv_text("丰乐镇,2024-07-01,secondment,formal,县信访局,抽调人员,40"))
    buffer = io.StringIO()
    assert write_events_csv(events, buffer) == 1
    assert read_events_csv(io.StringIO(buffer.getvalue())) == events


def _workbook(tmp_path: Path, rows: list[list[object]]) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    path = tmp_path / "台账.xlsx"
    workbook.save(path)
    return path


def test_xlsx_with_title_row_and_chinese_header(tmp_path: Path) -> None:
    path = _workbook(
        tmp_path,
        [
            ["某县基层负担台账（2024年）"],
            ["乡镇", "日期", "类型", "渠道", "来源部门", "标题", "工时"],
            ["青石镇", datetime(2024, 4, 2), "会议", "正式", "县教育局", "开学安全部署会", 3],
            [None, None, None, None, None, None, None],
            ["青石镇", "2024-04-03", "app_or_group", "informal", "县教育局", "群内接龙", 0.8],
        ],
    )
    events = read_events_xlsx(path)
    assert [(e.date, e.type, e.channel, e.hours) for e in events] == [
        (date(2024, 4, 2), EventType.MEETING, Channel.FORMAL, 3.0),
        (date(2024, 4, 3), EventType.APP_OR_GROUP, Channel.INFORMAL, 0.8),
    ]


def test_xlsx_errors_carry_sheet_row_numbers(tmp_path: Path) -> None:
    path = _workbook(
        tmp_path,
        [
            ["标题行"],
            ["township", "date", "type", "channel", "source_department", "title", "hours"],
            ["青石镇", datetime(2024, 4, 2), "meeting", "formal", "县教育局", "会", -1],
        ],
    )
    with pytest.raises(InputErrors) as caught:
        read_events_xlsx(path)
    assert [(e.row, e.column) for e in caught.value.errors] == [(3, "hours")]
