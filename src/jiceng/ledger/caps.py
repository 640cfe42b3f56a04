"""County caps of the 2024 rules, the sender-side disguise check and the intake hour estimate.

Pure Python over plain numbers: the Django layer counts in the database and passes the counts
here, so the rules (``data/caps.toml``) are judged in one place and tested without a database.
Every result carries its clause and its reasons in Chinese.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

GREEN, YELLOW, RED = "green", "yellow", "red"
STATUS_LABELS = {GREEN: "正常", YELLOW: "接近上限", RED: "超出上限"}


@cache
def load_policy() -> dict[str, Any]:
    text = resources.files("jiceng.ledger").joinpath("data/caps.toml").read_text("utf-8")
    return tomllib.loads(text)


@dataclass(frozen=True, slots=True)
class CapUse:
    """How much of one cap one party (a department, the county, a document) has used."""

    cap: str
    label: str
    clause: str
    party: str  # department name, "全县" or a document title
    used: float
    limit: float
    status: str
    reasons: tuple[str, ...] = ()

    @property
    def share(self) -> float:
        if self.limit > 0:
            return self.used / self.limit
        return float("inf") if self.used > 0 else 0.0

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def broken(self) -> bool:
        return self.status == RED


@dataclass(frozen=True, slots=True)
class CapInputs:
    """The counts for one year (or its first months), all taken from the confirmed ledger."""

    year: int
    months: int  # months of ``year`` compared (same months of the year before)
    documents: Mapping[str, tuple[int, int]] = field(default_factory=dict)  # dept -> (last, this)
    long_documents: Sequence[tuple[str, str, int]] = ()  # (dept, title, chars)
    comprehensive_meetings: Mapping[str, Sequence[str]] = field(
        default_factory=dict
    )  # dept -> titles
    comprehensive_inspections: Mapping[str, Sequence[str]] = field(default_factory=dict)
    secondments: Sequence[tuple[str, str, str]] = ()  # (township, dept, title)


def is_comprehensive(title: str, policy: Mapping[str, Any] | None = None) -> bool:
    markers: Iterable[str] = (policy or load_policy())["comprehensive"]["markers"]
    return any(m in title for m in markers)


def _status(used: float, limit: float, warn_share: float) -> str:
    if used > limit:
        return RED
    if limit > 0 and used >= warn_share * limit:
        return YELLOW
    return GREEN


def evaluate_caps(inputs: CapInputs, policy: Mapping[str, Any] | None = None) -> list[CapUse]:
    """Quota use of every cap for every party with any use; broken caps first."""
    p = policy or load_policy()
    caps = p["caps"]
    warn = float(p["alerts"]["warn_share"])
    period = f"{inputs.year} 年" + (f"前 {inputs.months} 个月" if inputs.months < 12 else "")
    results: list[CapUse] = []

    c = caps["documents_yoy"]
    for dept, (last, this) in sorted(inputs.documents.items()):
        limit = last + int(c["max_growth"])
        status = RED if this > limit else (YELLOW if last and this == limit else GREEN)
        reason = f"{period}发文 {this} 件，上年同期 {last} 件" + (
            f"，增加 {this - last} 件，违反“只减不增”" if this > limit else ""
        )
        results.append(
            CapUse("documents_yoy", c["label"], c["clause"], dept, this, limit, status, (reason,))
        )

    c = caps["document_length"]
    for dept, title, chars in inputs.long_documents:
        limit = int(c["max_chars"])
        if chars > limit:
            reason = f"{dept}《{title}》共 {chars} 字，超过 {limit} 字"
            results.append(
                CapUse(
                    "document_length",
                    c["label"],
                    c["clause"],
                    f"{dept}：{title}",
                    chars,
                    limit,
                    RED,
                    (reason,),
                )
            )

    for code, source, noun in (
        ("comprehensive_meetings", inputs.comprehensive_meetings, "综合性工作会议"),
        ("comprehensive_inspections", inputs.comprehensive_inspections, "综合性督查检查考核"),
    ):
        c = caps[code]
        limit = int(c["per_year"])
        for dept, titles in sorted(source.items()):
            used = len(titles)
            shown = "、".join(f"“{t}”" for t in list(titles)[:5])
            reason = f"{period}召开（开展）{noun} {used} 次：{shown}"
            results.append(
                CapUse(
                    code,
                    c["label"],
                    c["clause"],
                    dept,
                    used,
                    limit,
                    _status(used, limit, warn),
                    (reason,),
                )
            )

    c = caps["secondment"]
    limit = int(c["per_year"])
    used = len(inputs.secondments)
    reasons = tuple(
        f"{dept or '（部门未填）'}借调{town}人员：{title}"
        for town, dept, title in inputs.secondments[:10]
    )
    results.append(
        CapUse(
            "secondment",
            c["label"],
            c["clause"],
            "全县",
            used,
            limit,
            _status(used, limit, warn),
            reasons or (f"{period}未发现借调乡镇（街道）人员",),
        )
    )
    order = {RED: 0, YELLOW: 1, GREEN: 2}
    results.sort(key=lambda r: (order[r.status], r.cap, r.party))
    return results


@dataclass(frozen=True, slots=True)
class DisguiseAlert:
    department: str
    documents_before: int
    documents_after: int
    document_hours_before: float
    document_hours_after: float
    informal_hours_before: float
    informal_hours_after: float
    evidence: str


def judge_disguised_documents(
    department: str,
    documents: tuple[int, int],
    document_hours: tuple[float, float],
    informal_hours: tuple[float, float],
    period: str,
    policy: Mapping[str, Any] | None = None,
) -> DisguiseAlert | None:
    """Formal documents fell while the same sender's informal notices rose to make up for them."""
    th = (policy or load_policy())["disguised_documents"]
    (n0, n1), (d0, d1), (i0, i1) = documents, document_hours, informal_hours
    if n0 < int(th["min_documents_before"]) or n1 >= n0:
        return None
    fall = (n0 - n1) / n0
    saved = d0 - d1
    rise = i1 - i0
    rise_share = rise / i0 if i0 > 0 else (float("inf") if rise > 0 else 0.0)
    if not (
        fall >= th["min_document_fall_share"]
        and rise_share >= th["min_informal_rise_share"]
        and saved > 0
        and rise >= th["min_informal_hours_per_document_hour"] * saved
    ):
        return None
    evidence = (
        f"{period}：{department}发文由 {n0} 件减至 {n1} 件（-{fall:.0%}，少用 {saved:.1f} 小时），"
        f"同期电话通知、工作群和APP要求由 {i0:.1f} 小时增至 {i1:.1f} 小时（+{rise:.1f} 小时），"
        f"相当于发文减少工时的 {rise / saved:.1f} 倍——发文减少而非正式通知增加，疑似变相发文"
    )
    return DisguiseAlert(department, n0, n1, d0, d1, i0, i1, evidence)


def estimate_task_hours(
    category: str,
    flags: Mapping[str, str],
    deadline_days: int | None,
    policy: Mapping[str, Any] | None = None,
) -> tuple[float, list[str]]:
    """Staff hours one township spends on a released task, and how the estimate was made.

    ``flags`` maps each kept formalism flag code to its Chinese label.
    """
    table = (policy or load_policy())["intake_estimate"]
    base = table["base_hours"]
    hours = float(base.get(category, base["none"]))
    reasons = [f"按事项类别估计 {hours:g} 小时"]
    for code, label in flags.items():
        extra = table["flag_hours"].get(code)
        if extra:
            hours += float(extra)
            reasons.append(f"含“{label}”要求，加 {float(extra):g} 小时")
    if deadline_days is not None and deadline_days <= int(table["short_deadline_days"]):
        hours *= float(table["short_deadline_factor"])
        reasons.append(f"时限仅 {deadline_days} 天，乘以 {float(table['short_deadline_factor']):g}")
    return round(hours, 1), reasons
