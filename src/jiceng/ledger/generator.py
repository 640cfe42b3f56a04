"""A deterministic synthetic burden ledger: demo counties, tests and the scale benchmark.

Each township gets a base level of formal and informal staff hours, monthly Poisson counts of
events per type with realistic hours, year-start and mid-year peaks, a county-wide trim of formal
burden from the county's own drive, a slow county-wide drift of informal burden, and one of the
patterns a detector must tell apart (shift, genuine, partial, growth, informal_growth, spike,
plain), each starting in its own month. Events stream out township by township, so a province
(1,600 townships × 3 years: 3.4 million rows, or about 5 million at ``density=1.46``) never sits
in memory.

``density`` scales how many events carry the same expected hours (each event's hours shrink by
the same factor), so scale runs can reach a row count without changing the burden the
detector sees; the default 1.0 leaves the output exactly as it always was.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from jiceng.ledger.events import Channel, Event, EventType
from jiceng.ledger.series import month_index, month_name

PATTERNS: tuple[str, ...] = (
    "shift",
    "genuine",
    "partial",
    "growth",
    "informal_growth",
    "spike",
    "plain",
)
# Share of townships per pattern when none are given (a county where most drives do something).
DEFAULT_MIX: dict[str, float] = {
    "shift": 0.17,
    "genuine": 0.17,
    "partial": 0.17,
    "growth": 0.07,
    "informal_growth": 0.07,
    "spike": 0.07,
    "plain": 0.28,
}

DEFAULT_DEPARTMENTS: tuple[str, ...] = (
    "县委办公室",
    "县政府办公室",
    "县应急管理局",
    "县农业农村局",
    "县生态环境局",
    "县市场监督管理局",
    "县民政局",
    "县卫生健康局",
    "县教育局",
    "县住房和城乡建设局",
    "县自然资源局",
    "县水利局",
    "县公安局",
    "县人力资源和社会保障局",
    "县统计局",
    "县退役军人事务局",
    "县文化和旅游局",
    "县司法局",
    "县乡村振兴局",
    "县委宣传部",
)

TOPICS: tuple[str, ...] = (
    "安全生产大检查",
    "汛期防御",
    "冬春防火",
    "农村人居环境整治",
    "高标准农田建设",
    "矛盾纠纷排查化解",
    "城乡居民医保征缴",
    "电信网络诈骗防范",
    "生活垃圾分类",
    "耕地“非农化”整治",
    "食品药品安全",
    "燃气安全排查",
    "养老服务",
    "文明城市创建",
    "农村危房改造",
    "河道清四乱",
    "国土绿化",
    "优化营商环境",
    "重点人群帮扶",
    "第五次全国经济普查",
)

# type -> (share of the channel's hours, mean hours per event, spread of hours as +/- share)
FORMAL_MIX: dict[EventType, tuple[float, float, float]] = {
    EventType.DOCUMENT: (0.29, 1.6, 0.4),
    EventType.DATA_REPORT: (0.18, 2.2, 0.4),
    EventType.MEETING: (0.18, 3.2, 0.4),
    EventType.INSPECTION: (0.14, 6.5, 0.45),
    EventType.TRACE_DEMAND: (0.06, 2.6, 0.45),
    EventType.CREATION_ACTIVITY: (0.04, 9.0, 0.45),
    EventType.SIGNBOARD: (0.02, 4.5, 0.4),
    EventType.PLEDGE: (0.01, 1.1, 0.4),
    EventType.SECONDMENT: (0.08, 40.0, 0.5),
}
INFORMAL_MIX: dict[EventType, tuple[float, float, float]] = {
    EventType.APP_OR_GROUP: (0.58, 1.3, 0.45),
    EventType.PHONE_NOTICE: (0.42, 1.1, 0.45),
}

TITLE_TEMPLATES: dict[EventType, tuple[str, ...]] = {
    EventType.DOCUMENT: (
        "关于做好{t}工作的通知",
        "关于开展{t}专项行动的通知",
        "关于印发{t}工作方案的通知",
        "转发上级{t}文件的通知",
    ),
    EventType.DATA_REPORT: ("{t}进度月报表", "{t}情况统计表", "{t}数据采集表"),
    EventType.MEETING: ("{t}工作推进会", "{t}视频调度会", "{t}专题部署会"),
    EventType.INSPECTION: ("{t}督导检查", "{t}专项督查", "{t}工作考核", "{t}暗访评估"),
    EventType.TRACE_DEMAND: ("{t}工作痕迹材料报送", "{t}照片台账整理", "{t}工作留痕资料"),
    EventType.CREATION_ACTIVITY: ("{t}示范点创建", "{t}星级评比", "{t}先进单位创评"),
    EventType.SIGNBOARD: ("{t}服务站挂牌", "{t}工作站建设", "{t}宣传阵地挂牌"),
    EventType.PLEDGE: ("{t}责任书签订", "{t}承诺书签订"),
    EventType.SECONDMENT: ("借调人员参与{t}", "抽调工作人员参加{t}"),
    EventType.APP_OR_GROUP: (
        "群内要求每日上报{t}进展",
        "工作群通知：{t}",
        "{t}APP打卡",
        "群内要求转发{t}截图",
    ),
    EventType.PHONE_NOTICE: ("电话通知：{t}", "电话布置{t}", "电话催报{t}情况"),
}


@dataclass(frozen=True, slots=True)
class TownshipPlan:
    """What the generator did to one township: its truth for scoring a detector."""

    township: str
    pattern: str
    start: str | None  # "YYYY-MM" the change begins (spike: its first month)
    formal_level: float
    informal_level: float
    params: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class CountyPlan:
    start: str
    months: int
    trim_start: int  # month offset at which the county-wide formal trim begins
    trim: float
    informal_drift: float  # county-wide informal growth over the whole period, as a share
    townships: tuple[TownshipPlan, ...]

    def truth(self) -> dict[str, object]:
        """Truth in the shape of the sample ledger's truth.json."""
        shifted = sorted(p.township for p in self.townships if p.pattern == "shift")
        return {
            "hidden_shift": shifted,
            "shift_start": {p.township: p.start for p in self.townships if p.pattern == "shift"},
            "roles": {p.township: p.pattern for p in self.townships},
        }


