"""``jiceng forms …``: the one-table (一表通) command group. Stateless; no database.

``register`` adds the ``forms`` group; sub-commands are added by ``register_match`` and any
later ``register_*`` function onto the group's own sub-parsers (see ``FORMS_SUBCOMMANDS``).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jiceng.errors import InputError, JicengError
from jiceng.forms.matching import match_fields
from jiceng.forms.schema import Form, load_forms_json
from jiceng.forms.templates_xlsx import load_forms_dir, read_form_template


def load_forms(source: str | Path) -> list[Form]:
    """A forms JSON file, a single XLSX template, or a folder of XLSX templates."""
    path = Path(source)
    if path.is_dir():
        return load_forms_dir(path)
    if not path.exists():
        raise InputError("文件不存在", file=str(path))
    if path.suffix.lower() == ".xlsx":
        return [read_form_template(path)]
    return load_forms_json(path, filename=str(path))


def check_coverage(forms: list[Form], contract: dict[str, Any]) -> None:
    """Every field of every form appears in exactly one element (the output contract)."""
    expected = [form.member_key(f) for form in forms for f in form.fields]
    placed = [m for element in contract["elements"] for m in element["members"]]
    if sorted(placed) != sorted(expected):
        raise JicengError("内部错误：匹配结果未能恰好覆盖每个字段一次，未写出结果")


def cmd_match(args: argparse.Namespace) -> int:
    forms = load_forms(args.forms)
    result = match_fields(forms, show_progress=True)
    contract = result.to_json() if args.explain else result.to_contract()
    check_coverage(forms, contract)
    text = json.dumps(contract, ensure_ascii=False, indent=2) + "\n"
    if args.out:
        try:
            Path(args.out).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise InputError(f"无法写入（{exc.strerror or exc}）", file=args.out) from exc
    else:
        sys.stdout.write(text)
    return 0


def register_match(forms_subparsers: Any) -> None:
    parser = forms_subparsers.add_parser(
        "match",
        help="找出各报表中相同的数据元素（字段合并建议）",
        description=(
            "读取报表（JSON 文件或 XLSX 模板文件夹），找出各表中记录同一事实的字段，"
            '输出 {"elements": [{"element": 名称, "members": ["表号:字段名", …]}]}，'
            "每个字段恰好出现一次。"
        ),
    )
    parser.add_argument(
        "--forms", required=True, metavar="F", help="报表 JSON 文件，或 XLSX 模板所在文件夹"
    )
    parser.add_argument("--out", metavar="O", help="输出 JSON 文件（缺省输出到标准输出）")
    parser.add_argument(
        "--explain", action="store_true", help="同时输出每个元素的置信度与理由（reasons）"
    )
    parser.set_defaults(func=cmd_match)


# Each adds one sub-command to ``jiceng forms``; append new ones here.
FORMS_SUBCOMMANDS: list[Callable[[Any], None]] = [register_match]


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "forms",
        help="一表通：报表字段匹配等",
        description="一表通（基层报表整合）相关命令。",
    )
    forms_subparsers = parser.add_subparsers(dest="forms_command", metavar="<命令>", title="命令")
    parser.set_defaults(func=lambda args: _no_subcommand(parser))
    for add in FORMS_SUBCOMMANDS:
        add(forms_subparsers)


def _no_subcommand(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return 2
