"""The two-way index of one township in one month: burden, empowerment and service results.

Pure functions over dataclasses. The Django layer (``facts.py``) gathers a ``TownshipFacts`` per
township and month from the other parts; ``score_township`` turns it into scores with the formula
of ``data/index.toml``. Every indicator keeps its raw value, its score, its weight, the clause it
rests on, the reasons in Chinese and the ``Source`` (query description and list-page URL) it came
from, so each figure on the page links down to its records.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from jiceng.scorecard.policy import load_policy
from jiceng.scorecard.stats import smoothed_rate

SUBSCORES = ("burden", "empowerment", "service")
LOW, NORMAL = "low", "normal"


@dataclass(frozen=True)
class Source:
    """Where a figure comes from: the query in words and the filtered list page that shows it."""

    text: str
    url: str = ""


@dataclass(frozen=True)
class TownshipFacts:
    """Everything the index reads about one township and month. ``None`` means no data."""

    township: str
    month: str  # "YYYY-MM"
    township_id: int | None = None
    # burden
    ledger_hours: float | None = None
    available_staff: float | None = None
    previous_hours_per_staff: float | None = None  # mean over the trend window before the month
    caps_broken: int | None = None
    hidden_shifts: int | None = None
    felt_hours_per_week: float | None = None  # pulse-survey mean; None when the group is too small
    felt_responses: int = 0
    felt_heavier_share: float | None = None
    # empowerment
    powers_total: int = 0
    powers_resourced: int = 0  # delegated with people and budget (past the grace period)
    powers_pending: int = 0  # still inside the grace period: left out
    staff_authorised: int | None = None
    staff_actual: int | None = None
    turnover: float | None = None
    training_coverage: float | None = None
    services_active: int | None = None  # purchased-service contracts running in the month
    services_failing: int = 0  # of those, last performance review failed
    # service results (tickets raised in the service window)
    tickets_dispatched: int = 0
    tickets_resolved: int = 0
    tickets_resolved_on_time: int = 0
    tickets_reopened: int = 0
    ratings: int = 0
    ratings_satisfied: int = 0
    tickets_unreasonable: int = 0  # ruled unreasonable by the county: left out of every rate
    sources: Mapping[str, Source] = field(default_factory=dict)

    @property
    def hours_per_staff(self) -> float | None:
        if self.ledger_hours is None or not self.available_staff:
            return None
        return self.ledger_hours / self.available_staff


@dataclass(frozen=True)
class Raw:
    """A raw indicator value, the case count behind a rate (for confidence) and how it was got."""

    value: float
    detail: str
    successes: int | None = None  # for rates: the numerator …
    cases: int | None = None  # … and the denominator


@dataclass(frozen=True)
class Indicator:
    key: str
    label: str
    subscore: str
    unit: str
    weight: float
    value: float | None
    score: float | None  # 0–100 in the sub-score's own sense (burden: 100 = heaviest)
    confidence: str  # "normal" | "low" | "none"
    reasons: tuple[str, ...]
    policy: str
    source: Source

    @property
    def has_data(self) -> bool:
        return self.score is not None

    def display(self) -> str:
        return format_value(self.value, self.unit)


@dataclass(frozen=True)
class SubScore:
    key: str
    label: str
    lower_is_better: bool
    score: float | None
    coverage: float  # share of the sub-score's weight whose indicators had data
    indicators: tuple[Indicator, ...]

    @property
    def goodness(self) -> float | None:
        """The sub-score on the "higher is better" scale the overall index adds up."""
        if self.score is None:
            return None
        return 100.0 - self.score if self.lower_is_better else self.score


@dataclass(frozen=True)
class TownshipScore:
    township: str
    month: str
    township_id: int | None
    subscores: Mapping[str, SubScore]
    index: float | None
    reasons: tuple[str, ...] = ()

    @property
    def burden(self) -> float | None:
        return self.subscores["burden"].score

    @property
    def empowerment(self) -> float | None:
        return self.subscores["empowerment"].score

    @property
    def service(self) -> float | None:
        return self.subscores["service"].score

    @property
    def indicators(self) -> list[Indicator]:
        return [i for s in self.subscores.values() for i in s.indicators]

    def indicator(self, key: str) -> Indicator:
        for item in self.indicators:
            if item.key == key:
                return item
        raise KeyError(key)

    @property
    def low_confidence(self) -> list[Indicator]:
        return [i for i in self.indicators if i.confidence == LOW]


def format_value(value: float | None, unit: str) -> str:
    if value is None:
        return "无数据"
    if unit == "占比":
        return f"{value:.0%}"
    if unit == "较前期":
        return f"{value:+.0%}"
    if unit == "项":
        return f"{value:.0f} 项"
    return f"{value:.1f} {unit}"


# --------------------------------------------------------------------------------------------
# Raw values: how each indicator of index.toml is read from the facts
# --------------------------------------------------------------------------------------------


def _hours_per_staff(f: TownshipFacts) -> Raw | None:
    value = f.hours_per_staff
    if value is None:
        return None
    return Raw(value, f"台账工时 {f.ledger_hours:.1f} 小时 ÷ 在岗可用 {f.available_staff:g} 人")


def _hours_trend(f: TownshipFacts) -> Raw | None:
    now, before = f.hours_per_staff, f.previous_hours_per_staff
    if now is None or not before:
        return None
    change = (now - before) / before
    return Raw(change, f"人均 {now:.1f} 小时，前期月均 {before:.1f} 小时，变化 {change:+.0%}")


def _count(name: str, text: str) -> Callable[[TownshipFacts], Raw | None]:
    def read(f: TownshipFacts) -> Raw | None:
        value = getattr(f, name)
        return None if value is None else Raw(float(value), text.format(value))

    return read


def _felt_hours(f: TownshipFacts) -> Raw | None:
    if f.felt_hours_per_week is None:
        return None
    detail = f"匿名问卷 {f.felt_responses} 份，人均每周 {f.felt_hours_per_week:.1f} 小时"
    if f.felt_heavier_share is not None:
        detail += f"，{f.felt_heavier_share:.0%} 感觉加重"
    return Raw(f.felt_hours_per_week, detail)


def _powers(f: TownshipFacts) -> Raw | None:
    judged = f.powers_total - f.powers_pending
    if judged <= 0:
        return None
    detail = f"赋权事项 {f.powers_total} 项，过渡期内 {f.powers_pending} 项不计，已判断 {judged} 项中 {f.powers_resourced} 项同步了人员和经费"
    return Raw(f.powers_resourced / judged, detail, f.powers_resourced, judged)


def _staffing(f: TownshipFacts) -> Raw | None:
    if not f.staff_authorised or f.staff_actual is None:
        return None
    return Raw(
        f.staff_actual / f.staff_authorised,
        f"实有 {f.staff_actual} 人，核定编制 {f.staff_authorised} 人",
    )


def _turnover(f: TownshipFacts) -> Raw | None:
    return (
        None
        if f.turnover is None
        else Raw(f.turnover, f"年内离职和调出人数占在岗人数 {f.turnover:.0%}")
    )


def _training(f: TownshipFacts) -> Raw | None:
    if f.training_coverage is None:
        return None
    return Raw(f.training_coverage, f"年度累计人均学时达到按月分摊目标的 {f.training_coverage:.0%}")


def _services(f: TownshipFacts) -> Raw | None:
    if f.services_active is None:
        return None
    good = max(0, f.services_active - f.services_failing)
    return Raw(
        float(good),
        f"本月在履约的购买服务合同 {f.services_active} 项，其中最近一次考评不合格 {f.services_failing} 项",
    )


def _on_time(f: TownshipFacts) -> Raw | None:
    n = f.tickets_dispatched
    if n <= 0:
        return None
    return Raw(
        f.tickets_resolved_on_time / n,
        f"已派单 {n} 件，按时办结 {f.tickets_resolved_on_time} 件",
        f.tickets_resolved_on_time,
        n,
    )


def _reopen(f: TownshipFacts) -> Raw | None:
    n = f.tickets_resolved
    if n <= 0:
        return None
    # The confidence bound is taken on the share NOT reopened (the good outcome).
    return Raw(
        f.tickets_reopened / n,
        f"已办结 {n} 件，重新办理 {f.tickets_reopened} 件",
        n - f.tickets_reopened,
        n,
    )


def _satisfaction(f: TownshipFacts) -> Raw | None:
    n = f.ratings
    if n <= 0:
        return None
    detail = f"评价 {n} 件，满意（4—5 分）{f.ratings_satisfied} 件"
    if f.tickets_unreasonable:
        detail += f"；认定为不合理诉求的 {f.tickets_unreasonable} 件不计入"
    return Raw(f.ratings_satisfied / n, detail, f.ratings_satisfied, n)


RAW_READERS: dict[str, Callable[[TownshipFacts], Raw | None]] = {
    "hours_per_staff": _hours_per_staff,
    "hours_trend": _hours_trend,
    "caps_broken": _count("caps_broken", "本月突破上限 {} 项"),
    "hidden_shifts": _count("hidden_shifts", "发现隐性负担 {} 项"),
    "felt_hours": _felt_hours,
    "powers_resourced": _powers,
    "staffing": _staffing,
    "turnover": _turnover,
    "training_coverage": _training,
    "purchased_services": _services,
    "on_time": _on_time,
    "reopen_rate": _reopen,
    "satisfaction": _satisfaction,
}


# --------------------------------------------------------------------------------------------
# Scoring
# --------------------------------------------------------------------------------------------


def line_score(value: float, zero_at: float, full_at: float) -> float:
    """0 at ``zero_at``, 100 at ``full_at``, straight in between, clipped to 0–100."""
    if zero_at == full_at:
        raise ValueError("zero_at and full_at must differ")
    share = (value - zero_at) / (full_at - zero_at)
    return round(100.0 * min(1.0, max(0.0, share)), 2)


def score_indicator(
    key: str, facts: TownshipFacts, policy: Mapping[str, Any] | None = None
) -> Indicator:
    p = policy or load_policy()
    spec = p["indicators"][key]
    conf = p["confidence"]
    source = facts.sources.get(key, Source(""))
    raw = RAW_READERS[key](facts)
    weight = float(spec["weight"])
    common = dict(
        key=key,
        label=spec["label"],
        subscore=spec["subscore"],
        unit=spec["unit"],
        weight=weight,
        policy=spec["policy"],
        source=source,
    )
    if raw is None:
        return Indicator(
            value=None,
            score=None,
            confidence="none",
            reasons=("无数据，不计入，其余指标按权重重新折算",),
            **common,
        )
    zero_at, full_at = float(spec["zero_at"]), float(spec["full_at"])
    reasons = [raw.detail]
    confidence = NORMAL
    scored = raw.value
    if spec.get("rate") and raw.cases is not None and raw.successes is not None:
        # Smooth toward the neutral rate (the one scoring 50) so few cases cannot game the rank.
        good_is_high = full_at > zero_at
        neutral = (zero_at + full_at) / 2
        neutral_good = neutral if good_is_high else 1.0 - neutral
        prior = float(conf["prior_cases"])
        good = smoothed_rate(raw.successes, raw.cases, neutral_good, prior)
        scored = good if good_is_high else 1.0 - good
        unit = spec["unit"]
        if raw.cases < int(conf["min_count"]):
            confidence = LOW
            reasons.append(
                f"仅 {raw.cases} 件，少于 {conf['min_count']} 件，属低置信度：原始比例 {format_value(raw.value, unit)} "
                f"不作排名依据，按加入 {prior:g} 件中性样本（{format_value(neutral, unit)}）后的 {format_value(scored, unit)} 计分"
            )
        else:
            reasons.append(
                f"按加入 {prior:g} 件中性样本后的 {format_value(scored, unit)} 计分（样本越多越接近原始比例）"
            )
    score = line_score(scored, zero_at, full_at)
    reasons.append(
        f"计分：{format_value(zero_at, spec['unit'])} 记 0 分、{format_value(full_at, spec['unit'])} 记 100 分，得 {score:.1f} 分，权重 {weight:g}"
    )
    return Indicator(
        value=raw.value, score=score, confidence=confidence, reasons=tuple(reasons), **common
    )


def _combine(items: Sequence[tuple[float | None, float]]) -> tuple[float | None, float]:
    """Weighted mean over the items with a value, and the share of weight that had one."""
    total = sum(w for _, w in items)
    present = [(v, w) for v, w in items if v is not None]
    weight = sum(w for _, w in present)
    if not present or weight <= 0:
        return None, 0.0
    mean = sum(v * w for v, w in present if v is not None) / weight
    return round(mean, 2), round(weight / total, 4) if total else 0.0


def score_township(facts: TownshipFacts, policy: Mapping[str, Any] | None = None) -> TownshipScore:
    p = policy or load_policy()
    subs: dict[str, SubScore] = {}
    for key in SUBSCORES:
        spec = p["subscores"][key]
        items = tuple(
            score_indicator(k, facts, p) for k, s in p["indicators"].items() if s["subscore"] == key
        )
        score, coverage = _combine([(i.score, i.weight) for i in items])
        subs[key] = SubScore(
            key, spec["label"], bool(spec["lower_is_better"]), score, coverage, items
        )
    weights = p["overall"]["weights"]
    index, coverage = _combine([(subs[k].goodness, float(weights[k])) for k in SUBSCORES])
    reasons = []
    for sub in subs.values():
        if sub.score is None:
            reasons.append(f"{sub.label}没有任何可用数据，统筹指数只按其余分项计算")
        elif sub.coverage < 1:
            reasons.append(f"{sub.label}只有 {sub.coverage:.0%} 权重的指标有数据")
    if index is not None:
        parts = "＋".join(
            f"{weights[k]:g}×{'(100−' + subs[k].label + ')' if subs[k].lower_is_better else subs[k].label}"
            for k in SUBSCORES
            if subs[k].score is not None
        )
        reasons.insert(0, f"{p['overall']['label']} = ({parts}) ÷ 权重之和 = {index:.1f}")
    return TownshipScore(
        facts.township, facts.month, facts.township_id, subs, index, tuple(reasons)
    )


def score_all(
    facts: Iterable[TownshipFacts], policy: Mapping[str, Any] | None = None
) -> list[TownshipScore]:
    p = policy or load_policy()
    return [score_township(f, p) for f in facts]


SORT_KEYS: dict[str, Callable[[TownshipScore], float | None]] = {
    "index": lambda s: s.index,
    "burden": lambda s: s.burden,
    "empowerment": lambda s: s.empowerment,
    "service": lambda s: s.service,
}


def rank(
    scores: Iterable[TownshipScore], by: str = "index", descending: bool = True
) -> list[TownshipScore]:
    """Sorted by one figure; townships without it always come last, then by name."""
    getter = SORT_KEYS.get(by, SORT_KEYS["index"])
    with_value = [s for s in scores if getter(s) is not None]
    without = [s for s in scores if getter(s) is None]
    with_value.sort(
        key=lambda s: (-(getter(s) or 0.0) if descending else (getter(s) or 0.0), s.township)
    )
    without.sort(key=lambda s: s.township)
    return with_value + without


# --------------------------------------------------------------------------------------------
# The "小马拉大车" quadrant
# --------------------------------------------------------------------------------------------


def quadrant(
    score: TownshipScore, policy: Mapping[str, Any] | None = None
) -> tuple[str, str] | None:
    """(code, Chinese label) of the township's quadrant: burden against capacity (empowerment)."""
    p = (policy or load_policy())["quadrant"]
    if score.burden is None or score.empowerment is None:
        return None
    heavy = score.burden >= float(p["burden_line"])
    strong = score.empowerment >= float(p["capacity_line"])
    code = f"{'heavy' if heavy else 'light'}_{'strong' if strong else 'weak'}"
    return code, str(p["labels"][code])
