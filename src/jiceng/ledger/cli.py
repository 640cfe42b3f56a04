"""``jiceng ledger …``: the burden-ledger command group.

Sub-commands are added by the registrars in ``SUBCOMMANDS``; each takes the group's
sub-parsers, adds its parser with Chinese help and sets ``func``. ``detect`` is stateless (no
database): it reads a ledger CSV/XLSX and writes the findings as JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jiceng.errors import InputError, InputErrors
from jiceng.ledger.detection import PATTERN_LABELS, detect_from_monthly
from jiceng.ledger.events import iter_events_csv, read_events_xlsx
from jiceng.ledger.series import aggregate_monthly
from jiceng.progress import progress

SubParsers = Any  # argparse's _SubParsersAction is private; its type is not worth importing
Registrar = Callable[[SubParsers], None]


def detect_command(args: argparse.Namespace) -> int:
    path: Path = args.events
    if not path.exists():
        raise InputError("文件不存在", file=str(path))
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        series = aggregate_monthly(read_events_xlsx(path))
    else:
        # Stream the CSV into monthly sums: a province's ledger need not fit in memory.
        errors: list[InputError] = []
        events = iter_events_csv(path, path.name, errors=errors)
        series = aggregate_monthly(progress(events, desc="读取台账"))
        if errors:
            raise InputErrors(errors)
    findings = detect_from_monthly(series)
    payload = {"findings": [f.as_dict() for f in findings]}
    text = json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
    if args.out is None:
        sys.stdout.write(text)
    else:
        try:
            args.out.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise InputError(
                f"无法写入输出文件：{exc.strerror or exc}", file=str(args.out)
            ) from exc
    return 0


def register_detect(ledger_subparsers: SubParsers) -> None:
    patterns = "；".join(f"{p.value}＝{label}" for p, label in PATTERN_LABELS.items())
    parser = ledger_subparsers.add_parser(
        "detect",
        help="检测“明减暗不减”等负担变化形态（无需数据库）",
        description=(
            "读取负担台账（CSV：township,date,type,channel,source_department,title,hours，"
            "或同表头的 XLSX），按乡镇逐月比较正式与非正式渠道工时，找出负担只是换了形式的乡镇"
            "（正式渠道减少、非正式渠道增加相当或更多，且持续），并给出依据。\n"
            f"形态：{patterns}。"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--events", required=True, type=Path, metavar="台账文件", help="台账 CSV 或 XLSX"
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=None,
        metavar="输出文件",
        help="结果 JSON 写入此文件（默认输出到标准输出）",
    )
    parser.set_defaults(func=detect_command)


def register_import(ledger_subparsers: SubParsers) -> None:
    """``jiceng ledger import``: load a ledger file into a county (needs the database)."""

    def run(args: argparse.Namespace) -> int:
        from jiceng.web.bootstrap import setup_django

        setup_django()
        from jiceng.ledger.importing import import_file

        print(import_file(str(args.events), args.county).message)
        return 0

    parser = ledger_subparsers.add_parser(
        "import",
        help="把台账 CSV/XLSX 导入某县的负担台账（需要数据库）",
        description="校验全部行后一次性导入；有任何错误时不导入；同一文件重复导入不会重复记入。",
    )
    parser.add_argument(
        "--events", required=True, type=Path, metavar="台账文件", help="台账 CSV 或 XLSX"
    )
    parser.add_argument("--county", required=True, metavar="县名", help="导入到哪个县（名称）")
    parser.set_defaults(func=run)


def register_purge(ledger_subparsers: SubParsers) -> None:
    """``jiceng ledger purge-anonymous``: apply the retention period to anonymous reports."""

    def run(args: argparse.Namespace) -> int:
        from jiceng.web.bootstrap import setup_django

        setup_django()
        from jiceng.ledger.anonymous import purge_expired, retention_days

        cleared, deleted = purge_expired(days=args.days)
        print(
            f"保存期限 {args.days or retention_days()} 天：清除 {cleared} 条匿名反映的描述，删除 {deleted} 条不属实反映。"
        )
        return 0

    parser = ledger_subparsers.add_parser(
        "purge-anonymous",
        help="按保存期限清理匿名反映（生产环境由定时任务每日执行）",
        description="清除超过保存期限的匿名反映描述文字，删除已认定不属实的反映。",
    )
    parser.add_argument(
        "--days",
        type=int,
        default=None,
        metavar="天数",
        help="保存天数（默认取 JICENG_ANONYMOUS_RETENTION_DAYS，180 天）",
    )
    parser.set_defaults(func=run)


# Add a registrar here to add a sub-command under ``jiceng ledger``.
SUBCOMMANDS: list[Registrar] = [register_detect, register_import, register_purge]


def register(subparsers: SubParsers) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "ledger",
        help="负担台账：导入、监测与分析",
        description="负担台账相关命令。用 jiceng ledger <子命令> --help 查看说明。",
    )
    ledger_subparsers = parser.add_subparsers(
        dest="ledger_command", metavar="<台账子命令>", title="台账子命令"
    )

    def show_help(_: argparse.Namespace) -> int:
        parser.print_help(sys.stderr)
        return 2

    parser.set_defaults(func=show_help)
    for registrar in SUBCOMMANDS:
        registrar(ledger_subparsers)
    return parser
