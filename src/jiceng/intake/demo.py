"""Demo data of the intake part: the demo notices, screened by the real engine and partly reviewed."""

from __future__ import annotations

import json
from importlib import resources

from jiceng.core.models import Organisation, User
from jiceng.demo.names import DemoCounty


def seed(demo: DemoCounty, county: Organisation) -> list[str]:
    from jiceng.intake.services import review_task, submit_task

    text = resources.files("jiceng.demo").joinpath("data/tasks.jsonl").read_text("utf-8")
    rows = [json.loads(line) for line in text.splitlines() if line.strip()]
    clerks = {
        u.organisation.name: u
        for u in User.objects.filter(
            role="department_clerk", organisation__county=county
        ).select_related("organisation")
    }
    fallback = next(iter(clerks.values()))
    admin = User.objects.get(organisation=county, role="county_admin")
    submitted = []
    for row in rows:
        upstream = row.get("upstream") or {}
        task = submit_task(
            actor=clerks.get(row["from_department"], fallback),
            title=row["title"],
            body=row["body"],
            deadline_days=row.get("deadline_days"),
            upstream_source=upstream.get("source", "") or "",
            upstream_deadline_days=upstream.get("deadline_days"),
            upstream_requirement=upstream.get("requirement", "") or "",
        )
        submitted.append((task, row.get("label") or {}))
    # The county has reviewed two thirds of the tasks (its judgement is the notice's label, so
    # some reviews override the engine with a reason); the rest wait in the review queue.
    reviewed = 0
    for index, (task, label) in enumerate(submitted):
        if index % 3 == 2 or not label:
            continue
        review_task(
            actor=admin,
            task=task,
            decision=label["decision"],
            duty_item=label.get("duty_item") or "",
            category=label["category"],
            flags=list(label.get("flags") or []),
            reason=label.get("why", ""),
        )
        reviewed += 1
    return [f"下派任务 {len(rows)} 项（已复核 {reviewed} 项，其余待复核）"]
