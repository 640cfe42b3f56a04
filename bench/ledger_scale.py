"""Scale of the stored burden ledger on PostgreSQL: bulk load, summaries, dashboard queries.

Builds a province (default 1,600 townships in counties of 30, three years of generated events,
about 5 million rows at the default ``--density 1.46``) in a separate database, loads the events
with COPY, rebuilds the monthly summaries and the county roll-up in SQL, then times the county
dashboard (the full ``/ledger/`` page for a county admin, and its queries alone) and the
province-wide queries, reporting p50/p95 over repeats and the load average around them.

    .venv/bin/python bench/ledger_scale.py [--townships 1600] [--per-county 30] [--months 36]
        [--density 1.46] [--url postgres://postgres@127.0.0.1:5432/jiceng_bench] [--repeat 20]

``--density`` is the generator's events per expected hour (1.0 gives its default ledger, 3.4
million rows for 1,600 townships; the hours stay the same). The database is kept afterwards.

The database named in --url is dropped and created afresh (never the ``test`` database itself).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from urllib.parse import urlparse

import psycopg

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "src"))


def recreate_database(url: str) -> None:
    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    if name in ("", "test", "postgres"):
        raise SystemExit("请用单独的数据库（例如 jiceng_bench），不要用 test/postgres。")
    admin = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def setup(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("JICENG_DATA_DIR", "/tmp/jiceng-bench")
    from jiceng.web.bootstrap import setup_django

    setup_django()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def build_province(
    townships: int, per_county: int
) -> list[tuple[int, list[tuple[int, str]], dict[str, int]]]:
    """Counties with their townships and departments; returns (county id, townships, depts)."""
    from jiceng.core.models import Organisation, User
    from jiceng.ledger.generator import DEFAULT_DEPARTMENTS, township_names

    names = township_names(townships, seed=1)
    counties = []
    for c, start in enumerate(range(0, townships, per_county)):
        county = Organisation.objects.create(kind="county", name=f"基准{c:03d}县")
        Organisation.objects.bulk_create(
            [
                Organisation(kind="department", name=d, parent=county, county=county)
                for d in DEFAULT_DEPARTMENTS
            ]
            + [
                Organisation(kind="township", name=n, parent=county, county=county)
                for n in names[start : start + per_county]
            ]
        )
        orgs = Organisation.objects.filter(county=county)
        towns = [(o.pk, o.name) for o in orgs if o.kind == "township"]
        depts = {o.name: o.pk for o in orgs if o.kind == "department"}
        User.objects.create_user(
            username=f"admin{c:03d}",
            password="Bench-Passw0rd!x",
            role="county_admin",
            organisation=county,
        )
        counties.append((county.pk, towns, depts))
    return counties


def drop_secondary_indexes() -> list[str]:
    """Bulk-load practice: drop the events table's secondary indexes (and its unique key) before
    COPY and build them once afterwards; returns the statements that rebuild them."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = 'ledger_burdenevent'::regclass AND contype = 'u'"
        )
        constraints = cursor.fetchall()
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'ledger_burdenevent' "
            "AND indexname NOT LIKE '%%_pkey' AND indexname <> ALL(%s)",
            [[name for name, _ in constraints]],
        )
        indexes = cursor.fetchall()
        for name, _ in constraints:
            cursor.execute(f'ALTER TABLE ledger_burdenevent DROP CONSTRAINT "{name}"')
        for name, _ in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
    return [f'ALTER TABLE ledger_burdenevent ADD CONSTRAINT "{n}" {d}' for n, d in constraints] + [
        d for _, d in indexes
    ]


def rebuild_indexes(statements: list[str]) -> float:
    from django.db import connection

    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("SET maintenance_work_mem = '512MB'")
        for statement in statements:
            cursor.execute(statement)
    return time.perf_counter() - started


COLUMNS = (
    "county_id, township_id, date, month, type, channel, source_department, department_id, title, "
    "hours, comprehensive, origin, status, event_key, created_at"
)


