"""The decision per label rules (1)–(8), with a Chinese reason for every step."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from jiceng.duties.items import Category, DutyItem
from jiceng.intake.acts import ActAnalyzer, ActEvidence
from jiceng.intake.core_reader import CoreReader
from jiceng.intake.flags import FlagSpec
from jiceng.intake.matching import TITLE_FRAME, MatchOutcome
from jiceng.intake.pushed_jobs import PushedJobReader
from jiceng.intake.records import Decision, Flag, Task
from jiceng.text.sentences import Span, split_clauses, split_sentences
from jiceng.text.tokenize import content_tokens

# Words of a sentence that only organise the reply, not the work: "请于…前报送完成情况".
_PROCEDURAL = frozenset(
    [
        "报送",
        "上报",
        "报告",
        "反馈",
        "完成",
        "回复",
        "收到",
        "结果",
        "名单",
        "情况",
        "汇总",
        "统计表",
        "报表",
        "并于",
        "日前",
        "之前",
        "以前",
        "姓名",
        "电话",
        "联络人",
        "联系人",
        "明确",
    ]
)
_MIN_SUBSTANCE = 2
# A notice's top-level section heading ("三、"), and the heading of its requirements section
# ("三、有关要求", "四、保障措施") or of how results are used ("三、结果运用"): what follows it up to
# the next heading says how the work is to be done or judged (organisation, publicity, discipline,
# reporting, assessment), not work of its own — for the rule-7
# test it is boilerplate (《党政机关公文格式》 GB/T 9704 numbered structure of a notice).
_SECTION = re.compile(r"^\s*[一二三四五六七八九十]{1,2}[、．.]")
_REQUIREMENTS = re.compile(
    r"^\s*[一二三四五六七八九十]{1,2}[、．.]\s*((有关|工作|相关|几点|其他)?(要求|保障措施|组织保障|工作保障)"
    r"|结果运用)"
)
# A clause about a meeting: convening or attending it, leave from it, relaying it (逐级传达).
_MEETING = re.compile(
    r"会议|开会|参会|到会|陪会|代会|会上|会后|调度会|部署会|推进会|观摩会|现场会|例会|请假|参加|出席"
    r"|到场|召开|举行|在[^，。；]{1,12}开[，。；]?$|不得委托|委托他人|主持|(逐级|层层)传达"
)
# The members a chat message is addressed to ("@各镇 @各村"): not the township addressed in the text.
_MENTION = re.compile(r"@\S+")
# Who a chat message is addressed to and from when ("@各镇文化站 从本周起"): no work of its own.
_ADDRESS = re.compile(
    _MENTION.pattern
    + r"|(从|自)?(即日|今天|明天|本周|下周|下周一|本月|下月)[一二三四五六日]?(起|开始)"
)
# A purpose clause ("为加快进度，"): what is asked is for it, it asks nothing of its own.
_PURPOSE = re.compile(r"^[\s，、]*为(了)?[^，。；：]{1,20}[，,]?\s*$")
# The sender announcing its own decision ("县安委会决定在全县开展…活动", "县林长办决定开展…建设",
# "县督查室决定自下月起对各镇…开展专项督查"): the campaign it launches, said before what it asks;
# the asks follow (rule-7 test).
_DECIDED = re.compile(r"决定[^，。；：]{0,16}?(开展|启动|实施|组织|举办|建立|推行)")
# An ask in so many words, beside the sender's decision ("县X办决定开展…，请各乡…").
_ASKED = re.compile(r"请|务必|必须|要求|麻烦")
# A clause describing the demanded photo or video itself ("视频须显示值班人员正脸和墙上时钟"):
# part of the trace it describes, no work of its own.
_EVIDENCE_DETAIL = re.compile(
    r"^[\s，、]*(视频|照片|截图|图片|合影|画面)[^，。；]{0,4}(须|要|应|必须|需)"
)
# Core flags that make a task core formalism only when nothing else is asked beside them, even
# within one sentence (label rule 7: "pure chat-group check-ins").
_CLAUSE_SEPARABLE = frozenset({"digital_formalism"})
# A clause that only sends something back: what is reported named before the report verb ("名单请于
# 周五前报县局", "把各村激活数报镇里汇总"), or the deadline alone ("月底前必须完成"). A sentence made
# only of such clauses asks no work of its own (label rule 8: a report needed once is no work
# beside the formalism it reports on).
_REPORT_BACK = re.compile(
    r"(名单|人数|数据|[^人]数|情况|表|进度|总结|结果)[^，。；：]{0,12}?(报送|上报|报|反馈)[^，。；：]{0,10}$"
    r"|^[^，。；：]{0,10}(前|内)(必须|务必|须|要)?(完成|报结)(建设|任务|工作)?$"
    r"|汇总[^，。；：]{0,6}(报送|上报|报|发)[^，。；：]{0,10}$"
)
# Evidence of a department-only act: the act lexicons' three kinds, and the learned reader's
# sentence when it moved a 基本 winner to a 收回/配合 neighbour (Screener._read_as_pushed_down).
_DEPARTMENT_ONLY = re.compile(r"enforcement|professional|payment|learned")
# Who pays for what is demanded ("建设经费由各镇自行解决"): no work of its own beside it (rule-7 test).
_FUNDING = re.compile(r"(经费|费用|资金)[^。；，]{0,8}(自行解决|自筹|自理|承担|列支|解决)")
# What follows from the township's results (约谈, 通报批评, 纳入考核, 取消评优): a sentence saying it
# states the consequences of an inspection or ranking ("连续两次排名末位的乡镇，由分管县领导约谈"),
# not work asked of the township (rule-7 test). (Flagging such sentences as inspection_burden instead
# cost a false flag on the validation county H21.)
_CONSEQUENCE = re.compile(
    r"约谈|通报批评|问责|纳入[^。；，]{0,12}(考核|考评)|取消[^。；，]{0,8}(评优|评先|资格)|(将|会)组织验收"
    r"|^[^，。；]{0,6}(上|进|列入)榜?[“”]?黑榜|^[^，。；]{0,12}(排名|得分)(靠后|末位|倒数)|^[^，。；]{0,6}倒数(第|前)"
)


# Readying for or attending the flagged inspection ("各镇提前做好准备", "安排专人配合检查组工作，
# 提前准备好有关台账资料"): part of the inspection burden itself, no work of its own beside it.
_FOR_INSPECTION = re.compile(
    r"^[^，。；]{0,10}做好(迎检|迎查)?准备[。；！!]?$|(配合|陪同|迎接)[^，。；]{0,6}(检查|督查|暗访|考核|考评|测评)组"
    r"|准备好[^，。；]{0,8}(台账|资料|材料)"
)

# The label rules of the sample README, as the reasons' last line names them ("结论：退回（规则3）。");
# the county's override statistics are kept per rule so it sees where people disagree with the
# engine (issue #3).
RULE_LABELS: dict[int, str] = {
    1: "规则1 基本履职事项，准入",
    2: "规则2 配合履职事项（牵头部门交办），准入；非牵头部门交办，退回",
    3: "规则3 要求乡镇履行牵头部门职责，退回",
    4: "规则4 上级部门收回事项，退回",
    5: "规则5 清单外事项，退回",
    6: "规则6 删减形式主义要求后准入",
    7: "规则7 任务本身属于形式主义，退回",
}
_CONCLUSION = re.compile(r"^结论：[^（]*（规则(\d)）")


def concluding_rule(reasons: Sequence[str]) -> int | None:
    """The label rule the engine's reasons conclude with (the last "结论" line), if any."""
    for reason in reversed(reasons):
        m = _CONCLUSION.match(reason)
        if m:
            return int(m.group(1))
    return None


