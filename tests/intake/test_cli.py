"""The ``jiceng screen`` contract: one line per task in order, UTF-8 unescaped, atomic --out,
clear Chinese errors naming the line for bad input."""

import csv
import json
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from jiceng.cli import main

from .factories import ITEMS

FIELDS = [
    "id",
    "category",
    "domain",
    "name",
    "content",
    "basis",
    "lead_department",
    "township_role",
]


@pytest.fixture
def duties(tmp_path: Path) -> Path:
    path = tmp_path / "duties.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(FIELDS)
        for i in ITEMS:
            w.writerow(
                [
                    i.id,
                    i.category.label,
                    i.domain,
                    i.name,
                    i.content,
                    i.basis,
                    i.lead_department,
                    i.township_role,
                ]
            )
    return path


def task(i: int, **extra: object) -> dict:
    base = {
        "id": f"K{i}",
        "from_department": "县信访局",
        "title": "关于做好来访接待的通知",
        "body": "请各乡安排干部接待来访群众，对来信逐件登记办理。",
        "deadline_days": None,
        "upstream": None,
    }
    base.update(extra)
    return base


def write_jsonl(path: Path, rows: list) -> Path:
    path.write_text(
        "\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in rows)
        + "\n",
        encoding="utf-8",
    )
    return path


def test_outputs_one_contract_line_per_task_in_order(tmp_path: Path, duties: Path) -> None:
    tasks = write_jsonl(
        tmp_path / "t.jsonl", [task(3), task(1, label={"decision": "admit"}), task(2)]
    )
    out = tmp_path / "o.jsonl"
    assert main(["screen", "--duties", str(duties), "--tasks", str(tasks), "--out", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "\\u" not in text  # Chinese is not escaped
    rows = [json.loads(line) for line in text.splitlines()]
    assert [r["id"] for r in rows] == ["K3", "K1", "K2"]
    for r in rows:
        assert set(r) == {"id", "decision", "duty_item", "category", "flags", "reasons"}
        assert r["decision"] == "admit" and r["duty_item"] == "F-JB-01"


def test_the_progress_bar_counts_screened_tasks(
    tmp_path: Path, duties: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # screening reads its tasks a batch ahead: a bar over the tasks read would be full too early
    counted: list[object] = []

    def recording(items: Iterable[object], **_: object) -> Iterator[object]:
        for item in items:
            counted.append(item)
            yield item

    monkeypatch.setattr("jiceng.intake.cli.progress", recording)
    tasks = write_jsonl(tmp_path / "t.jsonl", [task(1), task(2)])
    assert main(["screen", "--duties", str(duties), "--tasks", str(tasks)]) == 0
    assert [type(c).__name__ for c in counted] == ["ScreeningResult", "ScreeningResult"]


def test_stdout_when_no_out(
    tmp_path: Path, duties: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tasks = write_jsonl(tmp_path / "t.jsonl", [task(1)])
    assert main(["screen", "--duties", str(duties), "--tasks", str(tasks)]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["id"] == "K1"


@pytest.mark.parametrize(
    ("lines", "needle"),
    [
        (['{"id": "K1", "title": '], "第 1 行"),
        ([task(1), {k: v for k, v in task(2).items() if k != "body"}], "第 2 行"),
        ([task(1, deadline_days="三天")], "deadline_days"),
        ([task(1, body="   ")], "不能为空"),
        ([task(1, body="很长" * 600_000)], "过长"),
        ([task(1), task(1)], "重复"),
    ],
)
def test_bad_input_fails_cleanly(
    tmp_path: Path, duties: Path, capsys: pytest.CaptureFixture[str], lines: list, needle: str
) -> None:
    tasks = write_jsonl(tmp_path / "t.jsonl", lines)
    out = tmp_path / "o.jsonl"
    assert main(["screen", "--duties", str(duties), "--tasks", str(tasks), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("错误：") and needle in err
    assert "Traceback" not in err
    assert not out.exists()
    assert list(tmp_path.glob(".o.jsonl.*")) == []


def test_non_utf8_names_the_line(
    tmp_path: Path, duties: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tasks = tmp_path / "t.jsonl"
    tasks.write_bytes(
        json.dumps(task(1), ensure_ascii=False).encode()
        + b"\n"
        + json.dumps(task(2), ensure_ascii=False).encode("gbk")
        + b"\n"
    )
    assert (
        main(
            [
                "screen",
                "--duties",
                str(duties),
                "--tasks",
                str(tasks),
                "--out",
                str(tmp_path / "o.jsonl"),
            ]
        )
        == 1
    )
    err = capsys.readouterr().err
    assert "第 2 行" in err and "UTF-8" in err


def test_existing_output_is_kept_when_input_is_bad(tmp_path: Path, duties: Path) -> None:
    out = tmp_path / "o.jsonl"
    out.write_text("previous\n", encoding="utf-8")
    tasks = write_jsonl(tmp_path / "t.jsonl", ["not json"])
    assert main(["screen", "--duties", str(duties), "--tasks", str(tasks), "--out", str(out)]) == 1
    assert out.read_text(encoding="utf-8") == "previous\n"


def test_examples_are_used(tmp_path: Path, duties: Path) -> None:
    tasks = write_jsonl(tmp_path / "t.jsonl", [task(1)])
    labelled = write_jsonl(
        tmp_path / "l.jsonl",
        [
            task(
                9,
                label={
                    "decision": "admit",
                    "duty_item": "F-JB-01",
                    "category": "basic",
                    "flags": [],
                },
            )
        ],
    )
    out = tmp_path / "o.jsonl"
    assert (
        main(
            [
                "screen",
                "--duties",
                str(duties),
                "--tasks",
                str(tasks),
                "--examples",
                str(labelled),
                "--out",
                str(out),
            ]
        )
        == 0
    )
    assert json.loads(out.read_text(encoding="utf-8"))["duty_item"] == "F-JB-01"


def test_examples_without_label_are_rejected(
    tmp_path: Path, duties: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tasks = write_jsonl(tmp_path / "t.jsonl", [task(1)])
    labelled = write_jsonl(tmp_path / "l.jsonl", [task(9)])
    assert (
        main(
            ["screen", "--duties", str(duties), "--tasks", str(tasks), "--examples", str(labelled)]
        )
        == 1
    )
    assert "label" in capsys.readouterr().err