def generate_file(counties: list, months: int, path: str, density: float) -> tuple[int, float]:
    """Stream every county's generated events, keyed for idempotent import, into a CSV ready
    for COPY (the generator, not the database, is the slow part: it is timed apart)."""
    import csv

    from jiceng.ledger.events import keyed_events
    from jiceng.ledger.generator import DEFAULT_DEPARTMENTS, generate_events
    from jiceng.progress import progress

    now = datetime.now(UTC).isoformat()
    total = 0
    started = time.perf_counter()
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        for county_id, towns, depts in progress(counties, desc="生成各县台账"):
            town_ids = {name: pk for pk, name in towns}
            names = [n for _, n in towns]
            events = generate_events(
                names,
                DEFAULT_DEPARTMENTS,
                date(2023, 1, 1),
                months,
                seed=county_id,
                density=density,
            )
            for key, e in keyed_events(events):
                writer.writerow(
                    (
                        county_id,
                        town_ids[e.township],
                        e.date,
                        e.date.replace(day=1),
                        e.type.value,
                        e.channel.value,
                        e.source_department,
                        depts.get(e.source_department, ""),
                        e.title,
                        e.hours,
                        "f",
                        "import",
                        "confirmed",
                        key,
                        now,
                    )
                )
                total += 1
    return total, time.perf_counter() - started


def load_events(path: str) -> float:
    """COPY the prepared file into the events table (foreign keys checked as usual)."""
    from django.db import connection

    connection.ensure_connection()
    raw = connection.connection
    started = time.perf_counter()
    with (
        open(path, "rb") as handle,
        raw.cursor() as cursor,
        cursor.copy(f"COPY ledger_burdenevent ({COLUMNS}) FROM STDIN WITH (FORMAT csv)") as copy,
    ):
        while chunk := handle.read(1 << 20):
            copy.write(chunk)
    raw.commit()
    return time.perf_counter() - started


def rebuild_summaries(counties: list) -> float:
    from django.db import connection

    from jiceng.ledger.services import refresh_summaries

    started = time.perf_counter()
    for county_id, _, _ in counties:
        refresh_summaries(county_id)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return time.perf_counter() - started


def load_average() -> str:
    return "、".join(f"{x:.1f}" for x in os.getloadavg())


def timed(func: Callable[[], object], repeat: int) -> tuple[float, float]:
    func()  # warm caches and connections, as a running server would be
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        func()
        runs.append((time.perf_counter() - started) * 1000)
    runs.sort()
    p95 = runs[min(len(runs) - 1, int(round(0.95 * (len(runs) - 1))))]
    return statistics.median(runs), p95