@dataclass(slots=True)
class Verdict:
    decision: Decision
    duty_item: str | None
    category: str
    flags: list[Flag]
    reasons: list[str]


def _sentence(text: str) -> str:
    """``text`` closed by a full stop when the list left it open ("…督促记账户按时记账")."""
    text = text.strip()
    return text if not text or text[-1] in "。！？；.!?;" else text + "。"


def _item_phrase(item: DutyItem) -> str:
    return f"{item.id}“{item.name}”（{item.category.label}）"


# How much of its sentence a flag's reason quotes around the evidence, in characters at most:
# the evidence is often one word ("下载", "截图", "每周") whose clause, or the clause after it,
# says what makes it formalism ("下载注册APP，每村不少于200人"); a reason should show that
# without quoting a whole paragraph.
_CONTEXT_MAX = 40
_FIELD_NAMES = {"title": "标题", "body": "正文", "upstream": "上级要求"}
_PUNCTUATION = "。！？；;!?，,：:、 \n"


def _field_text(task: Task, field: str) -> str:
    if field == "title":
        return task.title
    if field == "body":
        return task.body
    return task.upstream.requirement if task.upstream else ""


def _in_context(text: str, start: int, end: int) -> str | None:
    """The clause(s) holding the evidence ``text[start:end]``, with the next clause of the same
    sentence where the whole fits ``_CONTEXT_MAX`` (else a window of that size around the
    evidence), and "……" where the sentence goes on; None where that adds nothing."""
    clauses = split_clauses(text)
    first = next((i for i, c in enumerate(clauses) if c.start <= start < c.end), None)
    if first is None:
        return None
    sentence = next(s for s in split_sentences(text) if s.start <= start < s.end)
    last = next((i for i in range(first, len(clauses)) if end <= clauses[i].end), first)
    lo, hi = clauses[first].start, clauses[last].end
    after = clauses[last + 1] if last + 1 < len(clauses) else None
    if after is not None and after.start < sentence.end and after.end - lo <= _CONTEXT_MAX:
        hi = after.end
    if hi - lo > _CONTEXT_MAX:
        pad = max(0, (_CONTEXT_MAX - (end - start)) // 2)
        lo, hi = max(lo, start - pad), min(hi, end + pad)
    excerpt = text[lo:hi].strip().rstrip(_PUNCTUATION)
    if excerpt == text[start:end].strip():
        return None
    head = "……" if text[sentence.start : lo].strip(_PUNCTUATION) else ""
    tail = "……" if text[hi : sentence.end].strip(_PUNCTUATION) else ""
    return head + excerpt + tail


def _abridged(evidence: str) -> str:
    """Evidence as a reason repeats it: without the clause's closing comma, and a whole sentence
    (what the learned reader of pushed-down jobs reads, quoted in full by its own note) cut to
    its first ``_CONTEXT_MAX`` characters."""
    evidence = evidence.strip().rstrip(_PUNCTUATION)
    if len(evidence) <= _CONTEXT_MAX:
        return evidence
    return evidence[:_CONTEXT_MAX].rstrip(_PUNCTUATION) + "……"


def _flag_reason(flag: Flag, task: Task) -> str:
    where = _FIELD_NAMES.get(flag.field, flag.field)
    context = _in_context(_field_text(task, flag.field), flag.start, flag.end)
    quoted = f"（原文：“{context}”）" if context else ""
    return f"发现“{flag.label_zh}”：{where}中“{flag.evidence}”{quoted}。依据：{flag.rule}。"


def core_formalism(
    task: Task, flags: Sequence[Flag], specs: dict[str, FlagSpec], acts: ActAnalyzer
) -> bool:
    """Label rule (7): the task's core is itself formalism.

    False when a clause says the work itself goes on as before ("巡查照常"). True when the title
    carries core-flag evidence and names nothing else (a chat check-in in the title excepted: chat
    titles name the check-in beside routine work, so the body decides), or when no ask sentence
    of the body after the preamble is free of core-flag evidence while asking for substantive
    work (office formulas, recitals, reporting back, consequences and who pays ask none).
    """
    core = [f for f in flags if specs[f.code].core]
    if not core:
        return False
    if _work_goes_on(task.body, [(f.start, f.end) for f in core if f.field == "body"], acts):
        return False
    title_flags = [(f.start, f.end) for f in core if f.field == "title"]
    title_codes = {f.code for f in core if f.field == "title"}
    if (
        title_flags
        and not _title_joins_work(task.title, title_flags, specs)
        and not title_codes <= _CLAUSE_SEPARABLE
    ):
        return True
    flagged_starts = [(f.start, f.end) for f in core if f.field == "body"]
    inspecting = any(f.code == "inspection_burden" for f in core)
    in_requirements = False
    sentences = split_sentences(task.body)
    # the preamble up to the opening formula ("…现将有关事项通知如下") gives the notice's reasons,
    # results so far and the sender's plans; the requirements follow it (GB/T 9704: 缘由, 事项)
    opening = next((i for i, s in enumerate(sentences) if acts.opening.search(s.text)), -1)
    for sentence in sentences[opening + 1 :]:
        if _SECTION.match(sentence.text):
            in_requirements = bool(_REQUIREMENTS.match(sentence.text))
            if acts.heading.match(sentence.text):
                continue  # a bare heading ("一、主要任务。") names a section, not work
        if in_requirements:
            continue  # how the work is to be done
        if sentence.text.rstrip().endswith(("：", ":")):
            continue  # who is addressed ("各乡镇人民政府，县安委会各成员单位："), or what follows announced
        if not acts.is_directive(_MENTION.sub("", sentence.text)):
            continue  # (a chat message's "@各镇" addresses it; what it says may still ask nothing)
        if acts.boilerplate.search(sentence.text) or acts.recital.search(sentence.text):
            continue  # office formulas ("加强组织领导…确保落到实处") and recitals ask no work
        if _reports_back(sentence.text) or _CONSEQUENCE.search(sentence.text):
            continue
        if _FUNDING.search(sentence.text):
            continue  # who pays for what is demanded
        if inspecting and _for_inspection(sentence.text):
            continue  # readying for the inspection flagged
        if _DECIDED.search(sentence.text) and not _ASKED.search(sentence.text):
            continue  # the sender's own decision to launch the campaign
        codes = {
            f.code for f in core if f.field == "body" and sentence.start <= f.start < sentence.end
        }
        if codes:
            # only chat-group or app check-ins are core when "pure" (label rule 7): other work
            # asked in a clause of their sentence leaves a task to revise
            if codes <= _CLAUSE_SEPARABLE and _free_clause(sentence, flagged_starts, specs, acts):
                return False
            continue
        substance = [t for t in content_tokens(sentence.text) if t not in _PROCEDURAL]
        if len(substance) >= _MIN_SUBSTANCE:
            return False
    return True


def _work_goes_on(body: str, flagged: Sequence[tuple[int, int]], acts: ActAnalyzer) -> bool:
    """A clause free of core-flag evidence saying that work of substance goes on as before ("巡查
    本身按原来的班次走", "发现偷捕的照常报执法大队"): the sender itself sets the work apart from what it
    newly demands, so the task keeps that work once the formalism is cut (rule 6, not rule 7)."""
    for clause in split_clauses(body):
        m = acts.continued.search(clause.text)
        if m is None or any(clause.start <= s < clause.end for s, _ in flagged):
            continue
        rest = clause.text[: m.start()] + clause.text[m.end() :]
        if any(t not in _PROCEDURAL for t in content_tokens(rest)):
            return True
    return False


def _for_inspection(sentence: str) -> bool:
    """Every clause with substance readies for or attends the inspection (``_FOR_INSPECTION``)."""
    clauses = [c.text.strip() for c in split_clauses(sentence)]
    said = [c for c in clauses if [t for t in content_tokens(c) if t not in _PROCEDURAL]]
    return bool(said) and all(_FOR_INSPECTION.search(c) for c in said)


def _reports_back(sentence: str) -> bool:
    clauses = [c.text for c in split_clauses(sentence) if c.text.strip().rstrip("。，；,;")]
    return bool(clauses) and all(_reports_back_clause(c) for c in clauses)


def _reports_back_clause(clause: str) -> bool:
    """A clause that only sends something back (``_REPORT_BACK``), its closing mark aside."""
    return bool(_REPORT_BACK.search(clause.strip().rstrip("。，；,;")))


def _any_core_pattern(text: str, specs: dict[str, FlagSpec]) -> bool:
    """Whether any pattern of a core flag matches ``text``, its required context aside."""
    return any(p.regex.search(text) for spec in specs.values() if spec.core for p in spec.patterns)


def _meetings_only(task: Task, flags: Sequence[Flag], acts: ActAnalyzer) -> bool:
    """A notice that flags a meeting burden and says nothing but meetings: every clause of its
    body with substance convenes or attends a meeting or relays it in further meetings ("每周召开
    调度会，主要领导本人参加，会后再召开村级会议"). Its core is the meetings themselves (label
    rule 7), not work to revise; a clause asking anything else (the work, photos, a report)
    leaves a task to revise."""
    if not any(f.code == "meeting_burden" for f in flags):
        return False
    meetings = False
    for clause in split_clauses(task.body):
        if _MEETING.search(clause.text):
            meetings = True
            continue
        if _PURPOSE.match(clause.text) or _DECIDED.search(clause.text):
            continue  # what the meetings are for ("为加快加装电梯进度"), the campaign decided
        if _reports_back_clause(clause.text):
            continue  # the meetings' records sent up ("每月汇总报县安委办")
        if acts.boilerplate.search(clause.text):
            continue
        substance = [t for t in content_tokens(clause.text) if t not in _PROCEDURAL]
        if len(substance) >= _MIN_SUBSTANCE:
            return False  # something else is said: the first such clause settles it
    return meetings


def _free_clause(
    sentence: Span,
    flagged: Sequence[tuple[int, int]],
    specs: dict[str, FlagSpec],
    acts: ActAnalyzer,
) -> bool:
    """Whether a sentence carrying core-flag evidence also asks, in a clause of its own, for
    substantive work that no core-flag wording touches ("各村护林员每天巡山，巡山轨迹截图发群里"
    asks for the patrol besides the screenshots): a chat message often packs the work and the
    formalism into one sentence. Conservative: any core pattern in the clause, its context aside,
    makes it part of the formalism."""
    for clause in split_clauses(sentence.text):
        start, end = sentence.start + clause.start, sentence.start + clause.end
        if any(start <= s < end or s <= start < e for s, e in flagged):
            continue
        if not acts.is_directive(clause.text) or acts.boilerplate.search(clause.text):
            continue
        if _any_core_pattern(clause.text, specs):
            continue
        if _reports_back_clause(clause.text):
            continue  # the check-ins relayed upward ("乡镇每天9点前汇总报县里")
        if _EVIDENCE_DETAIL.match(clause.text):
            continue  # what the demanded video must show
        if clause.text.rstrip().endswith(("：", ":")):
            continue  # who is addressed ("@全体 各镇安办的同志请注意："), or what follows announced
        said = _ADDRESS.sub("", clause.text)
        substance = [t for t in content_tokens(said) if t not in _PROCEDURAL]
        if len(substance) >= _MIN_SUBSTANCE:
            return True
    return False


# Joins between the parts of a title that names two things ("X宣传和承诺书", "排查整治暨迎检",
# "大扫除安排+几点要求"); the frame words of a notice title are matching.TITLE_FRAME.
_TITLE_JOIN = re.compile(r"和|及|与|暨|并|[+＋、，,；;]")


def _title_joins_work(
    title: str, flagged: Sequence[tuple[int, int]], specs: dict[str, FlagSpec]
) -> bool:
    """Whether the title joins substantive work to its formalism part ("冬至治丧宣传和承诺书"):
    a part free of core-flag evidence (of any core pattern, not only the one flagged: "示范乡镇、示范村
    创建活动" is one creation named twice) with substance of its own. Such a title says the task has
    work besides the formalism, so the title alone does not make the task core formalism (the
    body then decides)."""
    start = 0
    for m in [*_TITLE_JOIN.finditer(title), None]:
        end = m.start() if m else len(title)
        part = title[start:end]
        if not any(
            start <= s < end or s <= start < e for s, e in flagged
        ) and not _any_core_pattern(part, specs):
            words = [t for t in content_tokens(TITLE_FRAME.sub("", part)) if t not in _PROCEDURAL]
            if len(words) >= _MIN_SUBSTANCE:
                return True
        if m:
            start = m.end()
    return False


def decide(
    task: Task,
    match: MatchOutcome,
    flags: list[Flag],
    escalation_reasons: list[str],
    *,
    specs: dict[str, FlagSpec],
    acts: ActAnalyzer,
    shifting_rule: str,
    shifting_label: str,
    none_threshold: float,
    pushed_jobs: PushedJobReader | None = None,
    core_reader: CoreReader | None = None,
) -> Verdict:
    reasons: list[str] = []
    item = match.item
    asked = [a for a in match.asked_acts if _DEPARTMENT_ONLY.match(a.kind)]
    short_handed: list[ActEvidence] = []
    if item is not None and item.category is Category.COOPERATING:
        # A title names the topic, and a 配合 item's name already names its lead's act
        # ("危化企业执法检查" for "配合开展…企业执法检查"): the title alone does not ask the
        # township to perform it; the body must.
        asked = [a for a in asked if not (a.field == "title" and a.evidence in item.name)]
        # the lead's own decisions as the item itself describes them ("县X局负责认定")
        asked += [
            a for a in acts.lead_decisions("title", task.title, item) if a.evidence not in item.name
        ]
        asked += acts.lead_decisions("body", task.body, item)
        # the lead's own work assigned to the township ("流调由各镇自己组织做")
        asked += acts.lead_work("body", task.body, item)
        # what its role says the township does not do ("不确定配租房源")
        asked += acts.refused_asks("body", task.body, item)
        # the lead's own job handed down for want of hands ("县所人手不够，请各镇…")
        short_handed = acts.short_handed_asks("body", task.body)
        asked += short_handed
    learned: tuple[ActEvidence, float] | None = None
    if (
        item is not None
        and item.category is Category.COOPERATING
        and not asked
        and pushed_jobs is not None
        and match.sender_plausible is not False
    ):
        # wording the lexicons do not know that still reads as the lead's own job ("把那几家的罚单
        # 开了"): the learned reader, only for a task that would otherwise be admitted or revised
        learned = pushed_jobs.find("body", task.body)
        if learned is not None and core_is_formalism(task, flags, specs, acts):
            learned = None  # rule 7 decides it: the core is the formalism itself
        if learned is not None:
            asked.append(learned[0])
    if item is not None and item.category is Category.RETURNED:
        # handling the returned power itself ("受理残疾人证申请") is evidence only for 收回 items
        asked += [a for a in match.asked_acts if a.kind == "power"]
    asked_text = "、".join(
        dict.fromkeys(f"“{_abridged(a.evidence)}”" for a in asked if a not in short_handed)
    )

    def shifting_flag() -> Flag:
        a = asked[0] if asked else None
        if a is not None:
            return Flag(
                "shifting_responsibility",
                shifting_label,
                shifting_rule,
                a.evidence,
                a.field,
                a.start,
                a.end,
            )
        return Flag(
            "shifting_responsibility",
            shifting_label,
            shifting_rule,
            task.title,
            "title",
            0,
            len(task.title),
        )

    # --- which item (rules 1–5) ---
    if item is None:
        closest = match.candidates[0][0] if match.candidates else None
        # below the general threshold, or kept off the list by a note that says why
        below = f"，低于阈值 {none_threshold:.2f}" if match.score < none_threshold else ""
        near = (
            f"（最接近的是 {_item_phrase(closest)}，清单覆盖度 {match.score:.2f}{below}）"
            if closest
            else ""
        )
        reasons.append(f"未在履职事项清单中找到对应事项{near}。")
        reasons.extend(match.notes)
        # Label rule 5: flags stay empty unless formalism is present. The task is unlisted work
        # that needs the county's 准入 approval whatever it asks; law enforcement asked of the
        # township is named for that review (a department's power whatever the list says:
        # 《行政处罚法》第十八、二十四条), not flagged as shifting, which rules 3 and 4 read
        # against a listed item.
        out_flags = list(flags)
        enforcing = [a for a in asked if a.kind == "enforcement"]
        if enforcing:
            asked[:] = enforcing
            enforcing_text = "、".join(dict.fromkeys(f"“{a.evidence}”" for a in enforcing))
            reasons.append(
                f"注意：通知还要求乡镇实施{enforcing_text}等应由部门履行的执法职责，"
                "执法权不随清单外事项下放，准入审批时不得批准这一部分。"
            )
        elif asked:
            reasons.append(
                f"注意：通知还要求乡镇实施{asked_text}等通常由部门履行的工作，准入审批时应一并审查。"
            )
        out_flags = _dedupe(out_flags)
        for f in out_flags:
            if f.code != "shifting_responsibility":
                reasons.append(_flag_reason(f, task))
        reasons.extend(escalation_reasons)
        reasons.append("结论：退回（规则5）。清单外事项须经县级职责准入审批后方可交办乡镇。")
        return Verdict(Decision.REJECT, None, "none", out_flags, reasons)

    terms = "、".join(match.shared_terms)
    reasons.append(
        f"匹配履职事项 {_item_phrase(item)}，清单覆盖度 {match.score:.2f}"
        + (f"，共同要点：{terms}。" if terms else "。")
    )
    reasons.extend(match.notes)
    category = item.category.value

    if item.category is Category.RETURNED:
        reasons.append(
            f"该事项已由{item.lead_department or '上级部门'}收回，不得再交由乡镇承担"
            + (f"；通知要求乡镇{asked_text}。" if asked else "。")
        )
        out = _dedupe([shifting_flag(), *flags])
        reasons.extend(_flag_reason(f, task) for f in out if f.code != "shifting_responsibility")
        reasons.extend(escalation_reasons)
        reasons.append("结论：退回（规则4）。收回事项由部门自行履行，下派乡镇属于属地管理推责。")
        return Verdict(Decision.REJECT, item.id, category, out, reasons)

    if item.category is Category.COOPERATING:
        if asked:
            demanded = [f"通知却要求乡镇{asked_text}"] if asked_text else []
            demanded += [f"通知以“{a.evidence}”为由要求乡镇承担" for a in short_handed]
            reasons.append(
                f"该事项由{item.lead_department}牵头，乡镇职责仅为：{_sentence(item.township_role)}"
                f"{'；'.join(demanded)}，属于牵头部门自身的执法或专业职责。"
            )
            if learned is not None and pushed_jobs is not None:
                evidence, p = learned
                terms = "、".join(f"“{t}”" for t in pushed_jobs.model.strongest(evidence.evidence))
                reasons.append(
                    f"这一判断来自学习所得的措辞模型：该句与已审核的部门职责下派任务措辞相近"
                    f"（概率 {p:.2f}，阈值 {pushed_jobs.threshold:.2f}；权重最大的字串：{terms}），"
                    "执法、检测和支付词表中没有对应用语，复核时请确认。"
                )
            out = _dedupe([shifting_flag(), *flags])
            reasons.extend(
                _flag_reason(f, task) for f in out if f.code != "shifting_responsibility"
            )
            reasons.extend(escalation_reasons)
            reasons.append(
                "结论：退回（规则3）。乡镇只承担配合职责，执法、检测、处罚等由牵头部门履行。"
            )
            return Verdict(Decision.REJECT, item.id, category, out, reasons)
        if match.sender_plausible is False:
            reasons.append(
                f"发文单位“{task.from_department}”不是该配合事项的牵头部门（{item.lead_department}）"
                "及其所属单位或议事协调机构办公室。"
            )
            reasons.extend(_flag_reason(f, task) for f in flags)
            reasons.extend(escalation_reasons)
            reasons.append(
                "结论：退回（规则2）。配合事项应由牵头部门交办，其他部门交办须经准入审批。"
            )
            return Verdict(Decision.REJECT, item.id, category, _dedupe(flags), reasons)
        sender = (
            f"发文单位“{task.from_department}”可视为牵头部门（{item.lead_department}）"
            if match.sender_plausible
            else f"发文单位“{task.from_department}”与牵头部门（{item.lead_department}）的关系"
            "无法从名称确认，按牵头部门交办审查"
        )
        reasons.append(f"{sender}，通知要求在乡镇配合职责范围内：{_sentence(item.township_role)}")
    else:
        reasons.append("该事项是乡镇的基本履职事项。")
        if asked:
            reasons.append(f"注意：通知要求乡镇{asked_text}，请复核乡镇是否依法具有该项职权。")

    # --- formalism (rules 6–8) ---
    flags = _dedupe(flags)
    if not flags:
        reasons.append(
            "未发现形式主义要素（合理的现场照片、法定签字、一次性必要会议或数据报送不计入）。"
        )
        rule = "规则1" if item.category is Category.BASIC else "规则2"
        reasons.append(f"结论：准入（{rule}）。")
        return Verdict(Decision.ADMIT, item.id, category, [], reasons)
    reasons.extend(_flag_reason(f, task) for f in flags)
    reasons.extend(escalation_reasons)
    core = core_formalism(task, flags, specs, acts) or _meetings_only(task, flags, acts)
    if not core and core_reader is not None and any(specs[f.code].core for f in flags):
        # the learned second opinion, only where core-flag evidence could make rule 7
        reading = core_reader.read(task)
        if reading is not None:
            reasons.append(core_reader.reason(reading))
            core = True
    if core:
        reasons.append("结论：退回（规则7）。任务的核心要求本身就是形式主义，删去后没有实质工作。")
        return Verdict(Decision.REJECT, item.id, category, flags, reasons)
    codes = "、".join(dict.fromkeys(f.label_zh for f in flags))
    reasons.append(
        f"结论：修改后准入（规则6）。任务本身属于清单内事项，应删去{codes}相关要求后再交办。"
    )
    return Verdict(Decision.REVISE, item.id, category, flags, reasons)


def core_is_formalism(
    task: Task, flags: Sequence[Flag], specs: dict[str, FlagSpec], acts: ActAnalyzer
) -> bool:
    """Whether the task's core is itself formalism (label rule 7), read as ``decide`` does."""
    if not flags:
        return False
    kept = _dedupe(flags)
    return core_formalism(task, kept, specs, acts) or _meetings_only(task, kept, acts)


def _dedupe(flags: Sequence[Flag]) -> list[Flag]:
    """Keep every distinct evidence span, drop exact repeats."""
    seen: set[tuple[str, str, int]] = set()
    out = []
    for f in flags:
        key = (f.code, f.field, f.start)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out
