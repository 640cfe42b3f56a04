"""Which duty item a task falls under: retrieval over the duty list, then an act-aware rerank.

Retrieval mixes two signals built once per list: BM25 over jieba words plus synonym-group tokens
(paraphrase: "返校就读" meets "控辍保学"), and TF-IDF cosine over character n-grams (robust to
segmentation and unseen words). The query weights the sentences that carry the ask (请/要求/须…)
over background. The rerank then tells near neighbours on one topic apart by the act asked of the
township (act analysis) and by the sender (lead department).
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from jiceng.duties.items import Category, DutyItem
from jiceng.intake.acts import ActAnalyzer, ActEvidence
from jiceng.intake.departments import DepartmentMatcher
from jiceng.intake.records import Task
from jiceng.text.retrieval import BM25Index, CharNgramIndex
from jiceng.text.sentences import split_sentences
from jiceng.text.synonyms import GROUP_PREFIX, SynonymLexicon, default_lexicon
from jiceng.text.tokenize import content_tokens, tokenize

Parts = list[tuple[str, float]]

# Separators between the powers a duty item's name lists: "残疾人证核发和等级变更".
_NAME_PARTS = re.compile(r"[和及与、，,（）()]")

# The frame of a notice title, not its topic: "关于……的通知", "（工作群）", "……提醒".
_TITLE_FRAME = re.compile(
    r"^关于|的(通知|函|提醒|提示|紧急通知|补充通知)$|（[^）]*）$|\([^)]*\)$|提醒$|提示$"
)


@dataclass(slots=True)
class MatchOutcome:
    item: DutyItem | None
    score: float  # match strength: how well the list covers the task (none-threshold input)
    candidates: list[tuple[DutyItem, float]]  # reranked, best first
    asked_acts: list[ActEvidence]
    shared_terms: list[str] = field(default_factory=list)
    sender_plausible: bool | None = None
    notes: list[str] = field(default_factory=list)


def term_bag(parts: Sequence[tuple[str, float]], lexicon: SynonymLexicon) -> dict[str, float]:
    """Weighted bag of content words and synonym-group tokens of the weighted text ``parts``."""
    bag: defaultdict[str, float] = defaultdict(float)
    for text, weight in parts:
        for tok in content_tokens(text):
            bag[tok] += weight
        for tok in lexicon.group_tokens(text):
            bag[tok] += weight
    return bag


class ItemMatcher:
    def __init__(
        self,
        items: Sequence[DutyItem],
        policy: Mapping[str, float],
        *,
        extra_texts: Mapping[str, Sequence[str]] | None = None,
        lexicon: SynonymLexicon | None = None,
        acts: ActAnalyzer | None = None,
        departments: DepartmentMatcher | None = None,
    ) -> None:
        self.items = list(items)
        self.policy = policy
        self.lexicon = lexicon or default_lexicon()
        self.acts = acts or ActAnalyzer()
        self.departments = departments or DepartmentMatcher()
        docs = [self._item_parts(item) for item in self.items]
        bags = [term_bag(parts, self.lexicon) for parts in docs]
        if extra_texts:
            self._add_local_wording(bags, extra_texts)
        self.bm25 = BM25Index(bags)
        self.chars = CharNgramIndex(docs)
        self.item_kinds = [self.acts.item_kinds(item) for item in self.items]
        self.powers = self._returned_powers()
        # one alternation over every returned item's objects, longest first: object -> items
        self._power_items: dict[str, list[int]] = defaultdict(list)
        for i, objects in enumerate(self.powers):
            for obj in objects:
                self._power_items[obj].append(i)
        alternation = "|".join(
            re.escape(o) for o in sorted(self._power_items, key=len, reverse=True)
        )
        self._power_objects = re.compile(alternation) if alternation else None
        self.topics = [
            self._topic_terms(item) if item.category is Category.COOPERATING else frozenset()
            for item in self.items
        ]
        self.licensed = [self.acts.licensed_kinds(item) for item in self.items]
        self._act_cache: dict[frozenset[str], np.ndarray] = {}
        self._sender_cache: dict[str, tuple[np.ndarray, list[bool | None]]] = {}

    def _item_parts(self, item: DutyItem) -> Parts:
        p = self.policy
        parts: Parts = [
            (item.name, p["name_weight"]),
            (item.content, p["content_weight"]),
            (item.domain, p["domain_weight"]),
        ]
        if item.township_role:
            parts.append((item.township_role, p["role_weight"]))
        return parts

    def _add_local_wording(
        self, bags: list[dict[str, float]], extra_texts: Mapping[str, Sequence[str]]
    ) -> None:
        """Learned from labelled examples: words of their asks that no item of the list uses
        ("扫楼", "飞线"), found in at least ``local_word_min_examples`` examples of one item and in
        no example of another, join that item's document. Words the list already uses are left
        alone (an example repeating its topic's shared words would only pull near neighbours
        together), and so are words of notices in general ("示范村" in examples of any item)."""
        listed = set().union(*bags) if bags else set()
        seen: defaultdict[str, Counter[str]] = defaultdict(Counter)  # word -> item -> examples
        for item_id, texts in extra_texts.items():
            for text in texts:
                for tok in set(content_tokens(text)) - listed:
                    seen[tok][item_id] += 1
        for i, item in enumerate(self.items):
            texts = extra_texts.get(item.id, ())
            if not texts:
                continue
            share = 0.5 / math.sqrt(len(texts))
            for tok, per_item in seen.items():
                n = per_item.get(item.id, 0)
                if n >= self.policy["local_word_min_examples"] and len(per_item) == 1:
                    bags[i][tok] = bags[i].get(tok, 0.0) + share * n

    def _returned_powers(self) -> list[tuple[str, ...]]:
        """Per 收回 item, the objects its name names that no 基本/配合 item mentions ("残疾人证"):
        handling one of them is handling the returned power itself. Act words are not objects."""
        others = "".join(
            item.name + item.content + item.township_role
            for item in self.items
            if item.category is not Category.RETURNED
        )
        acts = self.acts

        def is_object(w: str) -> bool:
            return (
                len(w) >= 2
                and w not in others
                and not acts.power.search(w)
                and not acts.not_object.search(w)
                and not any(rx.search(w) for rx in acts.kinds.values())
            )

        out: list[tuple[str, ...]] = []
        for item in self.items:
            if item.category is not Category.RETURNED:
                out.append(())
                continue
            # words and runs of up to three words ("残疾人"+"证"), shortest first
            found: list[str] = []
            for part in _NAME_PARTS.split(item.name):
                words = tokenize(part)
                runs = ("".join(words[a : a + n]) for n in (1, 2, 3) for a in range(len(words)))
                for w in runs:
                    if is_object(w) and not any(f in w for f in found):
                        found.append(w)
            out.append(tuple(found))
        return out

    def _topic_terms(self, item: DutyItem) -> frozenset[str]:
        """The item's specific words and topics: those in at most ``topic_max_share`` of the
        list's items (so "乡镇", "做好", "配合" say nothing about which topic it is), and at least
        those a near-neighbour triple (基本 / 配合 / 收回 on one topic) shares."""
        max_df = max(3.0, self.policy["topic_max_share"] * len(self.items))
        floor = math.log(1.0 + (len(self.items) - max_df + 0.5) / (max_df + 0.5))
        bag = term_bag([(item.name, 1.0), (item.content, 1.0)], self.lexicon)
        return frozenset(t for t in bag if len(t) >= 2 and self.bm25.term_idf(t) >= floor)

    def query_parts(self, task: Task) -> Parts:
        """The task as weighted text: the title, then each body sentence by its role."""
        p = self.policy
        parts: Parts = [(task.title, p["title_weight"])]
        for sentence in split_sentences(task.body):
            role = self.acts.sentence_role(sentence.text)
            parts.append((sentence.text, p[f"{role}_weight"]))
        return parts

    def raw_scores(self, task: Task) -> np.ndarray:
        parts = self.query_parts(task)
        return self._raw(parts, term_bag(parts, self.lexicon))

    def _raw(self, parts: Parts, bag: dict[str, float]) -> np.ndarray:
        coverage = np.minimum(self.bm25.coverage(bag), 1.0)
        cosine = self.chars.cosine(parts)
        return self.policy["bm25_weight"] * coverage + self.policy["char_weight"] * cosine

    def strength(
        self, task: Task, parts: Parts | None = None, bag: dict[str, float] | None = None
    ) -> float:
        """How well the list covers the task at all (input of the no-match rule 5).

        Share of the task's words and topics, weighted by specificity and by sentence role, that
        the best item covers; words no item contains count against it, so a notice about a topic
        the list lacks scores low even when a few generic words match. The title (the notice's
        own summary) weighs in. A long notice whose ask sits in one sentence among background is
        scored by that sentence too (with the title), discounted, so recitals do not drown it.
        """
        p = self.policy
        parts = parts if parts is not None else self.query_parts(task)
        body = bag if bag is not None else term_bag(parts, self.lexicon)
        # the title without its frame: the words of the (cached) whole title found outside it
        frame = "".join(m.group() for m in _TITLE_FRAME.finditer(task.title))
        title = {
            t: w for t, w in term_bag([(task.title, 1.0)], self.lexicon).items() if t not in frame
        }
        asks = [
            term_bag([(text, 1.0)], self.lexicon)
            for text, weight in parts[1:]
            if weight >= p["ask_weight"]
        ]
        cov = np.minimum(self.bm25.coverage_many([body, title, *asks], count_unseen=True), 1.0)
        w = p["title_strength_weight"]
        whole = (1 - w) * cov[0] + w * cov[1]
        best = float(whole.max(initial=0.0))
        if len(asks):
            ws = p["sentence_title_weight"]
            per_sentence = (1 - ws) * cov[2:] + ws * cov[1]
            best = max(best, p["sentence_strength_factor"] * float(per_sentence.max()))
        return best

    def _act_factors(self, asked_kinds: frozenset[str]) -> np.ndarray:
        """Rerank factor per item for the acts asked (at most 2^3 distinct sets: cached)."""
        cached = self._act_cache.get(asked_kinds)
        if cached is not None:
            return cached
        p = self.policy
        factors = np.ones(len(self.items))
        for i, item in enumerate(self.items):
            if item.category is Category.RETURNED:
                if asked_kinds & self.item_kinds[i]:
                    factors[i] = p["returned_with_act"]
                elif asked_kinds and not self.item_kinds[i]:
                    # the item names no act of its own ("火灾事故调查"): the act asked may be its
                    # power or a neighbour's that names it
                    factors[i] = p["returned_kindless_with_act"]
                else:
                    factors[i] = p["returned_without_act"]
            elif item.category is Category.BASIC and asked_kinds - self.licensed[i]:
                factors[i] = p["basic_with_act"]
        self._act_cache[asked_kinds] = factors
        return factors

    def _sender_fit(self, sender: str) -> tuple[np.ndarray, list[bool | None]]:
        """Rerank factor per item for the sending department, and the plausibility per item."""
        cached = self._sender_cache.get(sender)
        if cached is not None:
            return cached
        fits: list[bool | None] = [
            None
            if item.category is Category.BASIC
            else self.departments.plausible_lead(
                sender, item.lead_department, item.domain + item.name
            )
            for item in self.items
        ]
        p = self.policy

        def other_sender(fit: bool | None, item: DutyItem) -> bool:
            # a 收回 item of another department: known not to be the sender's, or named so
            # differently that it cannot be ("县税务局" vs "县自然资源局")
            return fit is False or (
                fit is None and self.departments.distinct(sender, item.lead_department)
            )

        bonus = np.array(
            [
                p["lead_sender_bonus"]
                if fit
                else p["returned_other_sender"]
                if item.category is Category.RETURNED and other_sender(fit, item)
                else 1.0
                for fit, item in zip(fits, self.items, strict=True)
            ]
        )
        self._sender_cache[sender] = (bonus, fits)
        return bonus, fits

    def match(self, task: Task, *, none_threshold: float) -> MatchOutcome:
        parts = self.query_parts(task)
        bag = term_bag(parts, self.lexicon)
        raw = self._raw(parts, bag)
        asked = self.acts.asked_acts("title", task.title) + self.acts.asked_acts("body", task.body)
        asked_kinds = frozenset(a.kind for a in asked)
        bonus, fits = self._sender_fit(task.from_department)
        adjusted = raw * self._act_factors(asked_kinds) * bonus
        named = self._named_powers(task, raw)
        self._doer_powers(task, adjusted, named)
        for i in named:  # the ask handles this returned power itself: as if its act were asked
            adjusted[i] = raw[i] * self.policy["returned_with_act"] * bonus[i]
        order = np.argsort(-adjusted, kind="stable")[: int(self.policy["top_k"])]
        best = int(order[0]) if len(order) else -1
        if best >= 0 and (asked_kinds or named):
            best = self._returned_precedence(best, order, adjusted, asked_kinds, named)
        if best >= 0 and best in named:
            asked = asked + named[best]
        if best >= 0 and self.items[best].category is Category.BASIC:
            best = self._cooperating_precedence(best, order, adjusted, fits, task)
        elif best >= 0 and self.items[best].category is Category.COOPERATING:
            # (a 配合 item taken by precedence already rests on what the notice says others do)
            best = self._basic_over_cooperating(best, order, adjusted, parts)
        if best >= 0:
            order = np.array([best, *[i for i in order if i != best]])
        candidates = [(self.items[i], float(adjusted[i])) for i in order]
        strength = self.strength(task, parts, bag)
        notes: list[str] = []
        if best >= 0 and strength < none_threshold and fits[best] is True:
            # The sender as evidence: a department writing about the topic of a 配合/收回 item
            # it leads is not sending unlisted work; loose wording (a chat message, colloquial
            # names) is what kept the coverage low.
            notes.append(
                f"匹配度 {strength:.2f} 低于阈值 {none_threshold:.2f}，但发文单位是该事项的"
                "牵头部门，通知所涉正是其牵头事项，故仍按该事项审查。"
            )
        elif best < 0 or strength < none_threshold:
            return MatchOutcome(None, strength, candidates, asked)
        floor = self.policy["none_similarity_floor"]
        closest = float(raw.max())
        if closest < floor:
            # the task's words are covered piecemeal (boilerplate, recitals), but no item
            # resembles the task as a whole
            note = (
                f"与清单各事项的整体相似度最高仅 {closest:.2f}，低于 {floor:.2f}，"
                "通知的用语只是零散地与清单重合。"
            )
            return MatchOutcome(None, strength, candidates, asked, notes=[note])
        item = self.items[best]
        return MatchOutcome(
            item,
            strength,
            candidates,
            asked,
            shared_terms=self.shared_terms(task, item, bag),
            sender_plausible=fits[best],
            notes=notes,
        )

    def _named_powers(self, task: Task, raw: np.ndarray) -> dict[int, list[ActEvidence]]:
        """Returned items whose power the township is asked to handle itself: a handling verb
        (受理、办理…) in an ask clause that names an object only that 收回 item names. Not when a
        配合 item of the returned item's domain among the task's best retrieval candidates gives
        the township that very verb in its ``township_role`` ("存栏登记"): registering there is
        the township's cooperating role, not the returned power."""
        found: dict[int, list[ActEvidence]] = {}
        objects = self._power_objects
        if objects is None:
            return found
        roles: list[tuple[str, str]] | None = None  # built on the first object named (rare)
        for part, text in (("title", task.title), ("body", task.body)):
            if not objects.search(text):
                continue
            if roles is None:
                top = np.argsort(-raw, kind="stable")[: int(self.policy["top_k"])]
                roles = [
                    (self.items[int(j)].domain, self.items[int(j)].township_role)
                    for j in top
                    if self.items[int(j)].category is Category.COOPERATING
                ]
            for verb, clause in self.acts.power_asks(part, text):
                for m in objects.finditer(clause.text):
                    evidence = self.acts.power_evidence(verb, clause, m.group(), text)
                    for i in self._power_items[m.group()]:
                        domain = self.items[i].domain
                        if any(d == domain and verb.evidence in role for d, role in roles):
                            continue
                        if not any(e.start == evidence.start for e in found.get(i, [])):
                            found.setdefault(i, []).append(evidence)
        return found

    def _doer_powers(
        self, task: Task, adjusted: np.ndarray, found: dict[int, list[ActEvidence]]
    ) -> None:
        """Returned items whose own work a clause making the township its doer names ("复核由所在
        镇组织…", "由镇财政所负责将保障金发放到户"): among the best candidates of the leading
        candidate's domain, a 收回 item's name or content words that none of its neighbours
        there names (the power itself, not the shared topic) found in such a clause. Added to
        ``found`` like a named power (sample README precedence: the act asked is a 收回 item)."""
        clauses = [("body", c) for c in self.acts.township_doer_clauses(task.body)]
        clauses += [("title", c) for c in self.acts.township_doer_clauses(task.title)]
        if not clauses:
            return
        top = [int(i) for i in np.argsort(-adjusted, kind="stable")[: int(self.policy["top_k"])]]
        domain = self.items[top[0]].domain
        same = [i for i in top if self.items[i].domain == domain]
        for i in same:
            item = self.items[i]
            if item.category is not Category.RETURNED or i in found:
                continue
            others = "".join(
                self.items[j].name + self.items[j].content + self.items[j].township_role
                for j in same
                if j != i
            )
            words = {
                w
                for w in tokenize(item.name)
                if len(w) >= 2
                and w not in others
                and w not in item.lead_department
                and not self.acts.not_object.search(w)
                and not self.acts.lead_generic.search(w)
            }
            for part, clause in clauses:
                hit = next((w for w in words if self._named_as_act(w, clause.text)), None)
                if hit is not None:
                    ev = ActEvidence(
                        "power", self.acts.power_label, clause.text, part, clause.start, clause.end
                    )
                    found.setdefault(i, []).append(ev)
                    break

    def _named_as_act(self, word: str, clause: str) -> bool:
        """``word`` in ``clause`` other than as a time phrase ("鉴定结论出具后由镇里送达",
        "年检结论认定后由各乡通知": what precedes 后/时 is done first, by the lead)."""
        clause = self.acts.doer_part(clause)
        at = clause.find(word)
        while at >= 0:
            if not self.acts.not_after_power.search(clause[at + len(word) :]):
                return True
            at = clause.find(word, at + 1)
        return False

    def _returned_precedence(
        self,
        best: int,
        order: np.ndarray,
        adjusted: np.ndarray,
        asked_kinds: frozenset[str],
        named: Mapping[int, list[ActEvidence]],
    ) -> int:
        """Sample README precedence: when the act asked is itself listed as a 收回 item, that item
        applies even where a 配合/基本 item covers the township's lesser role on the same topic.
        A returned candidate scoring at least ``returned_precedence_ratio`` of the best takes its
        place when it is of the best item's domain and names the asked act, or when the ask
        handles the power only that returned item names (whatever the domain)."""
        if self.items[best].category is Category.RETURNED:
            return best
        floor = self.policy["returned_precedence_ratio"] * adjusted[best]
        for i in order[1:]:
            item = self.items[int(i)]
            if item.category is not Category.RETURNED or adjusted[i] < floor:
                continue
            if int(i) in named or (
                item.domain == self.items[best].domain and asked_kinds & self.item_kinds[int(i)]
            ):
                return int(i)
        return best

    def _cooperating_precedence(
        self,
        best: int,
        order: np.ndarray,
        adjusted: np.ndarray,
        fits: list[bool | None],
        task: Task,
    ) -> int:
        """Label rule 2: a 配合 item is the topic's work led by a county department, the township
        only doing its role. When the notice itself says that someone other than the township
        performs the topic's core work ("体检由县医院负责", "修剪培训由农广校承办"), a 配合
        candidate on that topic whose lead the sender plausibly is, scoring at least
        ``cooperating_precedence_ratio`` of the best, takes the place of the 基本 item that won
        retrieval: what is left for the township is the cooperating role. Only the work words of
        those clauses count, not the agent's name ("县河长办每周排名" says nothing about who
        patrols the rivers)."""
        floor = self.policy["cooperating_precedence_ratio"] * adjusted[best]
        words: set[str] | None = None  # read only when a candidate qualifies (rare)
        for i in order[1:]:
            i = int(i)
            if (
                self.items[i].category is not Category.COOPERATING
                or fits[i] is not True
                or adjusted[i] < floor
            ):
                continue
            if words is None:
                others = self.acts.others_work_only(task.body)
                words = set(term_bag([(others, 1.0)], self.lexicon)) if others else set()
            if _overlap(words, self.topics[i]):
                return i
        return best

    def _basic_over_cooperating(
        self, best: int, order: np.ndarray, adjusted: np.ndarray, parts: Parts
    ) -> int:
        """Near neighbours 基本 / 配合 on one topic, both sent by the topic's department: what the
        township is asked to do decides. A 配合 item offers the township only its
        ``township_role`` (its content is the lead's work); a 基本 item of the same domain scoring
        at least ``basic_neighbour_ratio`` of it takes its place when the asks (title and ask
        sentences) are covered ``basic_ask_advantage`` times better by the 基本 item's own
        name, content and role than by the 配合 item's name and role."""
        p = self.policy
        floor = p["basic_neighbour_ratio"] * adjusted[best]
        coop = self.items[best]
        rivals = [
            int(i)
            for i in order
            if int(i) != best
            and self.items[int(i)].category is Category.BASIC
            and self.items[int(i)].domain == coop.domain
            and adjusted[i] >= floor
        ]
        if not rivals:
            return best
        ask = term_bag(
            [parts[0], *[part for part in parts[1:] if part[1] >= p["ask_weight"]]], self.lexicon
        )
        total = sum(self.bm25.term_idf(t) * w for t, w in ask.items())
        if total <= 0:
            return best

        def covered(item: DutyItem, texts: Sequence[str]) -> float:
            doc = term_bag([(text, 1.0) for text in texts], self.lexicon)
            return sum(self.bm25.term_idf(t) * w for t, w in ask.items() if t in doc) / total

        role = covered(coop, (coop.name, coop.township_role))
        for i in rivals:
            basic = self.items[i]
            if covered(basic, (basic.name, basic.content, basic.township_role)) >= (
                p["basic_ask_advantage"] * role
            ):
                return i
        return best

    def shared_terms(
        self, task: Task, item: DutyItem, bag: dict[str, float] | None = None, limit: int = 5
    ) -> list[str]:
        """The most specific words and topics the task and the item have in common (for reasons)."""
        query = bag if bag is not None else term_bag(self.query_parts(task), self.lexicon)
        doc = term_bag(
            [(item.name, 1.0), (item.content, 1.0), (item.township_role, 1.0)], self.lexicon
        )
        common = [t for t in query if t in doc]
        common.sort(key=lambda t: -self.bm25.term_idf(t) * query[t])
        shown = []
        for t in common:
            label = t[len(GROUP_PREFIX) :] if t.startswith(GROUP_PREFIX) else t
            if label not in shown:
                shown.append(label)
            if len(shown) >= limit:
                break
        return shown


def _overlap(words: set[str], topic: frozenset[str]) -> bool:
    """Whether a word names the topic: equal to a topic term or part of it ("修剪" ⊂ "果树修剪")."""
    return any(w in topic or any(w in t for t in topic) for w in words if len(w) >= 2)