def _assign_patterns(townships: Sequence[str], rng: random.Random) -> dict[str, str]:
    names = list(townships)
    rng.shuffle(names)
    assigned: dict[str, str] = {}
    position = 0
    for pattern, share in DEFAULT_MIX.items():
        count = round(share * len(names))
        for name in names[position : position + count]:
            assigned[name] = pattern
        position += count
    for name in names[position:]:
        assigned[name] = "plain"
    return assigned


def plan_county(
    townships: Sequence[str],
    start: date,
    months: int,
    seed: int,
    patterns: Mapping[str, str] | None = None,
) -> CountyPlan:
    """Decide levels, patterns and start months for every township (deterministic in ``seed``)."""
    rng = random.Random(f"county:{seed}")
    chosen = dict(patterns) if patterns is not None else _assign_patterns(townships, rng)
    unknown = {p for p in chosen.values() if p not in PATTERNS}
    if unknown:
        raise ValueError(f"unknown patterns: {sorted(unknown)}")
    first = month_index(f"{start.year:04d}-{start.month:02d}")
    earliest, latest = max(3, int(months * 0.3)), max(4, int(months * 0.75))
    plans = []
    for name in townships:
        pattern = chosen.get(name, "plain")
        r = random.Random(f"township:{seed}:{name}")
        formal_level = r.uniform(50, 150)
        informal_level = formal_level * r.uniform(0.15, 0.3)
        params: dict[str, float] = {}
        offset: int | None = None
        if pattern in ("shift", "genuine", "partial"):
            offset = r.randint(earliest, latest)
            params["cut"] = r.uniform(0.25, 0.45)
            params["ramp"] = r.choice((0, 0, 1, 2))
            params["informal_per_formal"] = {
                "shift": r.uniform(1.0, 1.6),
                "genuine": r.uniform(0.0, 0.1),
                "partial": r.uniform(0.15, 0.45),
            }[pattern]
        elif pattern == "growth":
            offset = r.randint(earliest, latest)
            params["formal_growth"] = r.uniform(0.2, 0.4)
            params["informal_growth"] = r.uniform(0.2, 0.6)
            params["ramp"] = r.choice((0, 1, 2))
        elif pattern == "informal_growth":
            offset = r.randint(earliest, latest)
            params["informal_growth"] = r.uniform(0.8, 1.6)
            params["ramp"] = r.choice((0, 1, 2))
        elif pattern == "spike":
            offset = r.randint(1, months - 3)
            params["length"] = r.choice((1, 2))
            params["factor"] = r.uniform(2.0, 3.0)
            params["channel"] = r.choice((0, 1))
        start_month = month_name(first + offset) if offset is not None else None
        if offset is not None:
            params["offset"] = offset
        plans.append(TownshipPlan(name, pattern, start_month, formal_level, informal_level, params))
    return CountyPlan(
        start=month_name(first),
        months=months,
        trim_start=rng.randint(max(1, months // 3), max(2, months // 2)),
        trim=rng.uniform(0.05, 0.15),
        informal_drift=rng.uniform(0.0, 0.15),
        townships=tuple(plans),
    )


def _season(month_of_year: int) -> float:
    """Year-start deployment and mid-year reviews bring more formal work."""
    return {1: 1.15, 3: 1.05, 6: 1.1, 7: 1.2, 12: 1.1}.get(month_of_year, 1.0)


def _ramp(offset: int, start: int, ramp: int) -> float:
    """0 before ``start``, 1 from ``start + ramp`` on, linear in between."""
    if offset < start:
        return 0.0
    return min(1.0, (offset - start + 1) / (ramp + 1))


def monthly_levels(plan: CountyPlan, township: TownshipPlan, offset: int) -> tuple[float, float]:
    """Expected formal and informal hours of ``township`` in month ``offset`` of the period."""
    month_of_year = (month_index(plan.start) + offset) % 12 + 1
    formal = township.formal_level * _season(month_of_year)
    informal = township.informal_level * (
        1 + plan.informal_drift * offset / max(1, plan.months - 1)
    )
    if offset >= plan.trim_start:
        formal *= 1 - plan.trim
    p = township.params
    start = int(p.get("offset", 0))
    if township.pattern in ("shift", "genuine", "partial"):
        weight = _ramp(offset, start, int(p["ramp"]))
        formal *= 1 - p["cut"] * weight
        informal += township.formal_level * p["cut"] * weight * p["informal_per_formal"]
    elif township.pattern == "growth":
        weight = _ramp(offset, start, int(p["ramp"]))
        formal *= 1 + p["formal_growth"] * weight
        informal *= 1 + p["informal_growth"] * weight
    elif township.pattern == "informal_growth":
        informal *= 1 + p["informal_growth"] * _ramp(offset, start, int(p["ramp"]))
    elif township.pattern == "spike" and start <= offset < start + int(p["length"]):
        if p["channel"] == 0:
            formal *= p["factor"]
        else:
            informal *= p["factor"]
    return formal, informal


_MIX_ARRAYS: dict[int, tuple[list[EventType], np.ndarray, np.ndarray, np.ndarray]] = {}


def _mix_arrays(
    mix: Mapping[EventType, tuple[float, float, float]],
) -> tuple[list[EventType], np.ndarray, np.ndarray, np.ndarray]:
    cached = _MIX_ARRAYS.get(id(mix))
    if cached is None:
        types = list(mix)
        share, mean, spread = (np.array([mix[t][i] for t in types]) for i in range(3))
        cached = (types, share / mean, mean, spread)
        _MIX_ARRAYS[id(mix)] = cached
    return cached


def _month_events(
    township: str,
    year: int,
    month: int,
    expected_hours: float,
    mix: Mapping[EventType, tuple[float, float, float]],
    channel: Channel,
    departments: Sequence[str],
    rng: np.random.Generator,
    density: float = 1.0,
) -> Iterator[Event]:
    days = (date(year + month // 12, month % 12 + 1, 1) - date(year, month, 1)).days
    types, events_per_hour, mean, spread = _mix_arrays(mix)
    if density != 1.0:  # more, smaller events for the same expected hours
        events_per_hour, mean = events_per_hour * density, mean / density
    # One draw per attribute for the whole month: a province has millions of events.
    counts = rng.poisson(expected_hours * events_per_hour)
    kind = np.repeat(np.arange(len(types)), counts)
    total = len(kind)
    if not total:
        return
    jitter = rng.uniform(-1.0, 1.0, total)
    hours = np.maximum(0.1, np.round(mean[kind] * (1 + spread[kind] * jitter), 1))
    columns = zip(
        kind.tolist(),
        hours.tolist(),
        rng.integers(1, days + 1, total).tolist(),
        rng.integers(len(departments), size=total).tolist(),
        rng.integers(1 << 30, size=total).tolist(),
        rng.integers(len(TOPICS), size=total).tolist(),
        strict=True,
    )
    for k, hour, day, department, pick, topic in columns:
        event_type = types[k]
        templates = TITLE_TEMPLATES[event_type]
        yield Event(
            township=township,
            date=date(year, month, day),
            type=event_type,
            channel=channel,
            source_department=departments[department],
            title=templates[pick % len(templates)].format(t=TOPICS[topic]),
            hours=hour,
        )


def events_for_plan(
    plan: CountyPlan, departments: Sequence[str], seed: int, density: float = 1.0
) -> Iterator[Event]:
    """Stream the events of a planned county, township by township, each month in date order
    (``density``: events per expected hour relative to the default mix)."""
    if not density > 0:
        raise ValueError("density must be positive")
    first = month_index(plan.start)
    for index, township in enumerate(plan.townships):
        rng = np.random.default_rng([seed, index])
        for offset in range(plan.months):
            year, month = divmod(first + offset, 12)
            formal, informal = monthly_levels(plan, township, offset)
            month_events = list(
                _month_events(
                    township.township,
                    year,
                    month + 1,
                    formal,
                    FORMAL_MIX,
                    Channel.FORMAL,
                    departments,
                    rng,
                    density,
                )
            ) + list(
                _month_events(
                    township.township,
                    year,
                    month + 1,
                    informal,
                    INFORMAL_MIX,
                    Channel.INFORMAL,
                    departments,
                    rng,
                    density,
                )
            )
            month_events.sort(key=lambda e: e.date)
            yield from month_events


def generate_events(
    townships: Sequence[str],
    departments: Sequence[str],
    start: date,
    months: int,
    seed: int,
    patterns: Mapping[str, str] | None = None,
    density: float = 1.0,
) -> Iterator[Event]:
    """Stream a synthetic ledger; :func:`plan_county` with the same arguments gives its truth."""
    plan = plan_county(townships, start, months, seed, patterns)
    return events_for_plan(plan, departments, seed, density)


def generate_county(
    townships: Sequence[str],
    departments: Sequence[str] = DEFAULT_DEPARTMENTS,
    start: date = date(2024, 1, 1),
    months: int = 24,
    seed: int = 0,
    patterns: Mapping[str, str] | None = None,
    density: float = 1.0,
) -> tuple[CountyPlan, Iterator[Event]]:
    """The plan (truth) and the event stream of one synthetic county."""
    plan = plan_county(townships, start, months, seed, patterns)
    return plan, events_for_plan(plan, departments, seed, density)


_NAME_PARTS = "东西南北中上下新安平和兴永宁丰泰华石桥河湾山岭松柏桂杨柳梅竹青白金溪泉湖塘港"
_SUFFIXES = ("镇", "镇", "乡", "街道")


def township_names(count: int, seed: int = 0) -> list[str]:
    """Distinct plausible township names (two characters + 镇/乡/街道)."""
    rng = random.Random(f"names:{seed}")
    names: list[str] = []
    seen: set[str] = set()
    while len(names) < count:
        base = rng.choice(_NAME_PARTS) + rng.choice(_NAME_PARTS)
        if base[0] == base[1]:
            continue
        if base in seen:
            # Large provinces need more names than two characters give: number the repeats.
            base = f"{base}{len([n for n in seen if n.startswith(base)]) + 1}"
        seen.add(base)
        names.append(base + rng.choice(_SUFFIXES))
    return names
