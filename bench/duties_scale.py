"""Duty lists at real size: 30 townships × ~340 items — import time and browse/search latency.

    .venv/bin/python bench/duties_scale.py [--townships 30] [--items 340] [--database-url URL]

Builds a throwaway database (SQLite in a temp dir by default), imports one list per township
through the real service (``import_duty_list``), then times the browse page, filtered views and
Chinese search through the Django test client as a county admin and as a township clerk.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--townships", type=int, default=30)
    parser.add_argument("--items", type=int, default=340)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="jiceng-bench-"))
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{tmp / 'bench.sqlite3'}"
    os.environ["JICENG_DATA_DIR"] = str(tmp)
    os.environ["JICENG_PARTS"] = "duties"
    from jiceng.web.bootstrap import setup_django

    setup_django()
    from django.core.management import call_command
    from django.test import Client

    call_command("migrate", verbosity=0)
    from importlib import resources

    from jiceng.core.models import Organisation, User
    from jiceng.duties.items import Category, DutyItem
    from jiceng.duties.parsing import dump_duty_csv, parse_duty_list
    from jiceng.duties.services import import_duty_list

    template = parse_duty_list(
        resources.files("jiceng.duties").joinpath("data/county_template.csv").read_bytes(), "t.csv"
    ).items
    # Grow the template to the requested size with numbered variants (a real list's size).
    items: list[DutyItem] = []
    counters = {c: 0 for c in Category}
    prefix = {Category.BASIC: "JB", Category.COOPERATING: "PH", Category.RETURNED: "SH"}
    while len(items) < args.items:
        for base in template:
            if len(items) >= args.items:
                break
            counters[base.category] += 1
            round_no = len(items) // len(template)
            items.append(
                DutyItem(
                    f"{prefix[base.category]}-{counters[base.category]:03d}",
                    base.category,
                    base.domain,
                    base.name + (f"（{round_no + 1}）" if round_no else ""),
                    base.content,
                    base.basis,
                    base.lead_department,
                    base.township_role,
                )
            )
    data = dump_duty_csv(items).encode("utf-8")

    county = Organisation.objects.create(kind="county", name="基准县")
    admin = User.objects.create_user(
        "bench_admin", password="Bench-Passw0rd!", role="county_admin", organisation=county
    )
    townships = [
        Organisation.objects.create(kind="township", name=f"基准{i:02d}镇", parent=county)
        for i in range(args.townships)
    ]
    User.objects.create_user(
        "bench_town", password="Bench-Passw0rd!", role="township_clerk", organisation=townships[0]
    )

    started = time.perf_counter()
    for township in townships:
        import_duty_list(actor=admin, township=township, data=data, filename="list.csv")
    import_seconds = time.perf_counter() - started

    from jiceng.duties.models import DutyList

    target = DutyList.objects.get(township=townships[-1]).pk
    routes = {
        "list index": "/duties/",
        "browse page 1": f"/duties/{target}/",
        "filter category": f"/duties/{target}/?category=returned",
        "search 低保 核查": f"/duties/{target}/?q=低保+核查",
        "search long phrase": f"/duties/{target}/?q=安全生产隐患排查整治",
        "API items search": f"/api/duties/lists/{target}/items?q=消防",
    }
    client = Client()
    client.force_login(admin)
    print(
        f"database: {os.environ['DATABASE_URL'].split(':')[0]}, {args.townships} townships × {len(items)} items"
    )
    print(
        f"import: {import_seconds:.2f} s total, {import_seconds / args.townships * 1000:.0f} ms per list, "
        f"{args.townships * len(items) / import_seconds:.0f} items/s"
    )
    print(f"{'route':<22}{'p50 ms':>10}{'p95 ms':>10}")
    for label, url in routes.items():
        client.get(url)  # warm caches (jieba dictionary, templates)
        times = []
        for _ in range(args.repeat):
            t = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - t) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        print(f"{label:<22}{statistics.median(times):>10.1f}{percentile(times, 95):>10.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