def county_dashboard(counties: list, repeat: int) -> dict[str, tuple[float, float]]:
    from django.core.cache import cache
    from django.test import Client
    from django.utils import timezone as tz

    from jiceng.core.models import User
    from jiceng.ledger import queries
    from jiceng.ledger.models import DepartmentMonth, TownshipMonth

    county_id = counties[len(counties) // 2][0]
    user = User.objects.get(organisation_id=county_id, role="county_admin")
    client = Client()
    client.force_login(user)
    year = 2025

    def page() -> None:
        response = client.get("/ledger/")
        assert response.status_code == 200, response.status_code

    def page_cold() -> None:
        cache.clear()  # as after a write: detection, caps and the overview all recomputed
        page()

    # the key the county page keeps its overview under; the ledger does not change while timing
    overview = queries.version_key("overview", county_id, "latest", tz.localdate().year)

    def page_figures_uncached() -> None:
        # The page as it was before the overview was kept: detection, caps and disguise still
        # cached per ledger version, the figures queried and rendered on every request.
        cache.delete(overview)
        page()

    def summary_queries() -> None:
        qs = TownshipMonth.objects.visible_to(user)
        y = queries.period(qs, year, 12)
        queries.year_on_year(qs, year, 12)
        queries.monthly(qs)
        queries.by_type(y)
        queries.township_ranking(y)
        queries.department_ranking(
            queries.period(DepartmentMonth.objects.visible_to(user), year, 12)
        )

    def caps_and_alerts() -> None:
        queries.alerts(user, county_id, year, 12, tz.localdate())

    return {
        "县级概览页 /ledger/（完整页面，概览按台账版本缓存）": timed(page, repeat),
        "县级概览页 /ledger/（不缓存概览，仅缓存检测、限额——改前的做法）": timed(
            page_figures_uncached, repeat
        ),
        "县级概览页 /ledger/（清空缓存，如写入后首次访问，含检测）": timed(page_cold, repeat),
        "县级汇总查询（趋势、排名、类型、同比）": timed(summary_queries, repeat),
        "县级限额与预警（含明减暗不减检测）": timed(caps_and_alerts, repeat),
    }


def province_queries(repeat: int) -> dict[str, tuple[float, float]]:
    from jiceng.ledger import queries
    from jiceng.ledger.models import CountyMonth, DepartmentMonth, TownshipMonth, TownshipMonthTotal

    qs = TownshipMonth.objects.all()
    year = 2025

    def type_level_queries() -> None:
        # The five province queries as before the county roll-up: all on the type-level tables.
        y = queries.period(qs, year, 12)
        queries.year_on_year(qs, year, 12)
        queries.monthly(qs)
        queries.by_type(y)
        queries.township_ranking(y)[:50]
        queries.department_ranking(queries.period(DepartmentMonth.objects.all(), year, 12))

    return {
        "全省汇总（趋势、同比、类型、乡镇排名、部门排名；县级汇总表 province_overview）": timed(
            lambda: queries.province_overview(year, 12), repeat
        ),
        "全省汇总（同五项，全读乡镇分类型汇总表——改前的做法）": timed(type_level_queries, repeat),
        "全省月度趋势（县级汇总表）": timed(
            lambda: queries.monthly(CountyMonth.objects.all()), repeat
        ),
        "全省乡镇排名（乡镇渠道合计表）": timed(
            lambda: queries.township_ranking(
                queries.period(TownshipMonthTotal.objects.all(), year, 12)
            ),
            repeat,
        ),
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--townships", type=int, default=1600)
    parser.add_argument("--per-county", type=int, default=30)
    parser.add_argument("--months", type=int, default=36)
    parser.add_argument(
        "--density",
        type=float,
        default=1.46,
        help="每预期工时的事件数倍数（1.0 为生成器默认，1,600 个乡镇约 340 万条；1.46 约 500 万条）",
    )
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--url", default="postgres://postgres@127.0.0.1:5432/jiceng_bench")
    parser.add_argument("--file", default="/tmp/jiceng_bench_events.csv", help="生成的台账中间文件")
    args = parser.parse_args()

    recreate_database(args.url)
    setup(args.url)
    counties = build_province(args.townships, args.per_county)
    rows, generate_seconds = generate_file(counties, args.months, args.file, args.density)
    statements = drop_secondary_indexes()
    load_seconds = load_events(args.file)
    index_seconds = rebuild_indexes(statements)
    summary_seconds = rebuild_summaries(counties)
    from jiceng.ledger.models import CountyMonth, DepartmentMonth, TownshipMonth

    print(
        f"乡镇 {args.townships} 个（{len(counties)} 个县），{args.months} 个月，"
        f"密度 {args.density:g}，负担事件 {rows:,} 条"
    )
    print(
        f"生成台账文件：{generate_seconds:.1f} 秒（{rows / generate_seconds:,.0f} 条/秒，不计入导入）"
    )
    print(f"COPY 导入：{load_seconds:.1f} 秒，{rows / load_seconds:,.0f} 条/秒（外键照常检查）")
    print(f"重建事件表索引（{len(statements)} 个，含唯一键）：{index_seconds:.1f} 秒")
    print(
        f"月度汇总重建（SQL）：{summary_seconds:.1f} 秒；汇总行 乡镇 {TownshipMonth.objects.count():,}、"
        f"部门 {DepartmentMonth.objects.count():,}、县级 {CountyMonth.objects.count():,}"
    )
    print(f"计时开始时负载（1、5、15 分钟）：{load_average()}", flush=True)
    for label, (p50, p95) in {
        **county_dashboard(counties, args.repeat),
        **province_queries(args.repeat),
    }.items():
        print(f"{label}：p50 {p50:.0f} ms，p95 {p95:.0f} ms（{args.repeat} 次）", flush=True)
    print(f"计时结束时负载（1、5、15 分钟）：{load_average()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
