"""Consistency check of the heldout4 set (reads only this folder; never runs the engine).

Usage: python bench/heldout4/check.py
"""
import csv
import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
COLUMNS = ["id", "category", "domain", "name", "content", "basis", "lead_department", "township_role"]
CATS = {"基本履职事项": ("JB", "basic"), "配合履职事项": ("PH", "cooperating"),
        "上级部门收回事项": ("SH", "returned")}
FLAGS = {"excessive_traces", "escalation", "forced_apportionment", "shifting_responsibility",
         "inspection_burden", "creation_activity", "signboard", "pledge_veto",
         "digital_formalism", "meeting_burden"}


def main() -> int:
    errors = []
    with open(HERE / "duties.csv", encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        if reader.fieldnames != COLUMNS:
            errors.append(f"header {reader.fieldnames}")
        items = list(reader)
    by_id = {}
    for row in items:
        prefix, _ = CATS[row["category"]]
        if not row["id"].startswith(prefix + "-"):
            errors.append(f"{row['id']}: prefix does not match {row['category']}")
        if row["id"] in by_id:
            errors.append(f"{row['id']}: duplicate")
        by_id[row["id"]] = row
        if prefix == "PH" and not row["township_role"]:
            errors.append(f"{row['id']}: cooperating item without township_role")
        if prefix == "SH" and row["township_role"]:
            errors.append(f"{row['id']}: returned item with township_role")
        if prefix != "JB" and row["lead_department"] in ("", "街道", "乡镇"):
            errors.append(f"{row['id']}: no lead department")
    tasks = []
    with open(HERE / "tasks.jsonl", encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            try:
                tasks.append(json.loads(line))
            except json.JSONDecodeError as exc:
                errors.append(f"tasks.jsonl line {n}: {exc}")
    for task in tasks:
        keys = {"id", "from_department", "title", "body", "deadline_days", "upstream", "label"}
        if set(task) != keys:
            errors.append(f"{task.get('id')}: keys {sorted(task)}")
        up = task["upstream"]
        if up is not None and set(up) != {"source", "deadline_days", "requirement"}:
            errors.append(f"{task['id']}: upstream keys")
        lab = task["label"]
        item = lab["duty_item"]
        if item is None:
            if lab["category"] != "none":
                errors.append(f"{task['id']}: null item but category {lab['category']}")
        elif item not in by_id:
            errors.append(f"{task['id']}: unknown duty item {item}")
        elif CATS[by_id[item]["category"]][1] != lab["category"]:
            errors.append(f"{task['id']}: category {lab['category']} does not match {item}")
        if lab["decision"] not in ("admit", "revise", "reject"):
            errors.append(f"{task['id']}: decision {lab['decision']}")
        if set(lab["flags"]) - FLAGS:
            errors.append(f"{task['id']}: unknown flags {set(lab['flags']) - FLAGS}")
        if lab["decision"] == "admit" and lab["flags"]:
            errors.append(f"{task['id']}: admit with flags")
        if lab["decision"] == "revise" and (not lab["flags"] or item is None):
            errors.append(f"{task['id']}: revise needs a listed item and flags")
        if lab["category"] == "returned" and lab["decision"] != "reject":
            errors.append(f"{task['id']}: returned item not rejected")
    cat_n = Counter(r["category"] for r in items)
    print(f"duties: {len(items)} items", dict(cat_n))
    print(f"tasks: {len(tasks)}")
    print("decision:", dict(Counter(t["label"]["decision"] for t in tasks)))
    print("category:", dict(Counter(t["label"]["category"] for t in tasks)))
    print("flags:", dict(sorted(Counter(f for t in tasks for f in t["label"]["flags"]).items())))
    print("with upstream:", sum(t["upstream"] is not None for t in tasks))
    lens = sorted(len(t["body"]) for t in tasks)
    print("body length min/median/max:", lens[0], lens[len(lens) // 2], lens[-1],
          "; >=500 chars:", sum(n >= 500 for n in lens))
    for e in errors:
        print("ERROR", e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
