"""层层加码: the notice asks more than the level above (label rule "escalation is judged against
upstream"): a shorter deadline, a higher quota, or more frequent reporting or visiting.

Equal or looser requirements are never flagged (label rule 8).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jiceng.intake.records import Flag, Task
from jiceng.text.sentences import split_clauses

# Period in days of a frequency phrase; "每天两次" halves it.
_FREQUENCIES: tuple[tuple[re.Pattern[str], float], ...] = (
    (re.compile(r"(每天|每日|天天|逐日)"), 1.0),
    (re.compile(r"(每周|每星期|按周|周报)"), 7.0),
    (re.compile(r"每旬"), 10.0),
    (re.compile(r"(每半月|半月一)"), 15.0),
    (re.compile(r"(每月|按月|月报|每个月)"), 30.0),
    (re.compile(r"(每季度|按季度?|季报|每季)"), 91.0),
    (re.compile(r"(每半年|半年一)"), 182.0),
    (re.compile(r"(每年|按年|年报|每年度)"), 365.0),
)
# A count per period after the frequency phrase ("每月巡河不少于4次", "每天两次"): the period is
# divided by it, so "每月4次" is more frequent than "每月1次".
_COUNT = re.compile(
    r"^[^，。；]{0,14}?(?:不少于|不低于|至少)?\s*([0-9０-９]{1,2}|[一两二三四五六七八九十])\s*(?:次|遍|趟)"
)
_NUMERALS = {c: i for i, c in enumerate("一二三四五六七八九十", start=1)} | {"两": 2}
_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")
_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # (going to the place itself is a visit: "到河道", "下村", "到现场查看")
    (
        "visit",
        re.compile(
            r"(探访|走访|上门|入户|巡查|巡护|巡河|巡山|随访|下河|下村|到河|到村|到现场)"
            r"(?!记录|情况|台账|日志|汇总|表|数据)"
        ),
    ),
    # (a bare 报 with what is reported, or with how often, is a report too: "每周一报进度表",
    # "报上周情况", "每2小时报一次")
    (
        "report",
        re.compile(
            r"报送|上报|报告|填报|统计|报表|汇总|报\s*[。；，！]?$|报(过来|上来|给|来)|更新"
            r"|报[^，。；]{0,12}(进度|情况|表|数)"
            r"|报[^，。；]{0,6}?[0-9一两二三四五六]?\s*次"
        ),
    ),
)
_PERCENT = re.compile(r"([\u4e00-\u9fff]{0,6}率)?[^。；，\d%]{0,10}?(\d+(?:\.\d+)?)\s*[%％]")
# A minimum count of things ("沙袋不少于3000只", "救生衣至少200件"): a quota when the level above
# sets one for the same thing in the same unit. (Counts of times, 次/遍/趟, are frequencies, read
# above; the thing is told by the two characters before the minimum word.)
_QUOTA = re.compile(
    r"([\u4e00-\u9fff]{2})(?:不少于|不低于|至少|达到)\s*(\d+(?:\.\d+)?)\s*"
    r"(只|件|台|套|个|户|人|名|份|张|亩|袋|吨|辆|处|场|块|头|株|棵|间|座|家|条|支|箱|册|批|所|公里|米)"
)
_DATE = re.compile(r"(\d{1,2})\s*月\s*(底|末|(\d{1,2})\s*日)")
_DEADLINE_PHRASE = re.compile(
    r"\d{1,2}\s*月\s*(底|末|\d{1,2}\s*日)前?|\d+\s*个?(工作)?日内|本月底前|月底前|年底前"
)


@dataclass(frozen=True, slots=True)
class _Mention:
    kind: str
    value: float
    start: int
    end: int
    changed: bool = False  # said as a change of the frequency ("改为每周1次")


# Every few hours ("每2小时报一次", "每两个小时"): the period is that many hours.
_HOURLY = re.compile(r"每\s*([0-9０-９]{1,2}|[一两二三四五六七八九十])\s*个?小时")
# Every few days ("每5天", "5天一报", "三日一报"): the period is that many days.
_EVERY_DAYS = re.compile(
    r"每\s*([0-9０-９]{1,2}|[一两二三四五六七八九十])\s*个?[天日]"
    r"|([0-9０-９]{1,2}|[一两二三四五六七八九十])\s*[天日]一(?=报|次|统计|汇总)"
)
# The notice saying it changes the frequency ("县里改为每周1次"): what it changes is the frequency the
# upstream requirement set, whatever the clause names it by.
_CHANGED = re.compile(r"(改为|改成|调整为|调整到|提高到|加密为|加密到|变为|变成)\s*$")


# A frequency the notice rules out ("不另设周报、日报", "无需每天报送") is no requirement at all.
_RULED_OUT = re.compile(r"(不另|不再|不得|无需|无须|不需|不用|取消|不搞|不要求)[^，。；]{0,6}$")


def _frequencies(text: str) -> list[_Mention]:
    out: list[_Mention] = []
    for clause in split_clauses(text):
        found = [(m, days) for rx, days in _FREQUENCIES for m in rx.finditer(clause.text)]
        found += [(m, _number(m.group(1)) / 24) for m in _HOURLY.finditer(clause.text)]
        found += [
            (m, float(_number(m.group(1) or m.group(2)))) for m in _EVERY_DAYS.finditer(clause.text)
        ]
        for m, days in found:
            if _RULED_OUT.search(clause.text[: m.start()]):
                continue
            period = days / _count(clause.text[m.end() :])
            kind = _kind_of(clause.text, m.end())
            changed = _CHANGED.search(clause.text[: m.start()]) is not None
            start, end = clause.start + m.start(), clause.start + m.end()
            out.append(_Mention(kind, period, start, end, changed))
    return out


def _kind_of(clause: str, after: int) -> str:
    """What is done at the frequency: the first visit or report word after the phrase ("每日三次
    报送巡查情况" reports, though it names a patrol), else the first in the clause."""
    following = [(m.start(), k) for k, rx in _KINDS if (m := rx.search(clause, after))]
    if following:
        return min(following)[1]
    return next((k for k, rx in _KINDS if rx.search(clause)), "other")


def _count(after: str) -> int:
    """Times per period said right after the frequency phrase (1 when none is said)."""
    m = _COUNT.search(after)
    return 1 if m is None else _number(m.group(1))


def _number(numeral: str) -> int:
    """A small count in digits or Chinese numerals ("3", "３", "两"), at least 1."""
    n = numeral.translate(_FULLWIDTH)
    return max(int(n) if n.isdigit() else _NUMERALS.get(n, 1), 1)


def _percentages(text: str) -> list[tuple[str, float, int, int]]:
    return [
        (m.group(1) or "", float(m.group(2)), m.start(), m.end()) for m in _PERCENT.finditer(text)
    ]


# A date that is a deadline, not a start ("自3月1日开始") nor the notice's own date on its sign-off
# line ("2025年2月24日"): said with 前/完成/截止… after it, or 于/截至 before it.
_DEADLINE_AFTER = re.compile(r"\s*(前|以前|之前|完成|结束|截止|为止|报|上报|报送|交)")
_DEADLINE_BEFORE = re.compile(r"(于|在|截至|截止|到)\s*$")
# ... and not when the date starts the work or times an event ("排查于4月8日开始", "定于3月12日上午
# 举办培训"): 于 marks when, not by when.
_START_OR_EVENT = re.compile(r"\s*(开始|起|启动|开展|举办|召开|上午|下午|晚上|进场|出发)")


def _deadline_dates(text: str) -> list[tuple[int, int, int]]:
    """``_dates`` that are deadlines (the body's dates; upstream requirements state only those)."""
    return [
        (d, s, e)
        for d, s, e in _dates(text)
        if _DEADLINE_AFTER.match(text, e)
        or (_DEADLINE_BEFORE.search(text, max(0, s - 3), s) and not _START_OR_EVENT.match(text, e))
    ]


def _dates(text: str) -> list[tuple[int, int, int]]:
    """(month*100 + day, start, end) of each calendar date ("6月底", "5月31日")."""
    out = []
    for m in _DATE.finditer(text):
        month = int(m.group(1))
        day = 31 if m.group(3) is None else int(m.group(3))
        if 1 <= month <= 12:
            out.append((month * 100 + day, m.start(), m.end()))
    return out


class EscalationDetector:
    def __init__(self, label: str, rule: str) -> None:
        self.label = label
        self.rule = rule

    def _flag(self, task: Task, field: str, start: int, end: int) -> Flag:
        text = (
            task.body if field == "body" else (task.upstream.requirement if task.upstream else "")
        )
        return Flag("escalation", self.label, self.rule, text[start:end], field, start, end)

    def detect(self, task: Task) -> tuple[list[Flag], list[str]]:
        """Escalation flags with evidence in the body, and a Chinese reason for each."""
        up = task.upstream
        if up is None:
            return [], []
        flags: list[Flag] = []
        reasons: list[str] = []

        if (
            task.deadline_days is not None
            and up.deadline_days is not None
            and task.deadline_days < up.deadline_days
        ):
            m = _DEADLINE_PHRASE.search(task.body)
            flags.append(
                self._flag(task, "body", m.start(), m.end())
                if m
                else self._flag(task, "upstream", 0, len(up.requirement))
            )
            reasons.append(
                f"完成时限 {task.deadline_days} 天，短于上级（{up.source}）给出的 {up.deadline_days} 天，属于压缩时限。"
            )

        up_dates = _dates(up.requirement)
        body_dates = _deadline_dates(task.body)
        # both time limits stated in days and the notice's no shorter: the days settle it (a date
        # in the body then times a part of the work, e.g. the summary report)
        days_settle = task.deadline_days is not None and up.deadline_days is not None
        if up_dates and body_dates and not days_settle:
            earliest_up = min(d for d, _, _ in up_dates)
            d, s, e = min(body_dates)
            if d < earliest_up and not flags:
                flags.append(self._flag(task, "body", s, e))
                reasons.append(
                    f"通知要求“{task.body[s:e]}”完成，早于上级要求的时间节点，属于压缩时限。"
                )

        up_pct = _percentages(up.requirement)
        if up_pct:
            for metric, value, s, e in _percentages(task.body):
                comparable = [
                    v for mm, v, _, _ in up_pct if not metric or not mm or mm[-2:] == metric[-2:]
                ]
                if comparable and value > max(comparable):
                    flags.append(self._flag(task, "body", s, e))
                    reasons.append(
                        f"通知要求“{task.body[s:e]}”，高于上级要求的 {max(comparable):g}%，属于提高指标。"
                    )
                    break

        # a minimum count of the same thing in the same unit, higher than the level above's
        up_quota = {
            (m.group(1), m.group(3)): float(m.group(2)) for m in _QUOTA.finditer(up.requirement)
        }
        if up_quota and not flags:
            for m in _QUOTA.finditer(task.body):
                limit = up_quota.get((m.group(1), m.group(3)))
                if limit is not None and float(m.group(2)) > limit:
                    flags.append(self._flag(task, "body", m.start(2), m.end()))
                    reasons.append(
                        f"通知要求{m.group(1)}“{task.body[m.start(2) : m.end()]}”，高于上级要求的"
                        f" {limit:g}{m.group(3)}，属于提高指标。"
                    )
                    break

        up_freq = _frequencies(up.requirement)
        if up_freq:
            by_kind: dict[str, float] = {}
            for mention in up_freq:
                by_kind[mention.kind] = min(mention.value, by_kind.get(mention.kind, mention.value))
            for mention in _frequencies(task.body):
                limit = by_kind.get(mention.kind)
                if limit is None and mention.kind != "other":
                    limit = by_kind.get("other")
                if limit is None and mention.changed:
                    limit = min(by_kind.values())
                if limit is not None and mention.value < limit:
                    flags.append(self._flag(task, "body", mention.start, mention.end))
                    reasons.append(
                        f"通知要求“{task.body[mention.start : mention.end]}”{_KIND_ZH[mention.kind]}，"
                        f"频次高于上级（{up.source}）的要求“{up.requirement}”，属于加密频次。"
                    )
                    break
        return flags, reasons


_KIND_ZH = {"visit": "开展走访巡查", "report": "报送", "other": "开展工作"}
