"""``jiceng jobs``: run the SLA sweep (for cron), enqueue it, check the working-day calendar."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from typing import Any

from jiceng.web.bootstrap import setup_django


def register(subparsers: Any) -> None:
    jobs = subparsers.add_parser(
        "jobs",
        help="后台任务：时限扫描、工作日历检查",
        description="协同事项时限（提醒、逾期升级）的后台任务。生产环境由 Celery worker 和 beat 运行，见 src/jiceng/jobs/README.md。",
    )
    sub = jobs.add_subparsers(dest="jobs_command", metavar="<操作>", required=True)
    sweep = sub.add_parser(
        "sweep",
        help="扫描到期的时限并执行提醒/升级",
        description="找出已到提醒点或已逾期、尚未触发的时限。默认在本进程内直接执行（适合 cron 每分钟运行）；"
        "加 --enqueue 则把扫描任务放入队列，由 Celery worker 执行。重复运行不会重复提醒或升级。",
    )
    sweep.add_argument("--enqueue", action="store_true", help="放入任务队列，由 worker 执行")
    sweep.set_defaults(func=run_sweep)
    calendar = sub.add_parser(
        "calendar",
        help="检查某年的节假日安排是否已知",
        description="列出某年的放假日和调休上班日（来自 chinese-calendar 和覆盖文件），未知年份给出提示。",
    )
    calendar.add_argument("--year", type=int, default=dt.date.today().year, help="年份（默认今年）")
    calendar.set_defaults(func=run_calendar)


def run_sweep(args: argparse.Namespace) -> int:
    setup_django()
    if args.enqueue:
        from jiceng.jobs.celery_app import app

        result = app.send_task("coordination.sweep")
        print(json.dumps({"enqueued": str(result.id)}, ensure_ascii=False))
        return 0
    from jiceng.jobs.inprocess import run_sweep_once

    counts = run_sweep_once()
    print(json.dumps(counts, ensure_ascii=False))
    return 0


def run_calendar(args: argparse.Namespace) -> int:
    setup_django()
    from jiceng.coordination.clocks import calendar_override_path, work_calendar

    cal = work_calendar()
    year = args.year
    days = [dt.date(year, 1, 1) + dt.timedelta(days=i) for i in range(366)]
    days = [d for d in days if d.year == year]
    off_weekdays = [d for d in days if d.weekday() < 5 and not cal.is_workday(d)]
    make_up = [d for d in days if d.weekday() >= 5 and cal.is_workday(d)]
    if not cal.known(year):
        print(
            f"{year} 年的节假日安排尚未录入：按周末休息估算。国务院办公厅公布安排后，请录入 {calendar_override_path()}。",
            file=sys.stderr,
        )
    print(f"{year} 年：工作日 {sum(cal.is_workday(d) for d in days)} 天")
    print("工作日放假：" + ("、".join(d.isoformat() for d in off_weekdays) or "无"))
    print("周末调休上班：" + ("、".join(d.isoformat() for d in make_up) or "无"))
    return 0
