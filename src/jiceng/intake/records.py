"""Plain data of intake screening: the task a department submits, the flags found in it and the
screening result, plus strict parsing of the task JSON contract (DESIGN §4)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from jiceng.errors import InputError

# Longest title/body accepted. The 2024 rules cap a notice at about 5,000 characters; anything far
# longer is a pasted attachment or a broken file, and would slow batch screening for everyone.
MAX_TITLE_CHARS = 500
MAX_BODY_CHARS = 20_000

FLAG_CODES: tuple[str, ...] = (
    "excessive_traces",
    "escalation",
    "forced_apportionment",
    "shifting_responsibility",
    "inspection_burden",
    "creation_activity",
    "signboard",
    "pledge_veto",
    "digital_formalism",
    "meeting_burden",
)


class Decision(StrEnum):
    ADMIT = "admit"  # 准入
    REVISE = "revise"  # 修改后准入: legitimate, named parts must be cut
    REJECT = "reject"  # 退回

    @property
    def label(self) -> str:
        return {"admit": "准入", "revise": "修改后准入", "reject": "退回"}[self.value]


@dataclass(frozen=True, slots=True)
class Upstream:
    """The higher-level requirement a notice relays (for 层层加码 checks)."""

    source: str
    deadline_days: int | None
    requirement: str


@dataclass(frozen=True, slots=True)
class Task:
    """A task a county department wants to push down to a township."""

    id: str
    from_department: str
    title: str
    body: str
    deadline_days: int | None = None
    upstream: Upstream | None = None


@dataclass(frozen=True, slots=True)
class Flag:
    """One formalism finding with its evidence span, for highlighting in the UI.

    ``field`` names the text the offsets point into: ``"title"``, ``"body"`` or ``"upstream"``
    (the upstream requirement); ``evidence == text[start:end]`` of that field.
    """

    code: str
    label_zh: str
    rule: str
    evidence: str
    field: str
    start: int
    end: int


@dataclass(slots=True)
class ScreeningResult:
    task_id: str
    decision: Decision
    duty_item: str | None
    category: str  # "basic" | "cooperating" | "returned" | "none"
    confidence: float
    flags: list[Flag] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    candidates: list[tuple[str, float]] = field(default_factory=list)

    @property
    def flag_codes(self) -> list[str]:
        """Distinct flag codes, in the order of the DESIGN §4 vocabulary."""
        present = {f.code for f in self.flags}
        return [c for c in FLAG_CODES if c in present]

    def to_contract(self) -> dict[str, Any]:
        """The DESIGN §4 screening output object, exactly."""
        return {
            "id": self.task_id,
            "decision": self.decision.value,
            "duty_item": self.duty_item,
            "category": self.category,
            "flags": self.flag_codes,
            "reasons": list(self.reasons),
        }


def _error(message: str, line: int | None, key: str | None, file: str | None) -> InputError:
    return InputError(message, file=file, row=line, column=key)


def _text(
    obj: dict[str, Any],
    key: str,
    *,
    line: int | None,
    file: str | None,
    limit: int,
    where: str = "",
) -> str:
    if key not in obj:
        raise _error(f"缺少必填字段“{where}{key}”", line, where + key, file)
    value = obj[key]
    if not isinstance(value, str):
        raise _error(
            f"字段“{where}{key}”应为文本，实际为 {_type_name(value)}", line, where + key, file
        )
    value = value.strip()
    if not value:
        raise _error(f"字段“{where}{key}”不能为空", line, where + key, file)
    if len(value) > limit:
        raise _error(
            f"字段“{where}{key}”过长（{len(value)} 字，上限 {limit} 字）", line, where + key, file
        )
    return value


def _days(
    obj: dict[str, Any], key: str, *, line: int | None, file: str | None, where: str = ""
) -> int | None:
    value = obj.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise _error(
            f"字段“{where}{key}”应为整数天数或 null，实际为 {_type_name(value)}",
            line,
            where + key,
            file,
        )
    if value < 0:
        raise _error(f"字段“{where}{key}”不能为负数", line, where + key, file)
    return value


def _type_name(value: object) -> str:
    names = {str: "文本", int: "整数", float: "小数", bool: "布尔值", list: "数组", dict: "对象"}
    return "null" if value is None else names.get(type(value), type(value).__name__)


def task_from_json(obj: object, *, line: int | None = None, file: str | None = None) -> Task:
    """Validate one task object of the JSONL contract; raise InputError naming line and key.

    A ``label`` key, when present, is ignored.
    """
    if not isinstance(obj, dict):
        raise _error(f"每行应为一个 JSON 对象，实际为 {_type_name(obj)}", line, None, file)
    raw_id = obj.get("id")
    if raw_id is None:
        raise _error("缺少必填字段“id”", line, "id", file)
    if isinstance(raw_id, bool) or not isinstance(raw_id, str | int):
        raise _error(f"字段“id”应为文本，实际为 {_type_name(raw_id)}", line, "id", file)
    task_id = str(raw_id).strip()
    if not task_id:
        raise _error("字段“id”不能为空", line, "id", file)
    upstream_raw = obj.get("upstream")
    upstream: Upstream | None = None
    if upstream_raw is not None:
        if not isinstance(upstream_raw, dict):
            raise _error(
                f"字段“upstream”应为对象或 null，实际为 {_type_name(upstream_raw)}",
                line,
                "upstream",
                file,
            )
        upstream = Upstream(
            source=_text(
                upstream_raw,
                "source",
                line=line,
                file=file,
                limit=MAX_TITLE_CHARS,
                where="upstream.",
            ),
            deadline_days=_days(
                upstream_raw, "deadline_days", line=line, file=file, where="upstream."
            ),
            requirement=_text(
                upstream_raw,
                "requirement",
                line=line,
                file=file,
                limit=MAX_BODY_CHARS,
                where="upstream.",
            ),
        )
    return Task(
        id=task_id,
        from_department=_text(obj, "from_department", line=line, file=file, limit=MAX_TITLE_CHARS),
        title=_text(obj, "title", line=line, file=file, limit=MAX_TITLE_CHARS),
        body=_text(obj, "body", line=line, file=file, limit=MAX_BODY_CHARS),
        deadline_days=_days(obj, "deadline_days", line=line, file=file),
        upstream=upstream,
    )
