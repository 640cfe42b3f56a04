"""Delegated powers (赋权事项): a power handed down without people, money or training is a new
hidden burden. Pure: the rule is read from ``policy.toml`` [powers]."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from jiceng.capacity.policy import section

RULE = "《关于推进基层整合审批服务执法力量的实施意见》：赋权须同步下沉人员、经费并加强培训（人随事转、费随事转）"


@dataclass(frozen=True)
class PowerFacts:
    name: str
    delegated_on: date
    staff_added: int = 0
    budget_added: Decimal | float = 0
    training_given: bool = False


@dataclass(frozen=True)
class PowerAssessment:
    hidden_burden: bool
    missing: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    pending: bool = False  # still inside the grace period: missing resources may yet arrive


def assess_power(
    facts: PowerFacts, *, as_of: date | None = None, policy: dict[str, Any] | None = None
) -> PowerAssessment:
    rules = policy if policy is not None else section("powers")
    today = as_of or date.today()
    missing: list[str] = []
    reasons: list[str] = []
    checks = (
        ("require_staff", facts.staff_added > 0, "人员", f"随权下沉人员 {facts.staff_added} 人"),
        (
            "require_budget",
            Decimal(str(facts.budget_added)) > 0,
            "经费",
            f"随权下拨经费 {facts.budget_added} 元",
        ),
        ("require_training", facts.training_given, "培训", "已开展承接业务培训"),
    )
    for key, present, label, present_text in checks:
        if not rules.get(key, True):
            continue
        if present:
            reasons.append(present_text)
        else:
            missing.append(label)
    if not missing:
        reasons.append(f"“{facts.name}”人员、经费、培训均已同步到位。")
        return PowerAssessment(False, [], reasons)
    age = (today - facts.delegated_on).days
    grace = int(rules.get("grace_days", 0))
    lacking = "、".join(missing)
    if age < grace:
        reasons.append(
            f"赋权 {age} 天，尚缺{lacking}；在 {grace} 天过渡期内，逾期未到位将列为新增隐性负担。"
        )
        return PowerAssessment(False, missing, reasons, pending=True)
    reasons.append(f"赋权已 {age} 天，{lacking}未随权下沉：属于新增隐性负担（{RULE}）。")
    return PowerAssessment(True, missing, reasons)
