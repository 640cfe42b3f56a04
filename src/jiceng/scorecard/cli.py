"""``jiceng report``: the county's monthly 统筹评估 report as DOCX and XLSX files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from jiceng.errors import InputError


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "report",
        help="生成县域统筹评估月报（Word 公文格式 + Excel 附表）",
        description="按各乡镇（街道）的负担、赋能、服务成效三项分项和统筹指数，生成某月的统筹评估报告："
        "公文格式的 DOCX（含图表）和包含全部数字的 XLSX 附表，写入 --out 目录，并在标准输出列出文件路径。",
    )
    parser.add_argument("--month", required=True, help="报告月份，格式 YYYY-MM")
    parser.add_argument("--county", default="", help="县名或编码（数据库中只有一个县时可省略）")
    parser.add_argument("--out", required=True, help="输出目录（不存在时自动创建）")
    parser.set_defaults(func=run_report)


def parse_month(value: str) -> Any:
    from datetime import date

    try:
        year, month = value.strip().split("-")
        return date(int(year), int(month), 1)
    except ValueError:
        raise InputError(f"月份“{value}”格式不对，应为 YYYY-MM，例如 2025-06。") from None


def run_report(args: argparse.Namespace) -> int:
    month = parse_month(args.month)
    from jiceng.web.bootstrap import setup_django

    setup_django()
    from django.db.models import Q
    from tqdm import tqdm

    from jiceng.core.models import Organisation
    from jiceng.scorecard import reporting

    counties = Organisation.objects.filter(kind=Organisation.Kind.COUNTY)
    if args.county:
        counties = counties.filter(Q(name=args.county) | Q(code=args.county))
    found = list(counties[:2])
    if not found:
        raise InputError(
            f"没有找到县“{args.county}”。"
            if args.county
            else "数据库中还没有县，请先导入组织机构或运行 jiceng demo。"
        )
    if len(found) > 1:
        raise InputError("数据库中有多个县，请用 --county 指定县名或编码。")
    county = found[0]
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with tqdm(total=100, desc="生成月报", unit="%", file=sys.stderr) as bar:

        def step(percent: int, _text: str) -> None:
            bar.set_postfix_str(_text)
            bar.update(max(0, percent - bar.n))

        docx, xlsx = reporting.render(county, month, step)
        step(100, "已完成")
    paths = []
    for suffix, content in (("docx", docx), ("xlsx", xlsx)):
        path = out / reporting.filename(county, month, suffix)
        path.write_bytes(content)
        paths.append(path)
    for path in paths:
        print(path)
    return 0
