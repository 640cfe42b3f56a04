"""Time of the product's own ledger import (`jiceng ledger import`'s path: validation of every
row, duplicate keys, bulk insert, audit, summary refresh) on PostgreSQL, for one county-sized file
and for the same file imported again (nothing added twice).

    .venv/bin/python bench/ledger_import.py [--townships 30] [--months 36] [--seed 3]
        [--url postgres://postgres@127.0.0.1:5432/jiceng_imp]

The database named in --url is dropped and created afresh (never ``test``).
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

import psycopg

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--townships", type=int, default=30)
    ap.add_argument("--months", type=int, default=36)
    ap.add_argument("--seed", type=int, default=3)
    ap.add_argument("--url", default="postgres://postgres@127.0.0.1:5432/jiceng_imp")
    args = ap.parse_args()
    name = urlparse(args.url).path.lstrip("/")
    if name in ("", "test", "postgres"):
        raise SystemExit("请用单独的数据库（例如 jiceng_imp），不要用 test/postgres。")
    admin = urlparse(args.url)._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    os.environ["DATABASE_URL"] = args.url
    os.environ.setdefault("JICENG_DATA_DIR", tempfile.mkdtemp())
    from jiceng.web.bootstrap import setup_django

    setup_django()
    from django.core.management import call_command

    from jiceng.core.models import Organisation
    from jiceng.ledger.events import write_events_csv
    from jiceng.ledger.generator import generate_county, township_names
    from jiceng.ledger.importing import import_file

    call_command("migrate", verbosity=0)
    path = Path(tempfile.mkdtemp()) / "county.csv"
    names = township_names(args.townships, seed=args.seed)
    _, events = generate_county(names, months=args.months, seed=args.seed)
    with path.open("w", encoding="utf-8", newline="") as out:
        write_events_csv(events, out)
    county = Organisation.objects.create(kind=Organisation.Kind.COUNTY, name="压测县")
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for kind, column in (
        (Organisation.Kind.TOWNSHIP, "township"),
        (Organisation.Kind.DEPARTMENT, "source_department"),
    ):
        for org in sorted({r[column] for r in rows}):
            Organisation.objects.create(kind=kind, name=org, county=county)
    print(f"台账文件：{len(rows):,} 条（{args.townships} 个乡镇 × {args.months} 个月）")
    for label in ("首次导入", "同一文件再次导入"):
        t0 = time.perf_counter()
        result = import_file(str(path), county.name)
        took = time.perf_counter() - t0
        print(f"{label}：{took:.1f} 秒（{len(rows) / took:,.0f} 条/秒）— {result.message}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
