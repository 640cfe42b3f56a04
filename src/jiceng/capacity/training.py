"""Training coverage per township and topic, and who is left behind. Pure."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from jiceng.capacity.policy import section

TOPIC_LABELS = {"policy_law": "政策法规", "skills": "业务技能", "mass_work": "群众工作"}
FORMAT_LABELS = {"lecture": "专题讲座", "case_study": "案例教学", "site_visit": "现场教学"}


@dataclass(frozen=True)
class Attendance:
    township: str
    topic: str
    format: str
    hours: float  # length of the session
    attendees: int


@dataclass(frozen=True)
class TownshipTraining:
    township: str
    staff: int
    person_hours: float
    hours_per_person: float
    target_hours: float
    coverage: float
    topics_missing: list[str]
    left_behind: bool
    reasons: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class TrainingReport:
    townships: list[TownshipTraining]
    topics_left_behind: dict[str, list[str]]  # topic -> townships that had none of it
    by_topic_format: dict[tuple[str, str], float]  # person-hours


def training_coverage(
    records: Iterable[Attendance],
    staff: Mapping[str, int],
    *,
    months: int = 12,
    policy: Mapping[str, Any] | None = None,
) -> TrainingReport:
    """Hours per person against the period's share of the yearly target; topics missed."""
    rules = policy if policy is not None else section("training")
    target = float(rules["hours_per_person_per_year"]) * months / 12
    min_coverage = float(rules["min_coverage"])
    required = list(rules["required_topics"])
    person_hours: dict[str, float] = defaultdict(float)
    topics: dict[str, set[str]] = defaultdict(set)
    by_topic_format: dict[tuple[str, str], float] = defaultdict(float)
    for r in records:
        if r.attendees <= 0:
            continue
        person_hours[r.township] += r.hours * r.attendees
        topics[r.township].add(r.topic)
        by_topic_format[(r.topic, r.format)] += r.hours * r.attendees
    rows: list[TownshipTraining] = []
    left_by_topic: dict[str, list[str]] = {t: [] for t in required}
    for township in sorted(staff):
        count = staff[township]
        hours = person_hours.get(township, 0.0)
        per_person = hours / count if count else 0.0
        coverage = min(1.0, per_person / target) if target else 1.0
        missing = [t for t in required if t not in topics.get(township, set())]
        for topic in missing:
            left_by_topic[topic].append(township)
        reasons = [f"人均 {per_person:.1f} 学时，期间目标 {target:.1f} 学时，完成 {coverage:.0%}"]
        behind = False
        if count == 0:
            reasons.append("无在岗人员名册，无法计算人均学时")
        elif coverage < min_coverage:
            behind = True
            reasons.append(f"低于 {min_coverage:.0%} 的监测线")
        if missing:
            behind = True
            reasons.append("未参加" + "、".join(TOPIC_LABELS.get(t, t) for t in missing) + "类培训")
        rows.append(
            TownshipTraining(
                township,
                count,
                hours,
                round(per_person, 2),
                target,
                round(coverage, 4),
                missing,
                behind,
                reasons,
            )
        )
    return TrainingReport(
        rows, {t: v for t, v in left_by_topic.items() if v}, dict(by_topic_format)
    )
