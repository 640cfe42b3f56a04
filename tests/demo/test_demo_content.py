"""The demo county generator and the shipped demo content (template list, task notices)."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import pytest

from jiceng.demo import generate_county
from jiceng.duties.items import Category, DutyItem
from jiceng.duties.parsing import parse_duty_list

FLAGS = {
    "excessive_traces", "escalation", "forced_apportionment", "shifting_responsibility",
    "inspection_burden", "creation_activity", "signboard", "pledge_veto", "digital_formalism",
    "meeting_burden",
}  # fmt: skip


def _template() -> list[DutyItem]:
    data = resources.files("jiceng.duties").joinpath("data/county_template.csv").read_bytes()
    return parse_duty_list(data, "county_template.csv").items


def _tasks() -> list[dict[str, Any]]:
    text = resources.files("jiceng.demo").joinpath("data/tasks.jsonl").read_text("utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


# --- the county --------------------------------------------------------------------------


def test_same_seed_same_county_and_other_seeds_differ() -> None:
    assert generate_county(11) == generate_county(11)
    assert generate_county(11) != generate_county(12)
    names = {generate_county(s).townships[5].name for s in range(8)}
    assert len(names) > 1


@pytest.mark.parametrize("seed", [0, 1, 2026, 99991])
def test_county_shape(seed: int) -> None:
    county = generate_county(seed)
    assert county.name.endswith("县") and county.city.endswith("市")
    departments = [d for d in county.departments if d.kind != "coordinating"]
    offices = [d for d in county.departments if d.kind == "coordinating"]
    assert len(departments) >= 20 and len(offices) >= 2
    dept_names = {d.name for d in county.departments}
    assert {"县民政局", "县应急管理局", "县市场监督管理局", "县综合行政执法局"} <= dept_names
    assert all(o.parent in dept_names for o in offices)
    assert len({d.code for d in county.departments}) == len(county.departments)
    assert all(d.code.isascii() for d in county.departments)

    assert len(county.townships) >= 12
    assert {t.kind for t in county.townships} == {"street", "town", "township"}
    suffix = {"street": "街道", "town": "镇", "township": "乡"}
    for t in county.townships:
        assert t.name.endswith(suffix[t.kind])
        assert 4 <= len(t.villages) <= 10
        for v in t.villages:
            assert v.name.endswith("社区" if v.kind == "community" else "村")
        assert t.population == sum(v.population for v in t.villages)
        assert 0 < t.staff_in_post <= t.staff_posts
    places = [t.name for t in county.townships] + [
        v.name for t in county.townships for v in t.villages
    ]
    assert len(places) == len(set(places))


def test_people_are_distinct_and_plausible() -> None:
    county = generate_county(5)
    people = county.people()
    assert len({p.name for p in people}) == len(people)
    assert all(2 <= len(p.name) <= 3 and p.gender in ("男", "女") and p.title for p in people)
    assert county.department("县安委办").parent == "县应急管理局"
    assert county.township(county.townships[0].code) is county.townships[0]


def test_fewer_than_twelve_townships_is_refused() -> None:
    with pytest.raises(ValueError):
        generate_county(1, townships=8)


# --- the template duty list ----------------------------------------------------------------


def test_template_list_parses_cleanly_with_expected_mix() -> None:
    items = _template()
    counts = {c: sum(1 for it in items if it.category is c) for c in Category}
    assert len(items) >= 150
    assert counts[Category.BASIC] >= 55 and counts[Category.COOPERATING] >= 45
    assert counts[Category.RETURNED] >= 35
    prefix = {Category.BASIC: "JB-", Category.COOPERATING: "PH-", Category.RETURNED: "SH-"}
    assert all(it.id.startswith(prefix[it.category]) for it in items)
    assert len({it.domain for it in items}) >= 12
    assert all(it.basis.startswith("《") for it in items)
    assert all(it.township_role for it in items if it.category is not Category.RETURNED)
    assert not any(it.township_role for it in items if it.category is Category.RETURNED)


def test_template_leads_are_demo_departments() -> None:
    dept_names = {d.name for d in generate_county(3).departments}
    for it in _template():
        if it.category is Category.BASIC:
            assert it.lead_department == "乡镇（街道）"
        else:
            assert it.lead_department in dept_names, it.id


# --- the demo task notices -------------------------------------------------------------------


def test_tasks_follow_the_contract_and_reference_the_template() -> None:
    items = {it.id: it for it in _template()}
    dept_names = {d.name for d in generate_county(3).departments}
    tasks = _tasks()
    assert 35 <= len(tasks) <= 60
    assert len({t["id"] for t in tasks}) == len(tasks)
    for t in tasks:
        assert set(t) == {
            "id",
            "from_department",
            "title",
            "body",
            "deadline_days",
            "upstream",
            "label",
        }
        assert t["from_department"] in dept_names
        assert t["title"] and len(t["body"]) >= 60
        assert t["deadline_days"] is None or isinstance(t["deadline_days"], int)
        if t["upstream"] is not None:
            assert set(t["upstream"]) == {"source", "deadline_days", "requirement"}
        label = t["label"]
        assert label["decision"] in ("admit", "revise", "reject")
        assert set(label["flags"]) <= FLAGS
        assert label["why"]
        if label["duty_item"] is None:
            assert label["category"] == "none"
        else:
            assert label["category"] == items[label["duty_item"]].category.value
        if label["decision"] == "admit":
            assert label["flags"] == [] and label["category"] in ("basic", "cooperating")
        if label["decision"] == "revise":
            assert label["flags"] and label["duty_item"] is not None
        if label["category"] == "returned":
            assert label["decision"] == "reject" and "shifting_responsibility" in label["flags"]


def test_tasks_cover_every_flag_and_decision() -> None:
    tasks = _tasks()
    assert {fl for t in tasks for fl in t["label"]["flags"]} == FLAGS
    decisions = [t["label"]["decision"] for t in tasks]
    assert min(decisions.count(d) for d in ("admit", "revise", "reject")) >= 10
    assert sum(1 for t in tasks if t["upstream"]) >= 3
