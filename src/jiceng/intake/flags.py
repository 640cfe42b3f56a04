"""Formalism flags found by the lexicon in ``data/flags.toml``, each with its evidence span.

Detection works sentence by sentence: a pattern match counts unless its sentence lacks the
pattern's required context, a trap of label rule (8) sits in the same clause, or the sender is
forbidding the thing ("不得要求……") rather than asking for it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from jiceng.duties.items import Category, DutyItem
from jiceng.intake.policy import load_data
from jiceng.intake.records import Flag, Task
from jiceng.text.regexguard import dispatched
from jiceng.text.sentences import Span, span_at, split_clauses, split_sentences

# The sender forbids or removes the thing just named: "不得要求……", "取消……", "不另行组织……".
# The negation scopes over its whole verb phrase (up to 14 characters), a prepositional phrase
# before the verb included ("不在工作群报进度", "不再要求层层签订责任状", "不对门头作统一要求").
# A chat message says it plainly: "别往群里发截图了", "不要在群里接龙" (别 not inside 分别, 区别…).
_NEGATION = re.compile(
    r"(不得|严禁|禁止|不再|不另行|不另|无需|不需|不要求|取消|不搞|避免|杜绝|不必|减少"
    r"|不(在|向|往|通过|用|以|对)|不要|(?<![分区特告识差派级类个性鉴辨])别)[^，。；]{0,14}$"
)
# ... or follows the thing named, in the same clause ("上墙制度不作统一要求", "照片不做硬性规定").
_NEGATED_AFTER = re.compile(r"[^，。；]{0,16}?不(作|做|再|予)[^，。；]{0,4}(要求|规定)")
_SIGNING = re.compile(r"签字|签名|手印")
# A facility the notice wants built: checked against the matched item (a station the duty list
# itself names, e.g. one the law requires, is not a signboard demand).
_FACILITY = re.compile(r"[\u4e00-\u9fff]{2,8}?(服务站|工作站|工作室|站|室|中心|之家)")
_SETTING_UP = re.compile(r"^.*(设立|建立|成立|建设|设置|建好|建成|挂牌)")
# A station, listed or required by law, dressed up to a uniform standard ("按“十有”标准统一更换门头
# 标牌、制作荣誉墙", "统一门头标识和形象墙"): the station is the duty, the uniform plaques and walls
# are the signboard demand (《关于规范村级组织工作事务、机制牌子和证明事项的意见》: no uniform
# plaques or wall displays demanded).
_DRESSED_UP = re.compile(
    r"统一[^。；，]{0,6}(门头|标牌|标识|牌匾|形象墙|荣誉墙|展板)|(荣誉墙|形象墙|文化墙)"
)
# A plaque the clause names ("悬挂光荣牌"): when the matched item itself is about that plaque
# (光荣牌悬挂 for soldiers' families, a duty by law), hanging it is the duty, not a signboard demand.
_PLAQUE = re.compile(r"[\u4e00-\u9fff]{2,4}牌")
# A 配合 item's township_role that has the township go along with the department's inspection
# ("安排人员随检查组带路"): a notice announcing that inspection asks the role, not an inspection of
# the township (迎检 of the township's own work stays flagged).
_ACCOMPANIES = re.compile(r"随[^，。；]{0,4}检查|检查组|陪同[^，。；]{0,6}检查")
_GREETING = re.compile(r"迎接|迎检")
# A document signed in the clause ("在面积确认表上签字"): the duty list's own township_role asking
# for that very signature makes it the duty, not a trace beyond need (label rule 8).
_SIGNED_DOCUMENT = re.compile(
    r"([\u4e00-\u9fff]{1,8}?(表|书|单|册|合同|协议|名单|清册))[^，。；]{0,3}?(签字|签名|按手印|手印)"
)

# A required context word the sender says is not needed ("文字说明就行，不用照片") is absent.
_NOT_NEEDED = re.compile(r"(不用|不需要?|无需|不必|不要|免)[拍发交传报附]?$")


def _required(requires: re.Pattern[str], text: str) -> bool:
    return any(
        not _NOT_NEEDED.search(text[max(0, m.start() - 4) : m.start()])
        for m in requires.finditer(text)
    )


@dataclass(frozen=True)
class PatternRule:
    source: str  # the pattern as the lexicon writes it
    requires: re.Pattern[str] | None
    excludes: re.Pattern[str] | None
    # its matches (whole matches only are read), found with first-character dispatch
    regex: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "regex", dispatched(self.source))


_NEVER = PatternRule(r"(?!)", None, None)


@dataclass(frozen=True)
class FlagSpec:
    code: str
    label: str
    rule: str
    core: bool
    negatable: bool
    absorbed_by: tuple[str, ...]
    patterns: tuple[PatternRule, ...]
    traps: tuple[re.Pattern[str], ...]


def _compile(value: str | None) -> re.Pattern[str] | None:
    return re.compile(value) if value else None


def load_flag_specs() -> dict[str, FlagSpec]:
    """The flag lexicon from ``data/flags.toml``."""
    specs: dict[str, FlagSpec] = {}
    for code, entry in load_data("flags").items():
        specs[code] = FlagSpec(
            code=code,
            label=entry["label"],
            rule=entry["rule"],
            core=bool(entry.get("core", False)),
            negatable=bool(entry.get("negatable", True)),
            absorbed_by=tuple(entry.get("absorbed_by", [])),
            patterns=tuple(
                PatternRule(p["re"], _compile(p.get("requires")), _compile(p.get("excludes")))
                for p in entry.get("pattern", [])
            ),
            traps=tuple(dispatched(t["re"]) for t in entry.get("trap", [])),
        )
    return specs


def _clause_before(clauses: Sequence[Span], clause: Span) -> Span | None:
    prev = None
    for c in clauses:
        if c.start >= clause.start:
            return prev
        prev = c
    return prev


class FlagDetector:
    """Finds lexicon flags in a task's title and body.

    ``disabled`` holds ``(code, pattern_index)`` pairs switched off by calibration on labelled
    examples (see ``jiceng.intake.learning``).
    """

    def __init__(
        self, specs: dict[str, FlagSpec] | None = None, *, disabled: Iterable[tuple[str, int]] = ()
    ) -> None:
        self.specs = specs if specs is not None else load_flag_specs()
        self.disabled = frozenset(disabled)
        # One alternation of all of a flag's patterns: a field none of them touches skips the
        # flag's per-sentence work entirely (most sentences of most notices carry no flag).
        self._any = {
            code: dispatched("|".join(f"(?:{p.source})" for p in spec.patterns))
            for code, spec in self.specs.items()
            if spec.patterns
        }

    def spec(self, code: str) -> FlagSpec:
        return self.specs[code]

    def detect(self, task: Task, item: DutyItem | None = None) -> list[Flag]:
        flags = self.detect_text("title", task.title, item) + self.detect_text(
            "body", task.body, item
        )
        return flags

    def detect_text(self, field: str, text: str, item: DutyItem | None = None) -> list[Flag]:
        """Flags in one field; at most one finding per flag and sentence, absorption applied."""
        found: list[tuple[Span, Flag]] = []
        active = [
            spec
            for code, spec in self.specs.items()
            if code in self._any and self._any[code].search(text)
        ]
        if not active:
            return []
        for sentence in split_sentences(text):
            # a flag none of whose patterns touches the sentence cannot fire in it
            hitting = [spec for spec in active if self._any[spec.code].search(sentence.text)]
            if not hitting:
                continue
            clauses = split_clauses(text[sentence.start : sentence.end])
            for spec in hitting:
                hit = self._first_hit(spec, field, text, sentence, clauses, item)
                if hit is not None:
                    found.append((sentence, hit))
        by_sentence: dict[int, set[str]] = {}
        for sentence, flag in found:
            by_sentence.setdefault(sentence.start, set()).add(flag.code)
        kept = []
        for sentence, flag in found:
            codes = by_sentence[sentence.start]
            absorbers = [c for c in self.specs[flag.code].absorbed_by if c in codes]
            if absorbers and self._absorbed(text, sentence, flag, absorbers):
                continue
            kept.append(flag)
        return kept

    def _absorbed(self, text: str, sentence: Span, flag: Flag, absorbers: Sequence[str]) -> bool:
        """Evidence is the absorbing flag's own burden only when that flag's wording sits in the
        same clause ("每轮检查均需提供台账原件", "制度上墙并配齐台账"); photos demanded after every
        activity, or posted to a group, in a sentence that also mentions a check stay flagged."""
        clauses = split_clauses(text[sentence.start : sentence.end])
        clause = span_at(clauses, flag.start - sentence.start)
        if clause is None:
            return True
        if any(self._any[code].search(clause.text) for code in absorbers):
            return True
        # the clause before may name the pledge signed as its topic ("签订承诺书，每户户主签字按
        # 手印"): signatures and thumbprints on it are its own burden (photos of it are not)
        prev = _clause_before(clauses, clause)
        return (
            prev is not None
            and "pledge_veto" in absorbers
            and _SIGNING.search(flag.evidence) is not None
            and bool(self._any["pledge_veto"].search(prev.text))
        )

    def pattern_hits(
        self, field: str, text: str, item: DutyItem | None = None
    ) -> list[tuple[str, int]]:
        """``(code, pattern_index)`` of every pattern that fires in ``text`` (for calibration)."""
        hits = []
        for sentence in split_sentences(text):
            clauses = split_clauses(text[sentence.start : sentence.end])
            for spec in self.specs.values():
                for index in range(len(spec.patterns)):
                    single = FlagSpec(
                        spec.code,
                        spec.label,
                        spec.rule,
                        spec.core,
                        spec.negatable,
                        spec.absorbed_by,
                        tuple(p if i == index else _NEVER for i, p in enumerate(spec.patterns)),
                        spec.traps,
                    )
                    if self._first_hit(single, field, text, sentence, clauses, item) is not None:
                        hits.append((spec.code, index))
        return hits

    def _first_hit(
        self,
        spec: FlagSpec,
        field: str,
        text: str,
        sentence: Span,
        clauses: Sequence[Span],
        item: DutyItem | None,
    ) -> Flag | None:
        s_text = sentence.text
        for index, rule in enumerate(spec.patterns):
            if (spec.code, index) in self.disabled:
                continue
            if rule.requires is not None and not _required(rule.requires, s_text):
                continue
            if rule.excludes is not None and rule.excludes.search(s_text):
                continue
            for match in rule.regex.finditer(s_text):
                clause = span_at(clauses, match.start()) or Span(0, len(s_text), s_text)
                last = span_at(clauses, max(match.end() - 1, match.start())) or clause
                before = s_text[clause.start : match.start()]
                if spec.negatable and (
                    _NEGATION.search(before)
                    or _NEGATED_AFTER.match(s_text, match.end(), last.end)
                    # a match running on into a later clause that denies it ("每人填写一次即可，
                    # 不要求拍照"): the negation stands before the thing named, inside the match
                    or (
                        last.start > clause.start
                        and _NEGATION.search(s_text, last.start, match.end())
                    )
                ):
                    continue
                # traps are looked for in every clause the evidence touches, and in the clause
                # before it: the thing signed or the law requiring a station is often named there
                # as the topic ("审批表等法律文书，须由申请人签字", "根据《X法》…规定，设立…")
                prev = _clause_before(clauses, clause)
                context = s_text[(prev or clause).start : last.end]
                if any(trap.search(context) for trap in spec.traps):
                    continue
                if item is not None and _item_prescribes(
                    spec.code, s_text[clause.start : last.end], match.group(), item
                ):
                    continue
                start = sentence.start + match.start()
                end = sentence.start + match.end()
                return Flag(spec.code, spec.label, spec.rule, text[start:end], field, start, end)
        return None


def _item_prescribes(code: str, clause: str, evidence: str, item: DutyItem) -> bool:
    """The matched duty item itself asks for what the evidence demands (label rule 8): a station
    or plaque it names is the duty, not a signboard demand (nor is the tagging its content names
    as its work, "古茶树…建档和挂牌保护"); a signature its township_role prescribes is the duty,
    not a trace; an inspection its township_role has the township go along with ("随检查组带路") is
    the role, not an inspection of the township."""
    if code == "signboard":
        if _DRESSED_UP.search(clause):
            return False  # a listed station dressed up to a uniform look is a signboard demand
        return (
            _facility_in_item(clause, item)
            or _plaque_in_item(clause, item)
            or evidence in item.name + item.content
        )
    if code == "excessive_traces":
        return _signed_in_role(clause, item)
    if code == "inspection_burden":
        return bool(
            _GREETING.search(evidence)
            and item.category is Category.COOPERATING
            and _ACCOMPANIES.search(item.township_role)
        )
    return False


def _facility_in_item(clause: str, item: DutyItem) -> bool:
    item_text = item.name + item.content + item.township_role + item.basis
    for match in _FACILITY.finditer(clause):
        # the facility's name, without the verb that demands it ("依法设立…工作站")
        name = _SETTING_UP.sub("", match.group())
        if len(name) >= 3 and name in item_text:
            return True
        # or its distinctive tail, e.g. "退役军人服务站" ⊂ item text
        if len(name) >= 4 and name[-4:] in item_text:
            return True
        # or its abbreviation: the two characters before the kind of facility, in order,
        # within the item's longer name ("未保工作站" of "未成年人保护工作站")
        kind = match.group(1)
        head = name[: -len(kind)][-2:]
        if len(head) == 2 and re.search(
            f"{head[0]}[\u4e00-\u9fff]{{0,4}}{head[1]}[\u4e00-\u9fff]{{0,4}}{kind}", item_text
        ):
            return True
    return False


def _plaque_in_item(clause: str, item: DutyItem) -> bool:
    text = item.name + item.content
    return any(m.group()[-3:] in text for m in _PLAQUE.finditer(clause))


def _signed_in_role(clause: str, item: DutyItem) -> bool:
    role = item.township_role
    return bool(role) and any(
        m.group(1)[-3:] in role and _SIGNING.search(role) for m in _SIGNED_DOCUMENT.finditer(clause)
    )
