"""The ``jiceng`` command: one entry point, one sub-command module per part.

Each module in ``COMMAND_MODULES`` exposes ``register(subparsers)`` which adds its sub-commands
and sets ``func(args) -> int`` on each. Modules that need the database set Django up
themselves (``jiceng.web.bootstrap.setup_django``); stateless commands such as ``screen``,
``ledger detect`` and ``forms match`` never touch it.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from jiceng import __version__
from jiceng.errors import JicengError

COMMAND_MODULES: tuple[str, ...] = (
    "jiceng.web.cli",
    "jiceng.intake.cli",
    "jiceng.forms.cli",
    "jiceng.ledger.cli",
    "jiceng.jobs.cli",
    "jiceng.scorecard.cli",
)


class ChineseHelpFormatter(argparse.RawDescriptionHelpFormatter):
    pass


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="jiceng",
        description="基层赋能减负平台命令行工具。用 jiceng <子命令> --help 查看各子命令的说明。",
        formatter_class=ChineseHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"jiceng {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="<子命令>", title="子命令")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    func = getattr(args, "func", None)
    if func is None:
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(func(args) or 0)
    except JicengError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("已中断。", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
