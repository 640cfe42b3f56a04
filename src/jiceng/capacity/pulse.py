"""The anonymous pulse survey (让基层"有感"): answers are summarised only for groups of at least
``min_group`` answers, and compared with the ledger's measured change. Pure."""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from jiceng.capacity.policy import section

CHANNEL_LABELS = {
    "document": "文件",
    "meeting": "会议",
    "inspection": "督查检查考核",
    "data_report": "报表填报",
    "app_or_group": "政务APP/工作群",
    "phone_notice": "电话通知",
    "trace_demand": "拍照留痕",
    "creation_activity": "创建示范活动",
    "other": "其他",
}
FEELING_LABELS = {"lighter": "减轻了", "same": "差不多", "heavier": "加重了"}
MAX_HOURS_PER_WEEK = 60.0


@dataclass(frozen=True)
class PulseAnswer:
    hours_lost: float
    channels: tuple[str, ...]
    feeling: str


@dataclass(frozen=True)
class PulseSummary:
    group: str
    count: int
    shown: bool
    mean_hours: float | None = None
    median_hours: float | None = None
    channels: dict[str, int] = field(default_factory=dict)
    feelings: dict[str, float] = field(default_factory=dict)  # share of answers per feeling
    note: str = ""


def min_group() -> int:
    return int(section("pulse")["min_group"])


def validate_answer(hours_lost: float, channels: Sequence[str], feeling: str) -> PulseAnswer:
    """A clean answer or ValueError with a Chinese message for the form."""
    if not 0 <= hours_lost <= MAX_HOURS_PER_WEEK:
        raise ValueError(f"上周耗费工时应在 0 到 {MAX_HOURS_PER_WEEK:g} 小时之间。")
    unknown = [c for c in channels if c not in CHANNEL_LABELS]
    if unknown:
        raise ValueError("渠道选项无效。")
    if feeling not in FEELING_LABELS:
        raise ValueError("请选择与上季度相比的感受。")
    return PulseAnswer(float(hours_lost), tuple(sorted(set(channels))), feeling)


def summarise(
    group: str, answers: Sequence[PulseAnswer], *, threshold: int | None = None
) -> PulseSummary:
    """Figures for one group, or only its size when it has fewer answers than the threshold."""
    limit = min_group() if threshold is None else threshold
    count = len(answers)
    if count < limit:
        return PulseSummary(group, count, False, note=f"答卷不足 {limit} 份，为保护匿名不显示结果")
    hours = [a.hours_lost for a in answers]
    feelings = Counter(a.feeling for a in answers)
    channel_counts = Counter(c for a in answers for c in a.channels)
    return PulseSummary(
        group,
        count,
        True,
        mean_hours=round(statistics.fmean(hours), 2),
        median_hours=round(statistics.median(hours), 2),
        channels=dict(channel_counts.most_common()),
        feelings={f: round(feelings.get(f, 0) / count, 4) for f in FEELING_LABELS},
    )


def felt_check(summary: PulseSummary, measured_change: float | None) -> str:
    """Is the ledger's measured change (relative, e.g. -0.2 = 20% fewer hours) felt on the ground?"""
    if not summary.shown:
        return summary.note
    lighter = summary.feelings.get("lighter", 0.0)
    heavier = summary.feelings.get("heavier", 0.0)
    felt = f"{lighter:.0%} 的干部感觉减轻，{heavier:.0%} 感觉加重"
    if measured_change is None:
        return f"{felt}；台账暂无可比数据。"
    measured = f"台账测得负担工时变化 {measured_change:+.0%}"
    if measured_change < -0.05 and lighter < 0.5:
        return f"{measured}，但只有{felt}：减负成效未被基层感知，需核查是否“明减暗不减”。"
    if measured_change > 0.05 and lighter >= 0.5:
        return f"{measured}，而{felt}：台账与感受不一致，需核查台账是否漏记。"
    return f"{measured}，{felt}：测得与感受基本一致。"
