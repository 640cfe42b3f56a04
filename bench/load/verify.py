"""Before/after checks of a load or fault run against the database itself.

    python bench/load/verify.py snapshot --out base.json
    python bench/load/verify.py check base.json acks.json [--stats stats_stats.csv] [--wait 180]

``snapshot`` records the counts the run will change; ``check`` waits (up to --wait seconds) for
the background jobs the run queued to finish, then compares the database with the writes the
client saw acknowledged: every ticket and burden event acknowledged is saved exactly once (none
lost, none doubled; writes still in flight when the run stopped may be saved too, and are
counted), every accepted ticket acknowledged left exactly one accept event, every report job queued must have run exactly once. With --stats it also prints
the per-route latency table from locust's CSV. Exit code 1 when a check fails.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import sys
import time
from collections import Counter
from typing import Any


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jiceng.web.settings")
    import django

    django.setup()


def counts(tag: str = "") -> dict[str, int]:
    from jiceng.coordination.models import Ticket, TicketEvent
    from jiceng.ledger.models import BurdenEvent
    from jiceng.scorecard.models import ReportJob

    return {
        "ticket_accept_events": TicketEvent.objects.filter(action="accept").count(),
        "report_jobs": ReportJob.objects.count(),
        "report_jobs_done": ReportJob.objects.filter(status="done").count(),
        "tagged_tickets": Ticket.objects.filter(description__contains=tag).count() if tag else 0,
        "tagged_events": BurdenEvent.objects.filter(title__contains=tag).count() if tag else 0,
    }


def saved_markers(tag: str) -> dict[str, Counter[str]]:
    """The run's unique markers found in the database, with how often each was saved."""
    from jiceng.coordination.models import Ticket
    from jiceng.ledger.models import BurdenEvent

    pattern = re.compile(re.escape(tag) + r"#\d+")
    texts = {
        "ticket": Ticket.objects.filter(description__contains=tag).values_list(
            "description", flat=True
        ),
        "ledger_event": BurdenEvent.objects.filter(title__contains=tag).values_list(
            "title", flat=True
        ),
    }
    return {
        kind: Counter(m for text in rows for m in pattern.findall(text))
        for kind, rows in texts.items()
    }


def latency_table(stats_csv: str) -> str:
    lines = [
        "| route | requests | failures | p50 ms | p95 ms | p99 ms | req/s |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    with open(stats_csv, encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            name = row["Name"] if row["Type"] else "**all**"
            lines.append(
                f"| {row['Type']} {name} | {row['Request Count']} | {row['Failure Count']} | {row['50%']} | "
                f"{row['95%']} | {row['99%']} | {float(row['Requests/s']):.1f} |"
            )
    return "\n".join(lines)


def check(base: dict[str, int], acks: dict[str, Any], wait: float) -> list[str]:
    from jiceng.scorecard.models import ReportJob

    tag = acks["tag"]
    acknowledged = acks["acknowledged"]
    deadline = time.monotonic() + wait
    while (
        ReportJob.objects.filter(status__in=["queued", "running"]).exists()
        and time.monotonic() < deadline
    ):
        time.sleep(2)
    now = counts(tag)
    problems: list[str] = []
    saved = saved_markers(tag)
    for kind, markers in saved.items():
        acked, sent = set(acks["acked"][kind]), set(acks["sent"][kind])
        lost = sorted(acked - set(markers))
        doubled = sorted(m for m, n in markers.items() if n > 1)
        unknown = sorted(set(markers) - sent)
        in_flight = len(set(markers) - acked)
        print(
            f"{kind:24} acknowledged {len(acked):>5}  saved {sum(markers.values()):>5}  lost {len(lost)}  "
            f"doubled {len(doubled)}  saved but unanswered (in flight at stop) {in_flight}  unknown {len(unknown)}"
        )
        if lost or doubled or unknown:
            problems.append(kind)
    expected = {
        "ticket_accept_events": base["ticket_accept_events"] + acknowledged.get("ticket_accept", 0),
        "report_jobs": base["report_jobs"] + acknowledged.get("report_job", 0),
        "report_jobs_done": base["report_jobs_done"] + acknowledged.get("report_job", 0),
    }
    for key, want in expected.items():
        status = "ok" if now[key] == want else "MISMATCH"
        print(f"{key:24} database {now[key]:>7}  expected {want:>7}  {status}")
        if now[key] != want:
            problems.append(key)
    print(f"refused on purpose (4xx by design): {acks.get('refused', {})}")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="command", required=True)
    snap = sub.add_parser("snapshot")
    snap.add_argument("--out", required=True)
    chk = sub.add_parser("check")
    chk.add_argument("base")
    chk.add_argument("acks")
    chk.add_argument("--stats")
    chk.add_argument("--wait", type=float, default=180)
    args = parser.parse_args()
    _django()
    if args.command == "snapshot":
        with open(args.out, "w", encoding="utf-8") as out:
            json.dump(counts(), out)
        return 0
    with open(args.base, encoding="utf-8") as handle:
        base = json.load(handle)
    with open(args.acks, encoding="utf-8") as handle:
        acks = json.load(handle)
    if args.stats:
        print(latency_table(args.stats))
        print()
    problems = check(base, acks, args.wait)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
