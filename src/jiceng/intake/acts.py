"""What a notice asks the township itself to do, told apart from what it says others will do.

Near-neighbour items on one topic differ by the act: enforcement, professional testing or paying
on the department's behalf are the department's (label rules 3 and 4); assisting, reporting
clues and notifying are the cooperating role; organising its own work is the basic item.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from jiceng.duties.items import Category, DutyItem
from jiceng.intake.policy import load_data
from jiceng.text.regexguard import dispatched
from jiceng.text.sentences import Span, split_clauses, split_sentences
from jiceng.text.tokenize import tokenize

ACT_KINDS = ("enforcement", "professional", "payment")


# A doer phrase that names the township ("由各镇", "以街道名义"), not only an adverb ("直接", "自行").
_TOWNSHIP = re.compile(r"乡|镇|街道|苏木")


@dataclass(frozen=True, slots=True)
class ActEvidence:
    kind: str  # one of ACT_KINDS
    label: str  # Chinese name of the kind
    evidence: str
    field: str  # "title" | "body"
    start: int
    end: int


class ActAnalyzer:
    def __init__(self) -> None:
        data = load_data("acts")
        self.ask = dispatched(data["ask"]["cues"])
        self.background = dispatched(data["ask"]["background"])
        self.directive = dispatched(data["ask"]["directive"])
        self.boilerplate = dispatched(data["ask"]["boilerplate"])
        self.continued = dispatched(data["ask"]["continued"])
        # (read for whole matches only: dispatched on first characters, see jiceng.text.regexguard)
        self.kinds = {k: dispatched(data[k]["re"]) for k in ACT_KINDS}
        self.professional_noun = dispatched(data["professional"]["item_noun"])
        self.penalty_word = dispatched(data["enforcement"]["penalty_word"])
        self.penalty_general = dispatched(data["enforcement"]["penalty_general"])
        self.frame_word = dispatched(data["enforcement"]["frame_word"])
        # most notices name no department-only act: one search skips the clause analysis
        self._any_kind = dispatched("|".join(f"(?:{data[k]['re']})" for k in ACT_KINDS))
        self.labels = {k: data[k]["label"] for k in ACT_KINDS}
        self.other_agent = dispatched(data["other_agent"]["re"])
        self.done = dispatched(data["other_agent"]["done"])
        self.condition = dispatched(data["other_agent"]["condition"])
        self.subject = dispatched(data["other_agent"]["subject"])
        self.township = dispatched(data["other_agent"]["township"])
        self.township_subject = dispatched(data["other_agent"]["township_subject"])
        self.not_after = dispatched(data["other_agent"]["not_after"])
        self.passive = re.compile(data["other_agent"]["passive"])
        self.visitor = re.compile(data["other_agent"]["visitor"])
        self.needed = dispatched(data["other_agent"]["needed"])
        self.kept = dispatched(data["other_agent"]["kept"])
        self.relayed = dispatched(data["other_agent"]["relayed"])
        self.not_after_power = dispatched(data["other_agent"]["not_after_power"])
        self.applicant_before = dispatched(data["other_agent"]["applicant_before"])
        declared = dict(data["declared"])
        self.attribution = re.compile(declared.pop("attribution"))
        self.not_acts = re.compile(declared.pop("not_acts"))
        self.declared = {k: re.compile(v) for k, v in declared.items()}
        self.assist = dispatched(data["assist"]["re"])
        self.forbidden = dispatched(data["assist"]["forbidden"])
        self.forbidden_after = re.compile(data["assist"]["forbidden_after"])
        self.law_recital = re.compile(data["assist"]["law_recital"])
        self.disclaimed = re.compile(data["assist"]["disclaimed"])
        self.power = dispatched(data["power"]["re"])
        self.power_label: str = data["power"]["label"]
        self.not_object = dispatched(data["power"]["not_object"])
        self.offender = dispatched(data["power"]["offender"])
        self.organisation = dispatched(data["organisation"]["re"])
        self.organisation_word = dispatched(data["organisation"]["contains"])
        self.lead_decision = dispatched(data["lead_decision"]["re"])
        self.lead_pays = re.compile(data["payment"]["lead_pays"])
        self.role_takes_part = dispatched(data["lead_decision"]["role_takes_part"])
        self.sent_for = dispatched(data["lead_decision"]["sent_for"])
        self.role_denies = dispatched(data["lead_decision"]["role_denies"])
        self.role_refuses = re.compile(data["lead_decision"]["role_refuses"])
        self.refused_generic = re.compile(data["lead_decision"]["refused_generic"])
        self.refused_act_word = re.compile(data["lead_decision"]["refused_act_word"])
        self.refused_word_as_noun = re.compile(data["lead_decision"]["refused_word_as_noun"])
        self.refused_alias = {w: re.compile(rx) for w, rx in data["refused_alias"].items()}
        self.sender_takes = re.compile(data["lead_decision"]["sender_takes"])
        self.returned_act_word = re.compile(data["lead_decision"]["returned_act_word"])
        self.doer = dispatched(data["other_agent"]["doer"])
        self.agent_noun = dispatched(data["other_agent"]["agent_noun"])
        self.topic_noun = dispatched(data["other_agent"]["topic_noun"])
        self.opening = dispatched(data["other_agent"]["opening"])
        self.recital = dispatched(data["other_agent"]["recital"])
        self.heading = dispatched(data["other_agent"]["heading"])
        self.lead_generic = dispatched(data["other_agent"]["lead_generic"])
        self.lead_goes_on = dispatched(data["other_agent"]["lead_goes_on"])
        self.condition_after = dispatched(data["other_agent"]["condition_after"])
        self.lead_decision_label: str = data["lead_decision"]["label"]
        self.short_handed = dispatched(data["short_handed"]["re"])
        self.short_handed_label: str = data["short_handed"]["label"]
        self.township_side = dispatched(data["short_handed"]["township_side"])
        self.shortage_recited = dispatched(data["short_handed"]["recited"])
        self.delivery_verb: str = data["delivery"]["verb"]
        self._recipient = re.compile(
            f"(?:{self.delivery_verb})(?P<body>{data['delivery']['body']})"
        )
        self.self_name: str = data["delivery"]["self_name"]
        self._own_asks_last: tuple[str, tuple[Span, ...]] | None = None
        self._refused: dict[DutyItem, tuple[tuple[str, ...], ...]] = {}

    def short_handed_asks(self, field: str, text: str) -> list[ActEvidence]:
        """A county body's staff shortage pleaded before an ask of the township ("县所人手不够，
        请各镇…"): the work asked after it is the body's own (acts.toml [short_handed])."""
        for m in self.short_handed.finditer(text):
            clause = _CLAUSE_START.split(text[: m.start()])[-1]
            if self.township_side.search(clause) or self.shortage_recited.search(clause):
                continue  # the township's own hands, or a problem found ("暴露出…力量不足")
            if not self.township.search(text, m.end()):
                continue  # nothing asked of the township after it
            s = m.start() - len(clause)
            return [
                ActEvidence("lead", self.short_handed_label, text[s : m.end()], field, s, m.end())
            ]
        return []

    def delivered_to(self, text: str, names: Sequence[str]) -> str | None:
        """Evidence that ``text`` asks for something to be handed to the body called by one of
        ``names`` (or by "我局", "本办"…): "…照片送县档案馆", "报我办"."""
        called = "|".join([self.self_name, *(re.escape(n) for n in names if n)])
        m = re.search(f"(?:{self.delivery_verb})(?:{called})", text)
        return m.group() if m else None

    def recipients(self, text: str) -> list[tuple[str, str]]:
        """(evidence, body) for each county body ``text`` hands something to ("报告县委网信办",
        "报县自然资源局"): the body as named, maybe by its short form."""
        return [(m.group(), m.group("body")) for m in self._recipient.finditer(text)]

    def _mask(self, text: str) -> str:
        """Blank out organisation names ("综合行政执法局") so they do not read as acts."""
        if not self.organisation_word.search(text):
            return text
        return self.organisation.sub(lambda m: "＿" * len(m.group()), text)

    def is_ask(self, sentence: str) -> bool:
        return bool(self.ask.search(sentence))

    def is_directive(self, sentence: str) -> bool:
        """An ask, or a sentence in directive mood without an ask word (a numbered task, the
        township addressed, a time demand): used where missing an ask would wrongly leave a
        task with no work (label rule 7)."""
        return self.is_ask(sentence) or bool(self.directive.search(sentence))

    def is_background(self, sentence: str) -> bool:
        return bool(self.background.search(sentence)) and not self.is_ask(sentence)

    def sentence_role(self, sentence: str) -> str:
        """What a body sentence is: ``boilerplate`` (office formulas), ``agent`` (what a county
        body will do), ``background`` (reasons, events), ``ask`` (addressed to the township or
        carrying an ask cue) or ``neutral``."""
        if self.boilerplate.search(sentence):
            return "boilerplate"
        if self.subject.search(sentence) and not self.township.search(sentence):
            return "agent"
        if self.township.search(sentence) and self.is_ask(sentence):
            return "ask"
        if self.background.search(sentence):
            return "background"
        return "ask" if self.is_ask(sentence) else "neutral"

    def asked_acts(self, field: str, text: str) -> list[ActEvidence]:
        """Department-only acts the text asks the township to perform itself.

        The agent of a clause is the county body named as its subject, carried over the
        following clauses of the sentence until the township is addressed again.
        """
        masked = self._mask(text)
        out: list[ActEvidence] = []
        # where any act wording starts: one pass over the text per kind instead of one per clause
        # (each kind's own first characters are fewer than those of all three together, so the
        # three passes try fewer positions than one pass of the joined pattern)
        found = [(m.start(), m.end()) for rx in self.kinds.values() for m in rx.finditer(masked)]
        if not found:
            return out
        framing: list[tuple[int, int]] | None = None  # read when a clause names an act
        agents = list(self.clause_agents(text))
        declared = self._declared_kinds(agents)
        for clause, other in agents:
            if other or self.heading.match(clause.text):
                continue  # "由执法大队依法查处": someone else does it; "五、审核拨付。": a heading
            clause_masked = masked[clause.start : clause.end]
            if not any(clause.start <= a < clause.end for a, _ in found) and not (
                # a match running on from an earlier clause may hide one starting in this one
                any(a < clause.start < b for a, b in found) and self._any_kind.search(clause_masked)
            ):
                continue
            if framing is None:
                framing = self._framing_sentences(text)
            if any(a <= clause.start < b for a, b in framing):
                continue
            for kind, rx in self.kinds.items():
                if kind in declared and not self.doer.search(clause.text):
                    continue  # the notice says a county body does this kind of act
                for m in rx.finditer(clause_masked):
                    if self.topic_noun.match(clause_masked, m.end()):
                        continue  # "执法检查工作对接会": the subject of a meeting
                    if self.assist.search(clause_masked[: m.start()]):
                        continue  # "协助执法人员抽样": the cooperating role
                    if self.forbidden.search(clause_masked[: m.start()]):
                        continue  # "严禁由干部代缴保费": the sender forbids it
                    if self.forbidden_after.match(clause_masked, m.end()):
                        continue  # "起火原因不要自己去问了": forbidden, said topic first
                    if self.law_recital.search(clause_masked[: m.start()]):
                        continue  # "《安全生产法》明确乡镇…监督检查": what the law says
                    if self.not_after.search(clause_masked[m.end() :]):
                        continue  # "查处时请乡镇派人": when the department acts
                    if self.passive.search(clause_masked[: m.start()]):
                        continue  # "被责令停产的砖厂": done to someone already
                    if self.visitor.search(clause_masked[: m.start()]):
                        continue  # "下周二来采样": the sender's staff come and do it
                    if self.needed.search(clause_masked[: m.start()]) and clause_masked.startswith(
                        "的", m.end()
                    ):
                        continue  # "发现需依法查处的违法行为": what is found, not an act asked
                    s, e = clause.start + m.start(), clause.start + m.end()
                    out.append(ActEvidence(kind, self.labels[kind], text[s:e], field, s, e))
        return out

    def _declared_kinds(self, agents: Sequence[tuple[Span, bool]]) -> set[str]:
        """Act kinds a clause attributes to a county body ("检测均由我中心完成"): see acts.toml
        [declared]."""
        named = [
            m.group("acts")
            for c, _ in agents
            if (m := self.attribution.search(c.text)) and not self.not_acts.search(m.group("acts"))
        ]
        return {kind for kind, rx in self.declared.items() if any(rx.search(t) for t in named)}

    def _framing_sentences(self, text: str) -> list[tuple[int, int]]:
        """Sentences that frame the notice and ask nothing: the one closed by the opening
        formula ("…下半年将对企业开展执法检查，现将有关事项通知如下": the sender's plan) and
        results so far ("今年以来，我县共查处案件17起")."""
        return [
            (s.start, s.end)
            for s in split_sentences(text)
            if self.opening.search(s.text) or self.recital.search(s.text)
        ]

    def power_asks(self, field: str, text: str) -> list[tuple[ActEvidence, Span]]:
        """Handling verbs (受理、办理、核发…) the township is asked to perform itself, each with its
        clause: whether the thing handled is a returned power is up to the duty list."""
        out: list[tuple[ActEvidence, Span]] = []
        for clause, other in self.clause_agents(text):
            if other or self.heading.match(clause.text):
                continue
            m = next(
                (
                    m
                    for m in self.power.finditer(clause.text)
                    if not self.not_after_power.search(clause.text[m.end() :])
                ),
                None,
            )  # "认定后由各乡通知": a time phrase, the lead decides first
            if m is None or self.assist.search(clause.text[: m.start()]):
                continue  # "协助群众办理": the township helps, the department decides
            s, e = clause.start + m.start(), clause.start + m.end()
            evidence = ActEvidence("power", self.power_label, text[s:e], field, s, e)
            out.append((evidence, clause))
        return out

    def power_evidence(self, verb: ActEvidence, clause: Span, obj: str, text: str) -> ActEvidence:
        """The verb's evidence widened to the object it handles ("代办残疾人证")."""
        at = clause.text.find(obj)
        if at < 0:
            return verb
        s = min(verb.start, clause.start + at)
        e = max(verb.end, clause.start + at + len(obj))
        return ActEvidence(verb.kind, verb.label, text[s:e], verb.field, s, e)

    def lead_decisions(self, field: str, text: str, item: DutyItem) -> list[ActEvidence]:
        """Decisions (认定、审批、采购…) the text asks the township to take itself that the 配合
        ``item``'s content gives to its lead department and its ``township_role`` does not."""
        if item.category is not Category.COOPERATING:
            return []
        lead_part = self._mask(item.content)
        role = item.township_role
        own = {m.group() for m in self.lead_decision.finditer(lead_part)}
        own -= {verb for verb in own if self.role_performs(verb, role)}
        if not own:
            return []
        masked = self._mask(text)
        out: list[ActEvidence] = []
        for clause, other in self.clause_agents(text):
            if other:
                continue
            clause_masked = masked[clause.start : clause.end]
            # The item's own name naming the decision ("配合开展山塘安全鉴定") makes it the
            # topic: a clause that neither addresses the township nor makes it the doer
            # ("今年要对全县山塘做安全鉴定") says the work is due, not who does it.
            addressed = bool(self.township.search(clause.text) or self.doer.search(clause.text))
            for m in self.lead_decision.finditer(clause_masked):
                if m.group() not in own or self.assist.search(clause_masked[: m.start()]):
                    continue
                if self.forbidden.search(clause_masked[: m.start()]):
                    continue  # "不得自行认定": the sender forbids it
                if self.sent_for.search(clause_masked[: m.start()]):
                    continue  # "…报县民政局审批": the county body decides
                if self.agent_noun.match(clause_masked, m.end()):
                    continue  # "鉴定单位进场时": who decides, not an act asked
                if self.not_after_power.search(clause_masked[m.end() :]):
                    continue  # "鉴定前督促房主…": when the lead decides, not what is asked
                if m.group() in item.name and not addressed:
                    continue
                s, e = clause.start + m.start(), clause.start + m.end()
                out.append(ActEvidence("lead", self.lead_decision_label, text[s:e], field, s, e))
        return out

    def role_performs(self, verb: str, role: str) -> bool:
        """Whether the township_role gives the township ``verb`` itself, not only a part in
        others' doing it ("通知申请人按时参加评定", "配合县生态环境局开展验收") or a time set by
        the lead's doing it ("实割实测时派员带路")."""
        at = role.find(verb)
        while at >= 0:
            after = role[at + len(verb) :]
            if not self.role_takes_part.search(role[:at]) and not self.not_after_power.search(
                after
            ):
                return True
            at = role.find(verb, at + 1)
        return False

    def township_doer_clauses(self, text: str) -> list[Span]:
        """Clauses that make the township itself the doer of their work ("复核由所在镇组织",
        "请各镇自行采样后检测", "请司法所直接给予警告"), not merely address it."""
        if not self.doer.search(text):
            return []
        out: list[Span] = []
        carried = False
        township_subject = False  # the township addressed or the subject in this sentence so far
        for c, other, new_sentence in self._agents(text):
            if new_sentence:
                carried = township_subject = False
            # (addressed in the sentence's own words, not only in the notice's salutation "各乡：")
            township_subject = township_subject or bool(
                self.township_subject.search(c.text)
                or (self.township.search(c.text) and not self._salutation(c.text))
            )
            if other:
                carried = False
                continue
            doer = self.doer.search(c.text)
            if doer and self.forbidden.search(c.text[: doer.start()]):
                carried = False  # "请勿以街道名义作出承诺": the sender forbids it
                continue
            if doer:
                # the doer goes on only when the township itself is named as it ("请各镇自己
                # 组织人", "乡镇在入户调查后，直接作出…"), not a farm or firm doing its own part
                # ("规模场自行免疫")
                carried = township_subject
                out.append(c)
            elif carried:
                out.append(c)  # "请各镇自己组织人，按规范逐块量面积…": the same doer goes on
        return out

    def _salutation(self, clause: str) -> bool:
        """A clause closed by a colon naming who the notice is addressed to ("各乡：", "各镇人民
        政府："), not the township made the doer of what the colon announces ("你们镇自己组织人
        测一下：")."""
        return clause.rstrip().endswith(("：", ":")) and not self.doer.search(clause)

    @staticmethod
    def doer_part(clause: str) -> str:
        """A doer clause without a time clause before the township is named ("年检结论认定后由
        各乡通知…"): the work done first is someone else's."""
        return _BEFORE_DOER.sub("", clause)

    def lead_work_words(self, item: DutyItem) -> list[str]:
        """What a 配合 item's content says its lead department does ("县卫生健康局负责流调" ->
        "流调"): words of the content's clauses before the township's part — a clause naming
        the lead (or the tail of its name, "调查队") and the clauses going on from it in the
        same sentence ("…，组织治理设施验收") — less the lead's name, generic verbs and what the
        township_role gives the township to do itself."""
        if item.category is not Category.COOPERATING:
            return []
        words: list[str] = []
        lead = item.lead_department
        carried = False
        for clause, new_sentence in _by_sentence(item.content):
            if self.township.search(clause.text) or clause.text.startswith(("乡镇", "镇", "乡")):
                break
            if new_sentence:
                carried = False
            named = bool(
                self.subject.search(clause.text)
                or lead in clause.text
                # the lead by the tail of its name ("调查队" of "国家统计局X县调查队")
                or any(clause.text.lstrip().startswith(lead[k:]) for k in range(len(lead) - 2))
            )
            if not (named or (carried and self.lead_goes_on.match(clause.text))):
                carried = False
                continue  # only what the content says the lead itself does
            carried = True
            work = self.subject.sub("", clause.text).replace(lead, "")
            for w in tokenize(work):
                if (
                    len(w) >= 2
                    and not self.lead_generic.search(w)
                    and not self.role_performs(w, item.township_role)
                    and w not in words
                ):
                    words.append(w)
        return words

    def lead_work(self, field: str, text: str, item: DutyItem) -> list[ActEvidence]:
        """The lead's own work of the 配合 ``item`` (``lead_work_words``) in a clause that makes
        the township its doer ("流调由各镇自己组织做"): label rule 3."""
        out: list[ActEvidence] = []
        clauses = self.township_doer_clauses(text)  # a regex search; most notices have none
        words = self.lead_work_words(item) if clauses else []  # tokenises the item's content
        for clause in clauses:
            if self.kept.search(clause.text):
                continue  # "旧址日常看护仍由你乡落实": what the township already does stays with it
            doer = self.doer_part(clause.text)
            for w in words:
                at = doer.find(w)
                if at < 0 or self.condition_after.match(doer, at + len(w)):
                    continue
                if self.agent_noun.match(doer, at + len(w)) or self.assist.search(doer[:at]):
                    continue  # "协助政考人员走访": who does the lead's work, helped by the township
                s, e = clause.start, clause.end
                out.append(ActEvidence("lead", self.lead_decision_label, text[s:e], field, s, e))
                break
        return out

    def clause_agents(self, text: str) -> Iterator[tuple[Span, bool]]:
        """Each clause of ``text`` with whether someone other than the township performs it: a
        county body named as the subject (carried over the following clauses of the sentence
        until the township is addressed again) or an agent attributed in the clause ("由……负责")."""
        for clause, other, _ in self._agents(text):
            yield clause, other

    def _agents(self, text: str) -> Iterator[tuple[Span, bool, bool]]:
        """``clause_agents`` with whether each clause opens a new sentence. A condition clause
        ("如果需要检测或者立案，") whose next clause in the sentence is someone else's ("我们再派执法
        人员过去") is theirs too: the act named in the condition is what they then do."""
        clauses = list(self._agents_in_order(text))
        for k, (clause, other, new_sentence) in enumerate(clauses):
            if not other and self.condition.search(clause.text) and k + 1 < len(clauses):
                following, following_other, following_new = clauses[k + 1]
                other = following_other and not following_new
            yield clause, other, new_sentence

    def _agents_in_order(self, text: str) -> Iterator[tuple[Span, bool, bool]]:
        carried_other = False
        for clause, new_sentence in _by_sentence(text):
            if new_sentence:  # nothing carried over
                carried_other = False
            # (a county body deciding that the township does it, "县局决定由各镇…", makes the
            # township the doer; an adverb alone, "省林业局将直接认定", leaves the subject doing it)
            if self.subject.search(clause.text) and not self._township_doer(clause.text):
                carried_other = True
            elif self.township.search(clause.text):
                carried_other = False
            yield clause, carried_other or self._other_in_clause(clause.text), new_sentence

    def _other_in_clause(self, clause: str) -> bool:
        """Someone other than the township performs the clause's work ("由执法大队依法查处"), or
        it is done already — unless the township, named as the doer first, engages that other
        ("请各镇自行委托有资质的鉴定机构…": commissioning the work is doing it)."""
        if self.done.search(clause):
            return True
        other = self.other_agent.search(clause)
        if other is None:
            return False
        doer = self._township_doer(clause)
        return not (doer and doer.end() <= other.start())

    def _township_doer(self, clause: str) -> re.Match[str] | None:
        """The doer phrase of ``clause`` when it names the township ("由各镇", "镇里自行"), not only
        an adverb ("直接", "自行")."""
        doer = self.doer.search(clause)
        return doer if doer and _TOWNSHIP.search(doer.group()) else None

    def others_work(self, text: str) -> str:
        """The clauses of ``text`` whose work someone other than the township performs."""
        return "，".join(clause.text for clause, other in self.clause_agents(text) if other)

    def others_work_only(self, text: str) -> str:
        """``others_work`` without the agents' own names ("县河长办每周排名" -> "每周排名"): a
        body named after the topic ("河长办", "禁毒办") says who acts, not what work it does."""
        out = []
        relaying = False  # a higher level's requirement relayed ("市局要求各县30日内完成秋防")
        for clause, other, new_sentence in self._agents(text):
            if new_sentence or not other:
                relaying = False
            if not other:
                continue
            subject = self.subject.search(clause.text)
            if subject and self.relayed.match(clause.text, subject.end()):
                relaying = True
            if relaying:
                continue  # what the township is to do, said by the level above, not its work
            work = self.subject.sub("", clause.text)
            out.append(self.other_agent.sub("", work))
        return "，".join(out)

    def licensed_kinds(self, item: DutyItem) -> set[str]:
        """Act kinds the item itself gives the township (a 配合 item only through its role)."""
        if item.category is Category.RETURNED:
            return set()
        text = (
            item.township_role
            if item.category is Category.COOPERATING
            else item.content + item.township_role
        )
        masked = self._mask(text)
        return {k for k, rx in self.kinds.items() if rx.search(masked)}

    def denied_by_role(self, item: DutyItem) -> tuple[str, ...]:
        """What a 配合 item's township_role says the township does not do ("不承担设备采购和运维
        费用" → "设备采购和运维费用"; acts.toml ``role_denies``)."""
        if item.category is not Category.COOPERATING:
            return ()
        return tuple(m.group("denied") for m in self.role_denies.finditer(item.township_role))

    def role_refused(self, item: DutyItem) -> list[tuple[str, ...]]:
        """The acts a 配合 item's township_role keeps from the township, each as its words ("不承担
        电梯检验检测和安全监察" -> ("电梯", "检验", "检测"), ("安全", "监察")); a lone word only
        when it names the act itself (acts.toml ``refused_act_word``). Worked out once per item:
        every screening against a 配合 winner reads it."""
        refused = self._refused.get(item)
        if refused is None:
            refused = self._role_refused(item)
            self._refused[item] = refused  # one assignment: safe to share between threads
        return list(refused)

    def _role_refused(self, item: DutyItem) -> tuple[tuple[str, ...], ...]:
        if item.category is not Category.COOPERATING:
            return ()
        out: list[tuple[str, ...]] = []
        for m in self.role_refuses.finditer(item.township_role):
            for part in re.split(r"[和及与、或]", m.group("denied")):
                words = tuple(
                    w for w in tokenize(part) if len(w) >= 2 and not self.refused_generic.search(w)
                )
                if len(words) >= 2 or (words and self.refused_act_word.search(words[0])):
                    out.append(words)
        return tuple(out)

    def _names_act(self, word: str, clause: str) -> bool:
        """``word`` of a refused act, or its everyday form (acts.toml ``refused_alias``: "代办" for
        "办理"), stands in ``clause`` for the act, not for a roll or notice of it ("核对发放清册"
        names no paying)."""
        at = clause.find(word)
        while at >= 0:
            if not self.refused_word_as_noun.match(clause, at + len(word)):
                return True
            at = clause.find(word, at + 1)
        alias = self.refused_alias.get(word)
        if alias is not None:
            for m in alias.finditer(clause):
                if not self.refused_word_as_noun.match(clause, m.end()):
                    return True
        return False

    def own_asks(self, text: str) -> tuple[Span, ...]:
        """The clauses of ``text``'s directive sentences that ask the township itself: none that
        another body performs, that only assist or forbid, or where the sender takes the part on
        itself ("化验的钱我们出"). Kept for the last body read: matching and the decision read
        the same notice's asks up to three times."""
        last = self._own_asks_last
        if last is not None and last[0] == text:
            return last[1]
        spans = self._own_asks(text)
        self._own_asks_last = (text, spans)  # one assignment: safe to share between threads
        return spans

    def _own_asks(self, text: str) -> tuple[Span, ...]:
        own = [
            c
            for c, other in self.clause_agents(text)
            if not other
            and not self.other_agent.search(c.text)
            and not self.sender_takes.search(c.text)
            and not self.assist.search(c.text)
            and not self.forbidden.search(c.text)
        ]
        out: list[Span] = []
        for sentence in split_sentences(text):
            part = [c for c in own if sentence.start <= c.start < sentence.end]
            joined = "".join(c.text for c in part)
            if joined and (self.is_directive(joined) or self.doer.search(joined)):
                out.extend(part)
        return tuple(out)

    def refused_asks(self, field: str, text: str, item: DutyItem) -> list[ActEvidence]:
        """A sentence asking the township itself to do what the 配合 ``item``'s role says it does
        not do ("不确定配租房源" and "由各乡…直接确定每户配租的房源"): every word of the refused
        act in the sentence's own asks (``own_asks``; label rule 3: the lead's core job pushed
        down)."""
        refused = self.role_refused(item)
        if not refused:
            return []
        own = self.own_asks(text)
        # an act the sender says it does itself ("采血、送检我们自己来") is not asked of the township,
        # whatever another sentence says of the same visit ("中心监测组到你镇采血")
        taken = [c.text for c in split_clauses(text) if self.sender_takes.search(c.text)]
        refused = [
            w for w in refused if not any(all(self._names_act(x, t) for x in w) for t in taken)
        ]
        out: list[ActEvidence] = []
        for sentence in split_sentences(text):
            part = [c for c in own if sentence.start <= c.start < sentence.end]
            for words in refused:
                # each word inside one clause (a word cannot run across a clause break)
                if part and all(any(self._names_act(w, c.text) for c in part) for w in words):
                    clause = next(c for c in part if self._names_act(words[-1], c.text))
                    evidence = ActEvidence(
                        "lead",
                        self.lead_decision_label,
                        clause.text,
                        field,
                        clause.start,
                        clause.end,
                    )
                    out.append(evidence)
                    break
        return out

    def item_kinds(self, item: DutyItem) -> set[str]:
        """Act kinds named anywhere in the item (what the topic's lead department does)."""
        masked = self._mask(item.name + "。" + item.content)
        kinds = {k for k, rx in self.kinds.items() if rx.search(masked)}
        if self.professional_noun.search(masked):
            kinds.add("professional")  # "水质检测": the item names the act as a noun
        if self.penalty_word.search(masked):
            kinds.add("enforcement")  # "违法处罚": any penalty word names the penalty power
        return kinds


# A time clause before the township is made the doer ("认定后由各乡通知…"): its work is done first,
# by someone else.
_BEFORE_DOER = re.compile(r"^.*?(以后|之后|后|时)(?=由|请|各)")
_SENTENCE_END = re.compile(r"[。！？!?；;\n]")


# where the clause pleading a shortage starts ("勐岱镇人民政府：因我队人员紧张")
_CLAUSE_START = re.compile(r"[，。；：:,;！？\n]")


def _by_sentence(text: str) -> Iterator[tuple[Span, bool]]:
    """Each clause of ``text`` with whether it opens a new sentence (what a clause carries over
    — its subject, its doer — ends with the sentence)."""
    sentence_end = -1
    for clause in split_clauses(text):
        new_sentence = clause.start >= sentence_end
        if new_sentence:
            sentence_end = _sentence_end(text, clause.start)
        yield clause, new_sentence


def _sentence_end(text: str, start: int) -> int:
    m = _SENTENCE_END.search(text, start)
    return m.end() if m else len(text)
