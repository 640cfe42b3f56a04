"""层层加码: the notice asks more than the level above (label rule "escalation is judged against
upstream"): a shorter deadline, a higher quota, or more frequent reporting or visiting.

Equal or looser requirements are never flagged (label rule 8).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jiceng.intake.records import Flag, Task, Upstream
from jiceng.text.sentences import split_clauses

# Period in days of a frequency phrase; "每天两次" halves it. A report named by its period ("日报",
# "旬报") and a period said with its count ("一个月至少巡一次", "一周两次") are frequencies too; a date
# before 报送 ("5日报送", "周日报送", "3月报送") and a newspaper ("《XX日报》") are not.
_ONCE_IN = r"(?=[^，。；]{0,6}?[0-9０-９一两二三四五六七八九十]\s*(次|遍|趟))"
_NOT_A_DATE = r"(?<![0-9０-９一二两三四五六七八九十廿几》报周每当本上下])"
_NAMED_REPORT = r"报(?!送|告|社)"
_FREQUENCIES: tuple[tuple[re.Pattern[str], float], ...] = (
    (re.compile(rf"(每天|每日|天天|逐日|{_NOT_A_DATE}日{_NAMED_REPORT}|一天{_ONCE_IN})"), 1.0),
    (
        re.compile(rf"(每周|每星期|每个星期|按周|{_NOT_A_DATE}周{_NAMED_REPORT}|一周{_ONCE_IN})"),
        7.0,
    ),
    (re.compile(rf"(每旬|旬{_NAMED_REPORT})"), 10.0),
    (re.compile(r"双周"), 14.0),
    (re.compile(r"(每半月|半月一|每半个月|半个月一)"), 15.0),
    (re.compile(rf"(每月|按月|{_NOT_A_DATE}月{_NAMED_REPORT}|每个月|一个月{_ONCE_IN})"), 30.0),
    (re.compile(rf"(每季度|按季度?|{_NOT_A_DATE}季{_NAMED_REPORT}|每季)"), 91.0),
    (re.compile(r"(每半年|半年一)"), 182.0),
    (re.compile(rf"(每年|按年|{_NOT_A_DATE}年{_NAMED_REPORT}|每年度)"), 365.0),
)
# A count per period after the frequency phrase ("每月巡河不少于4次", "每天两次"): the period is
# divided by it, so "每月4次" is more frequent than "每月1次".
_COUNT = re.compile(
    r"^[^，。；]{0,14}?(?:不少于|不低于|至少)?\s*([0-9０-９]{1,2}|[一两二三四五六七八九十])\s*(?:次|遍|趟)"
)
_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")
_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # (going to the place itself is a visit: "到河道", "下村", "到现场查看")
    (
        "visit",
        re.compile(
            r"(探访|走访|上门|入户|巡查|巡护|巡河|巡山|巡访|巡湖|巡堤|巡库|巡林|巡田|巡逻|巡线|随访|回访"
            r"|探视|看望|下河|下村|到河|到村|到现场|巡[一两二三四五六七八九十0-9０-９]\s*[次遍趟])"
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
# A number in digits or in Chinese numerals ("3000", "两", "三千", "一百二十"), read by ``_amount``.
_AMOUNT = r"\d+(?:\.\d+)?|[一二两三四五六七八九十百千万]+"
# A rate in per cent, in figures ("95%") or in words ("百分之九十五").
_PERCENT = re.compile(
    r"([\u4e00-\u9fff]{0,6}率)?[^。；，\d%]{0,10}?(?:(\d+(?:\.\d+)?)\s*[%％]|百分之("
    + _AMOUNT
    + "))"
)
# A minimum count of things ("沙袋不少于3000只", "救生衣至少两百件"): a quota when the level above
# sets one for the same thing in the same unit. (Counts of times, 次/遍/趟, are frequencies, read
# above; the thing is told by the two characters before the minimum word.)
_QUOTA = re.compile(
    r"([\u4e00-\u9fff]{2})(?:不少于|不低于|至少|达到)\s*(" + _AMOUNT + r")\s*"
    r"(只|件|台|套|个|户|人|名|份|张|亩|袋|吨|辆|处|场|块|头|株|棵|间|座|家|条|支|箱|册|批|所|公里|米)"
)
_DIGITS = {c: i for i, c in enumerate("一二三四五六七八九", start=1)} | {"两": 2}
_UNITS = {"十": 10, "百": 100, "千": 1000}


def _amount(numeral: str) -> float:
    """A number in digits or Chinese numerals up to the 万s ("三千" 3000, "一百二十" 120, "十五" 15)."""
    numeral = numeral.translate(_FULLWIDTH)
    if numeral[0].isdigit():
        return float(numeral)
    total = section = 0
    digit = 0
    for ch in numeral:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        elif ch in _UNITS:
            section += (digit or 1) * _UNITS[ch]
            digit = 0
        elif ch == "万":
            total += (section + digit) * 10000
            section = digit = 0
    return float(total + section + digit)


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
# Every few days, weeks or months ("每5天", "5天一报", "三日一报", "每两周", "每2个月"), or every other
# day ("隔天", "隔日"): the period is that many days, weeks or months.
_EVERY_N = re.compile(
    r"每\s*(?P<n>[0-9０-９]{1,2}|[一两二三四五六七八九十])\s*(?P<unit>个?[天日]|周|个?星期|个月)"
    r"|(?P<n2>[0-9０-９]{1,2}|[一两二三四五六七八九十])\s*(?P<unit2>[天日])一(?=报|次|统计|汇总)"
    r"|隔(?P<other>[天日])"
)
_UNIT_DAYS = {"天": 1.0, "日": 1.0, "周": 7.0, "星期": 7.0, "月": 30.0}


def _every_n_days(m: re.Match[str]) -> float:
    if m.group("other"):
        return 2.0
    n, unit = (m.group("n"), m.group("unit")) if m.group("n") else (m.group("n2"), m.group("unit2"))
    return _number(n) * _UNIT_DAYS[unit.lstrip("个")]


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
        found += [(m, _every_n_days(m)) for m in _EVERY_N.finditer(clause.text)]
        for m, days in found:
            if _RULED_OUT.search(clause.text[: m.start()]):
                continue
            period = days / _count(clause.text[m.end() :])
            # a report named by its period ("日报", "月报表") is a report whatever follows
            kind = "report" if m.group(0).endswith("报") else _kind_of(clause.text, m.end())
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
    return max(int(_amount(numeral)), 1)


def _percentages(text: str) -> list[tuple[str, float, int, int]]:
    return [
        (m.group(1) or "", _amount(m.group(2) or m.group(3)), m.start(), m.end())
        for m in _PERCENT.finditer(text)
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


# A time limit in hours or minutes ("2小时内报告", "半小时内到场", "30分钟内"): how fast the township
# must react once something happens, tightened like a deadline (《整治形式主义为基层减负若干规定》
# (2024) 四: no compressing of time limits level by level).
_WITHIN = re.compile(
    r"(?P<n>半|[0-9０-９]{1,3}|[一两二三四五六七八九十]{1,3})\s*个?\s*(?P<unit>小时|分钟)(以)?内"
)


def _time_limits(text: str) -> list[tuple[str, float, int, int]]:
    """(kind, minutes, start, end) of each time limit in hours or minutes."""
    out = []
    for clause in split_clauses(text):
        for m in _WITHIN.finditer(clause.text):
            n = 0.5 if m.group("n") == "半" else _amount(m.group("n"))
            minutes = n * 60 if m.group("unit") == "小时" else n
            kind = _kind_of(clause.text, m.end())
            out.append((kind, minutes, clause.start + m.start(), clause.start + m.end()))
    return out


# A time limit in days, weeks or months ("15日内", "10个工作日内", "两周内", "一个月内", "半个月内"): the
# notice's or the level above's when its deadline_days is not given. A working week is five days.
_DAY_LIMIT = re.compile(
    r"(?P<n>半|" + _AMOUNT + r")\s*个?\s*(?P<unit>工作日|[日天]|周|星期|月)(以)?内"
)
_LIMIT_DAYS = {"工作日": 1.4, "日": 1.0, "天": 1.0, "周": 7.0, "星期": 7.0, "月": 30.0}


def _day_limit(text: str) -> tuple[float, int, int] | None:
    """The longest time limit in days the text states (its overall deadline; shorter ones time
    parts of the work), with its span."""
    found = [
        (
            (0.5 if m.group("n") == "半" else _amount(m.group("n"))) * _LIMIT_DAYS[m.group("unit")],
            m.start(),
            m.end(),
        )
        for m in _DAY_LIMIT.finditer(text)
    ]
    return max(found) if found else None


# One finding: the flag and its Chinese reason.
_Finding = tuple[Flag, str]


class EscalationDetector:
    """Compares a notice with the upstream requirement it relays. Each comparison is one method
    returning its finding or None; a notice gets at most one finding on time (days, dates, time
    limits), and a quota is read only when nothing else was found (a rate or a deadline already
    says the notice asks more)."""

    def __init__(self, label: str, rule: str) -> None:
        self.label = label
        self.rule = rule

    def _flag(self, task: Task, field: str, start: int, end: int) -> Flag:
        text = (
            task.body if field == "body" else (task.upstream.requirement if task.upstream else "")
        )
        return Flag("escalation", self.label, self.rule, text[start:end], field, start, end)

    def _deadline_flag(self, task: Task, up: Upstream, span: tuple[int, int] | None) -> Flag:
        """Evidence for a shorter deadline: the span given, else the body's deadline phrase, else
        the upstream requirement itself."""
        if span is None and (m := _DEADLINE_PHRASE.search(task.body)):
            span = (m.start(), m.end())
        if span is None:
            return self._flag(task, "upstream", 0, len(up.requirement))
        return self._flag(task, "body", *span)

    def detect(self, task: Task) -> tuple[list[Flag], list[str]]:
        """Escalation flags with evidence in the body, and a Chinese reason for each."""
        up = task.upstream
        if up is None:
            return [], []
        found: list[_Finding] = []
        on_time = (
            self._shorter_days(task, up)
            or self._days_in_text(task, up)
            or self._earlier_date(task, up)
        )
        found += [on_time] if on_time else []
        found += [rate] if (rate := self._higher_rate(task, up)) else []
        if not found:
            found += [quota] if (quota := self._higher_quota(task, up)) else []
        if not found:
            found += [limit] if (limit := self._tighter_time_limit(task, up)) else []
        found += [freq] if (freq := self._more_frequent(task, up)) else []
        return [f for f, _ in found], [r for _, r in found]

    def _shorter_days(self, task: Task, up: Upstream) -> _Finding | None:
        if task.deadline_days is None or up.deadline_days is None:
            return None
        if task.deadline_days >= up.deadline_days:
            return None
        return self._deadline_flag(task, up, None), (
            f"完成时限 {task.deadline_days} 天，短于上级（{up.source}）给出的 {up.deadline_days} 天，"
            "属于压缩时限。"
        )

    def _days_in_text(self, task: Task, up: Upstream) -> _Finding | None:
        """One side's time limit given only in its text ("请于10日内完成" below a 30-day upstream):
        the longest limit the text states stands in for the missing figure."""
        if (task.deadline_days is None) == (up.deadline_days is None):
            return None
        stated = _day_limit(task.body) if task.deadline_days is None else None
        mine = stated[0] if stated else task.deadline_days
        up_stated = _day_limit(up.requirement) if up.deadline_days is None else None
        theirs = up_stated[0] if up_stated else up.deadline_days
        if mine is None or theirs is None or mine >= theirs:
            return None
        span = (stated[1], stated[2]) if stated else None
        return self._deadline_flag(task, up, span), (
            f"完成时限 {mine:g} 天，短于上级（{up.source}）给出的 {theirs:g} 天，属于压缩时限。"
        )

    def _earlier_date(self, task: Task, up: Upstream) -> _Finding | None:
        # both time limits stated in days: the days settle it (a date in the body then times a
        # part of the work, e.g. the summary report)
        if task.deadline_days is not None and up.deadline_days is not None:
            return None
        up_dates = _dates(up.requirement)
        body_dates = _deadline_dates(task.body)
        if not up_dates or not body_dates:
            return None
        d, s, e = min(body_dates)
        if d >= min(d for d, _, _ in up_dates):
            return None
        return self._flag(task, "body", s, e), (
            f"通知要求“{task.body[s:e]}”完成，早于上级要求的时间节点，属于压缩时限。"
        )

    def _higher_rate(self, task: Task, up: Upstream) -> _Finding | None:
        up_pct = _percentages(up.requirement)
        if not up_pct:
            return None
        for metric, value, s, e in _percentages(task.body):
            comparable = [
                v for mm, v, _, _ in up_pct if not metric or not mm or mm[-2:] == metric[-2:]
            ]
            if comparable and value > max(comparable):
                return self._flag(task, "body", s, e), (
                    f"通知要求“{task.body[s:e]}”，高于上级要求的 {max(comparable):g}%，属于提高指标。"
                )
        return None

    def _higher_quota(self, task: Task, up: Upstream) -> _Finding | None:
        """A minimum count of the same thing in the same unit, higher than the level above's. The
        thing may be named otherwise in the notice ("帮扶就业不少于40人" upstream, "各镇不少于60人"
        below): the level above's only minimum in that unit is the one it raises."""
        up_quota = {
            (m.group(1), m.group(3)): _amount(m.group(2)) for m in _QUOTA.finditer(up.requirement)
        }
        by_unit: dict[str, list[float]] = {}
        for (_, unit), amount in up_quota.items():
            by_unit.setdefault(unit, []).append(amount)
        for m in _QUOTA.finditer(task.body) if up_quota else ():
            thing, unit = m.group(1), m.group(3)
            limit = up_quota.get((thing, unit))
            if limit is None and len(by_unit.get(unit, ())) == 1:
                limit = by_unit[unit][0]
            if limit is not None and _amount(m.group(2)) > limit:
                return self._flag(task, "body", m.start(2), m.end()), (
                    f"通知要求{thing}“{task.body[m.start(2) : m.end()]}”，高于上级要求的"
                    f" {limit:g}{unit}，属于提高指标。"
                )
        return None

    def _tighter_time_limit(self, task: Task, up: Upstream) -> _Finding | None:
        up_limits = _time_limits(up.requirement)
        for kind, minutes, s, e in _time_limits(task.body) if up_limits else ():
            comparable = [v for k, v, _, _ in up_limits if k == kind] or [
                v for _, v, _, _ in up_limits
            ]
            if minutes < min(comparable):
                return self._flag(task, "body", s, e), (
                    f"通知要求“{task.body[s:e]}”，短于上级（{up.source}）要求的时限"
                    f"“{up.requirement}”，属于压缩时限。"
                )
        return None

    def _more_frequent(self, task: Task, up: Upstream) -> _Finding | None:
        by_kind: dict[str, float] = {}
        for mention in _frequencies(up.requirement):
            by_kind[mention.kind] = min(mention.value, by_kind.get(mention.kind, mention.value))
        for mention in _frequencies(task.body) if by_kind else ():
            limit = by_kind.get(mention.kind)
            if limit is None and mention.kind != "other":
                limit = by_kind.get("other")
            if limit is None and mention.changed:
                limit = min(by_kind.values())
            if limit is not None and mention.value < limit:
                return self._flag(task, "body", mention.start, mention.end), (
                    f"通知要求“{task.body[mention.start : mention.end]}”{_KIND_ZH[mention.kind]}，"
                    f"频次高于上级（{up.source}）的要求“{up.requirement}”，属于加密频次。"
                )
        return None


_KIND_ZH = {"visit": "开展走访巡查", "report": "报送", "other": "开展工作"}
