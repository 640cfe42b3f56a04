"""The ``jiceng ledger detect`` contract: JSON shape, --out, and errors without a trace."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from jiceng import cli
from jiceng.ledger.events import write_events_csv
from jiceng.ledger.generator import generate_county, township_names


@pytest.fixture(scope="module")
def ledger_csv(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    names = township_names(12, seed=2)
    _, stream = generate_county(
        names,
        start=date(2023, 1, 1),
        months=24,
        seed=4,
        patterns={names[0]: "shift", names[1]: "spike"},
    )
    path = tmp_path_factory.mktemp("ledger") / "events.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        write_events_csv(stream, handle)
    return path, names[0]


def test_ledger_group_is_registered() -> None:
    assert "jiceng.ledger.cli" in cli.COMMAND_MODULES


def test_detect_writes_findings_json_to_stdout(
    ledger_csv: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    path, shifted = ledger_csv
    assert cli.main(["ledger", "detect", "--events", str(path)]) == 0
    out = capsys.readouterr().out
    payload = json.loads(out)
    assert list(payload) == ["findings"]
    for finding in payload["findings"]:
        assert list(finding) == ["township", "pattern", "month", "evidence"]
    shifts = [f for f in payload["findings"] if f["pattern"] == "hidden_shift"]
    assert [f["township"] for f in shifts] == [shifted]
    assert len(shifts[0]["month"]) == 7 and shifts[0]["month"][4] == "-"
    assert "\\u" not in out  # Chinese written as such (ensure_ascii=False)


def test_detect_writes_to_out_file_and_nothing_to_stdout(
    ledger_csv: tuple[Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, _ = ledger_csv
    out = tmp_path / "findings.json"
    assert cli.main(["ledger", "detect", "--events", str(path), "--out", str(out)]) == 0
    assert capsys.readouterr().out == ""
    assert "findings" in json.loads(out.read_text("utf-8"))


def test_bad_rows_give_a_chinese_error_and_exit_code_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(
        "township,date,type,channel,source_department,title,hours\n"
        "甲镇,2024-13-01,meeting,formal,县局,会,2\n",
        encoding="utf-8",
    )
    assert cli.main(["ledger", "detect", "--events", str(path)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "错误" in captured.err and "第 2 行" in captured.err and "Traceback" not in captured.err


def test_missing_file_is_a_user_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["ledger", "detect", "--events", str(tmp_path / "none.csv")]) == 1
    assert "不存在" in capsys.readouterr().err
