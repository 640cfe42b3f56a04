"""What a notice asks the township itself to do, told apart from what it says others will do.

Near-neighbour items on one topic differ by the act: enforcement, professional testing or paying
on the department's behalf are the department's (label rules 3 and 4); assisting, reporting
clues and notifying are the cooperating role; organising its own work is the basic item.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from jiceng.duties.items import Category, DutyItem
from jiceng.intake.policy import load_data
from jiceng.text.regexguard import guarded
from jiceng.text.sentences import Span, split_clauses

ACT_KINDS = ("enforcement", "professional", "payment")


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
        self.ask = re.compile(data["ask"]["cues"])
        self.background = re.compile(data["ask"]["background"])
        self.directive = re.compile(data["ask"]["directive"])
        self.boilerplate = re.compile(data["ask"]["boilerplate"])
        self.kinds = {k: re.compile(data[k]["re"]) for k in ACT_KINDS}
        # most notices name no department-only act: one search skips the clause analysis
        self._any_kind = guarded("|".join(f"(?:{data[k]['re']})" for k in ACT_KINDS))
        self.labels = {k: data[k]["label"] for k in ACT_KINDS}
        self.other_agent = re.compile(data["other_agent"]["re"])
        self.subject = re.compile(data["other_agent"]["subject"])
        self.township = re.compile(data["other_agent"]["township"])
        self.not_after = re.compile(data["other_agent"]["not_after"])
        self.assist = re.compile(data["assist"]["re"])
        self.power = re.compile(data["power"]["re"])
        self.power_label: str = data["power"]["label"]
        self.not_object = re.compile(data["power"]["not_object"])
        self.organisation = re.compile(data["organisation"]["re"])
        self.lead_decision = re.compile(data["lead_decision"]["re"])
        self.lead_decision_label: str = data["lead_decision"]["label"]

    def _mask(self, text: str) -> str:
        """Blank out organisation names ("综合行政执法局") so they do not read as acts."""
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
        if not self._any_kind.search(masked):
            return out
        for clause, other in self.clause_agents(text):
            if other:
                continue  # "由执法大队依法查处", "县人社局将组织监察": someone else does it
            clause_masked = masked[clause.start : clause.end]
            for kind, rx in self.kinds.items():
                for m in rx.finditer(clause_masked):
                    if self.assist.search(clause_masked[: m.start()]):
                        continue  # "协助执法人员抽样": the cooperating role
                    if self.not_after.search(clause_masked[m.end() :]):
                        continue  # "查处时请乡镇派人": when the department acts
                    s, e = clause.start + m.start(), clause.start + m.end()
                    out.append(ActEvidence(kind, self.labels[kind], text[s:e], field, s, e))
        return out

    def power_asks(self, field: str, text: str) -> list[tuple[ActEvidence, Span]]:
        """Handling verbs (受理、办理、核发…) the township is asked to perform itself, each with its
        clause: whether the thing handled is a returned power is up to the duty list."""
        out: list[tuple[ActEvidence, Span]] = []
        for clause, other in self.clause_agents(text):
            if other:
                continue
            m = self.power.search(clause.text)
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
        own -= {verb for verb in own if verb in role}
        if not own:
            return []
        masked = self._mask(text)
        out: list[ActEvidence] = []
        for clause, other in self.clause_agents(text):
            if other:
                continue
            clause_masked = masked[clause.start : clause.end]
            for m in self.lead_decision.finditer(clause_masked):
                if m.group() not in own or self.assist.search(clause_masked[: m.start()]):
                    continue
                s, e = clause.start + m.start(), clause.start + m.end()
                out.append(ActEvidence("lead", self.lead_decision_label, text[s:e], field, s, e))
        return out

    def clause_agents(self, text: str) -> Iterator[tuple[Span, bool]]:
        """Each clause of ``text`` with whether someone other than the township performs it: a
        county body named as the subject (carried over the following clauses of the sentence
        until the township is addressed again) or an agent attributed in the clause ("由……负责")."""
        sentence_end = -1
        carried_other = False
        for clause in split_clauses(text):
            if clause.start >= sentence_end:  # a new sentence: nothing carried over
                carried_other = False
                sentence_end = _sentence_end(text, clause.start)
            if self.subject.search(clause.text):
                carried_other = True
            elif self.township.search(clause.text):
                carried_other = False
            yield clause, carried_other or bool(self.other_agent.search(clause.text))

    def others_work(self, text: str) -> str:
        """The clauses of ``text`` whose work someone other than the township performs."""
        return "，".join(clause.text for clause, other in self.clause_agents(text) if other)

    def others_work_only(self, text: str) -> str:
        """``others_work`` without the agents' own names ("县河长办每周排名" -> "每周排名"): a
        body named after the topic ("河长办", "禁毒办") says who acts, not what work it does."""
        out = []
        for clause, other in self.clause_agents(text):
            if other:
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

    def item_kinds(self, item: DutyItem) -> set[str]:
        """Act kinds named anywhere in the item (what the topic's lead department does)."""
        masked = self._mask(item.name + "。" + item.content)
        return {k for k, rx in self.kinds.items() if rx.search(masked)}


_SENTENCE_END = re.compile(r"[。！？!?；;\n]")


def _sentence_end(text: str, start: int) -> int:
    m = _SENTENCE_END.search(text, start)
    return m.end() if m else len(text)
