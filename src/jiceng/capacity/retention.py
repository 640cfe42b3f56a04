"""Keeping people (引得来、留得住、用得好): turnover, vacancy length, promotions, transfers out and
pay against the county average for the same grade. Pure, over aggregates only: pay is held as
(grade, headcount, average) groups, never as one person's figure."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from jiceng.capacity.policy import section

GRADE_LABELS = {
    "clerk": "科员及以下",
    "deputy_section": "副科级",
    "section": "正科级",
    "institution": "事业编制人员",
    "contract": "编外聘用人员",
}


@dataclass(frozen=True)
class PayGroup:
    township: str
    grade: str
    headcount: int
    average_monthly_pay: float


@dataclass(frozen=True)
class RetentionFacts:
    township: str
    average_staff: float
    joined: int = 0
    left: int = 0
    transferred_out: int = 0
    promoted: int = 0
    vacancy_days: tuple[int, ...] = ()


@dataclass(frozen=True)
class RetentionResult:
    township: str
    turnover: float | None
    average_vacancy_days: float | None
    longest_vacancy_days: int | None
    joined: int
    promoted: int
    transferred_out: int
    pay_ratios: dict[str, float | None]  # grade -> ratio to county average (None: group too small)
    flags: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)


def county_pay_average(groups: Iterable[PayGroup]) -> dict[str, float]:
    """Headcount-weighted county average pay per grade."""
    totals: dict[str, float] = defaultdict(float)
    heads: dict[str, int] = defaultdict(int)
    for g in groups:
        totals[g.grade] += g.average_monthly_pay * g.headcount
        heads[g.grade] += g.headcount
    return {grade: totals[grade] / heads[grade] for grade in totals if heads[grade]}


def assess_retention(
    facts: RetentionFacts,
    pay: Iterable[PayGroup],
    county_average: Mapping[str, float],
    *,
    policy: Mapping[str, Any] | None = None,
) -> RetentionResult:
    rules = policy if policy is not None else section("retention")
    flags: list[str] = []
    reasons: list[str] = []
    exits = facts.left + facts.transferred_out
    turnover = exits / facts.average_staff if facts.average_staff > 0 else None
    if turnover is not None:
        reasons.append(
            f"流失 {exits} 人（离职 {facts.left}、调出 {facts.transferred_out}），平均在岗 {facts.average_staff:g} 人，流失率 {turnover:.0%}"
        )
        if turnover > float(rules["max_turnover"]):
            flags.append("turnover")
            reasons.append(f"流失率高于 {float(rules['max_turnover']):.0%} 的监测线：留不住人")
    vacancies = facts.vacancy_days
    average_vacancy = sum(vacancies) / len(vacancies) if vacancies else None
    longest = max(vacancies) if vacancies else None
    if longest is not None and longest > int(rules["max_vacancy_days"]):
        flags.append("vacancy")
        reasons.append(f"最长空缺 {longest} 天，超过 {rules['max_vacancy_days']} 天：引不来人")
    if facts.promoted == 0 and facts.average_staff > 0:
        reasons.append("期间无人提拔：需关注用得好")
    ratios: dict[str, float | None] = {}
    min_group = int(rules["min_pay_group"])
    for g in pay:
        if g.township != facts.township:
            continue
        base = county_average.get(g.grade)
        if g.headcount < min_group or not base:
            ratios[g.grade] = None
            continue
        ratio = g.average_monthly_pay / base
        ratios[g.grade] = round(ratio, 4)
        if ratio < float(rules["min_pay_ratio"]):
            flags.append("pay")
            reasons.append(
                f"{GRADE_LABELS.get(g.grade, g.grade)}平均收入为全县同级平均的 {ratio:.0%}，低于 {float(rules['min_pay_ratio']):.0%}"
            )
    return RetentionResult(
        facts.township,
        None if turnover is None else round(turnover, 4),
        None if average_vacancy is None else round(average_vacancy, 1),
        longest,
        facts.joined,
        facts.promoted,
        facts.transferred_out,
        ratios,
        flags,
        reasons,
    )
