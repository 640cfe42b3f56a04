"""``jiceng screen``: screen a JSONL file of tasks against a duty list. Stateless; no database.

One output line per task, in input order, UTF-8 with Chinese unescaped. Input is validated in
full before any screening, and ``--out`` is written to a temporary file renamed into place at the
end, so a bad input never leaves a partial output file behind.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from jiceng.errors import InputError, InputErrors
from jiceng.intake.learning import LabelledTask, labelled_task_from_json
from jiceng.intake.records import Task, task_from_json
from jiceng.intake.screening import Screener
from jiceng.progress import progress

T = TypeVar("T")
_MAX_ERRORS = 20


def _lines(path: Path) -> Iterator[tuple[int, str]]:
    """Non-blank lines with their 1-based numbers; a line that is not UTF-8 is an error."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"无法读取文件（{exc.strerror or exc}）", file=path.name) from None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for number, raw in enumerate(data.split(b"\n"), start=1):
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise InputError(
                "不是有效的 UTF-8 编码文本，请以 UTF-8 保存后重试", file=path.name, row=number
            ) from None
        if line.strip():
            yield number, line


def read_jsonl(path: Path, parse: Callable[..., T]) -> list[T]:
    """Parse every line with ``parse(obj, line=, file=)``; all errors are reported at once."""
    records: list[T] = []
    errors: list[InputError] = []
    seen: dict[str, int] = {}
    for number, line in _lines(path):
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            errors.append(
                InputError(
                    f"不是有效的 JSON（第 {exc.colno} 列附近：{exc.msg}）",
                    file=path.name,
                    row=number,
                )
            )
            continue
        try:
            record = parse(obj, line=number, file=path.name)
        except InputError as exc:
            errors.append(exc)
            continue
        task = record.task if isinstance(record, LabelledTask) else record
        if isinstance(task, Task):
            if task.id in seen:
                errors.append(
                    InputError(
                        f"任务编号“{task.id}”与第 {seen[task.id]} 行重复",
                        file=path.name,
                        row=number,
                        column="id",
                    )
                )
                continue
            seen[task.id] = number
        records.append(record)
        if len(errors) >= _MAX_ERRORS:
            break
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise InputErrors(errors)
    if not records:
        raise InputError("文件中没有任何任务", file=path.name)
    return records


def load_duty_items(path: str) -> list[Any]:
    from jiceng.duties.parsing import load_duty_list

    items = load_duty_list(path).items
    if not items:
        raise InputError("履职事项清单为空", file=Path(path).name)
    return items


def cmd_screen(args: argparse.Namespace) -> int:
    items = load_duty_items(args.duties)
    tasks = read_jsonl(Path(args.tasks), task_from_json)
    examples = read_jsonl(Path(args.examples), labelled_task_from_json) if args.examples else None
    screener = Screener(items, examples=examples)
    # the bar counts tasks screened, not read: screen_many reads a batch ahead of screening it
    results = progress(screener.screen_many(tasks), total=len(tasks), desc="事项准入筛查")
    lines = (json.dumps(r.to_contract(), ensure_ascii=False) + "\n" for r in results)
    if not args.out:
        for line in lines:
            sys.stdout.write(line)
        return 0
    out = Path(args.out)
    directory = out.parent if str(out.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise InputError(f"无法写入输出文件（{exc.strerror or exc}）", file=str(out)) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.writelines(lines)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return 0


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "screen",
        help="事项准入筛查：判断下派任务对应的履职事项、形式主义问题和准入结论",
        description=(
            "逐条筛查县直部门拟下派乡镇的任务（JSONL，每行一个任务），输出 JSONL，每行一个结果："
            '{"id", "decision": admit|revise|reject, "duty_item", "category", "flags", "reasons"}。'
            "不使用数据库；输入有误时报告出错行号并以非零状态退出，不留下不完整的输出文件。"
        ),
    )
    parser.add_argument("--duties", required=True, metavar="D", help="履职事项清单（CSV 或 XLSX）")
    parser.add_argument("--tasks", required=True, metavar="T", help="待筛查任务（JSONL，UTF-8）")
    parser.add_argument("--out", metavar="O", help="输出文件（JSONL）；缺省输出到标准输出")
    parser.add_argument(
        "--examples", metavar="L", help="已审核的任务示例（JSONL，含 label），用于改进匹配和校准"
    )
    parser.set_defaults(func=cmd_screen)
