"""Sub-commands of the web platform: demo, serve, migrate, audit verify."""

from __future__ import annotations

import argparse
import os
import sys
import threading
import webbrowser
from typing import Any

from jiceng.web.bootstrap import setup_django


def register(subparsers: Any) -> None:
    demo = subparsers.add_parser(
        "demo",
        help="初始化并启动演示县（SQLite，无需其他服务）",
        description="迁移数据库、生成确定性的演示县数据、打印演示账号，并启动网页服务。遵循 DATABASE_URL。",
    )
    demo.add_argument(
        "--seed", type=int, default=1, help="演示数据随机种子（相同种子生成相同数据，默认 1）"
    )
    demo.add_argument("--port", type=int, default=8000, help="监听端口（默认 8000）")
    demo.add_argument("--host", default="127.0.0.1", help="监听地址（默认 127.0.0.1）")
    demo.add_argument("--no-browser", action="store_true", help="不自动打开浏览器")
    demo.add_argument("--no-serve", action="store_true", help="只生成数据并打印账号，不启动服务")
    demo.add_argument("--reset", action="store_true", help="清空已有演示数据后重新生成")
    demo.set_defaults(func=run_demo)

    serve = subparsers.add_parser(
        "serve",
        help="启动网页服务（开发/演示用）",
        description="启动网页服务。生产环境请用 gunicorn，见 docs/deploy.md。",
    )
    serve.add_argument("--port", type=int, default=8000, help="监听端口")
    serve.add_argument("--host", default="127.0.0.1", help="监听地址")
    serve.set_defaults(func=run_serve)

    migrate = subparsers.add_parser(
        "migrate", help="执行数据库迁移", description="创建或升级数据库表结构。"
    )
    migrate.set_defaults(func=run_migrate)

    audit = subparsers.add_parser("audit", help="审计日志工具", description="审计日志工具。")
    audit_sub = audit.add_subparsers(dest="audit_command", metavar="<操作>", required=True)
    verify = audit_sub.add_parser(
        "verify",
        help="校验审计日志哈希链",
        description="逐条校验审计日志的哈希链，报告第一条被改动的记录。",
    )
    verify.set_defaults(func=run_audit_verify)

    backup = subparsers.add_parser(
        "backup",
        help="备份数据库和上传文件",
        description="把数据库全部内容、上传文件和审计日志打包为一个签名的备份文件。",
    )
    backup.add_argument("--out", required=True, help="备份文件路径，如 backup-20261127.tar.gz")
    backup.set_defaults(func=run_backup)

    restore = subparsers.add_parser(
        "restore",
        help="从备份恢复（会替换现有数据）",
        description="校验备份文件的签名和完整性后，用其内容替换当前数据库和上传文件。",
    )
    restore.add_argument("file", help="备份文件路径")
    restore.add_argument(
        "--yes", action="store_true", help="确认替换现有数据（否则只校验备份文件）"
    )
    restore.set_defaults(func=run_restore)


def _migrate(verbosity: int = 0) -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=verbosity)


def run_migrate(args: argparse.Namespace) -> int:
    setup_django()
    _migrate(verbosity=1)
    return 0


def run_demo(args: argparse.Namespace) -> int:
    os.environ.setdefault("JICENG_DEMO", "1")
    setup_django()
    from jiceng.web.demo_seed import DEMO_PASSWORD, seed_demo

    print("正在准备数据库……", file=sys.stderr)
    _migrate()
    summary = seed_demo(seed=args.seed, reset=args.reset)
    print(summary.describe())
    print(f"\n所有演示账号的密码：{DEMO_PASSWORD}")
    if args.no_serve:
        return 0
    url = f"http://{args.host}:{args.port}/"
    print(f"\n演示平台地址：{url}  （按 Ctrl+C 停止）", flush=True)
    if not args.no_browser:
        threading.Timer(1.5, lambda: webbrowser.open(url)).start()
    return _serve(args.host, args.port)


def run_serve(args: argparse.Namespace) -> int:
    setup_django()
    return _serve(args.host, args.port)


def _serve(host: str, port: int) -> int:
    from django.core.management import call_command

    call_command("runserver", f"{host}:{port}", use_reloader=False, use_threading=True)
    return 0


def run_audit_verify(args: argparse.Namespace) -> int:
    setup_django()
    from jiceng.core.audit import verify_chain

    report = verify_chain()
    if report.ok:
        print(f"审计日志完整：已校验 {report.checked} 条，哈希链无断裂。")
        return 0
    print(f"审计日志被改动：{report.problem}（此前 {report.checked} 条完好）", file=sys.stderr)
    return 1


def run_backup(args: argparse.Namespace) -> int:
    setup_django()
    from pathlib import Path

    from jiceng.core.backup import create_backup

    summary = create_backup(Path(args.out))
    print(f"已备份 {summary.rows} 行数据、{summary.files} 个上传文件到 {summary.path}")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    setup_django()
    from pathlib import Path

    from jiceng.core.backup import read_backup, restore_backup

    if not args.yes:
        manifest, members = read_backup(Path(args.file))
        rows = sum(manifest.get("tables", {}).values())
        print(
            f"备份文件完好：{rows} 行数据、{len(members) - 1} 个上传文件，生成于 {manifest.get('created_at')}。加 --yes 执行恢复。"
        )
        return 0
    _migrate()
    summary = restore_backup(Path(args.file))
    print(f"已恢复 {summary.rows} 行数据、{summary.files} 个上传文件。")
    return 0
