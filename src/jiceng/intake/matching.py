"""Which duty item a task falls under: retrieval over the duty list, then an act-aware rerank.

Retrieval mixes two signals built once per list: BM25 over jieba words plus synonym-group tokens
(paraphrase: "返校就读" meets "控辍保学"), and TF-IDF cosine over character n-grams (robust to
segmentation and unseen words). The query weights the sentences that carry the ask (请/要求/须…)
over background. The rerank then tells near neighbours on one topic apart by the act asked of the
township (act analysis) and by the sender (lead department); ``jiceng.intake.precedence`` then
applies the precedence rules between 基本 / 配合 / 收回 neighbours.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import partial

import numpy as np

from jiceng.duties.items import Category, DutyItem
from jiceng.intake.acts import ActAnalyzer, ActEvidence
from jiceng.intake.departments import DepartmentMatcher
from jiceng.intake.precedence import (
    Bag,
    ReturnedPowers,
    basic_over_cooperating,
    cooperating_over_unlicensed,
    cooperating_precedence,
    returned_precedence,
)
from jiceng.intake.records import Task
from jiceng.text.associations import AssociationLexicon, default_associations
from jiceng.text.retrieval import BM25Index, CharNgramIndex
from jiceng.text.sentences import split_sentences
from jiceng.text.synonyms import GROUP_PREFIX, SynonymLexicon, default_lexicon
from jiceng.text.tokenize import content_tokens

Parts = list[tuple[str, float]]

# The frame of a notice title, not its topic: "关于……的通知", "（工作群）", "……提醒",
# "……工作安排". One pattern for matching (the title's weight) and for the rule-7 test (whether a
# title part has substance); the two lists it replaced gave the same results on all 917 labelled
# tasks.
TITLE_FRAME = re.compile(
    r"^关于|的?(通知|函|提醒|提示|紧急通知|补充通知|安排|要求|工作)$|[（(][^）)]*[）)]$"
)

# A sender that is the township's own office ("××街道党政综合办公室", "××镇人民政府"), not a county body.
_TOWNSHIP_BODY = re.compile(r"街道|([镇乡]|苏木)(人民政府|政府|党委|办公室|党政)")
# The township's own office or centre by its full name ("××镇党建工作办公室", "××乡便民服务中心"):
# it passes on the township's own duties and leads none of the list's items, so it is no
# stranger to the list (a county body's unit named after the township, "县公安局××派出所", starts
# with the county; a school or clinic of the township is not its office).
_TOWNSHIP_OFFICE = re.compile(
    r"^(?![县市区旗])[\u4e00-\u9fff]{1,6}?(镇|乡|街道|苏木)"
    r"(?!派出所|卫生院|中心卫生院|社区卫生|中学|小学|中心小学|幼儿园|供电所|邮政|信用社|法庭|司法所)"
    r"[\u4e00-\u9fff]{0,10}(人民政府|政府|党委|办公室|办|中心|站|所)$"
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
    # the match before the learned arbiter moved it to a neighbour (None: not moved)
    weighed_from: MatchOutcome | None = None


def _topic_label(term: str) -> str:
    """How a word or synonym-group token reads in a reason: a group by its topic, without the
    qualifier some group names carry to tell them apart ("退役军人-俗称" reads "退役军人")."""
    if not term.startswith(GROUP_PREFIX):
        return term
    return term[len(GROUP_PREFIX) :].split("-", 1)[0]


def term_bag(parts: Sequence[tuple[str, float]], lexicon: SynonymLexicon) -> dict[str, float]:
    """Weighted bag of content words and synonym-group tokens of the weighted text ``parts``."""
    bag: defaultdict[str, float] = defaultdict(float)
    for text, weight in parts:
        for tok in content_tokens(text):
            bag[tok] += weight
        for tok in lexicon.group_tokens(text):
            bag[tok] += weight
    return bag


def _put_first(best: int, order: np.ndarray) -> np.ndarray:
    """The candidate order with the chosen item first (precedence may pick one ranked lower)."""
    return np.array([best, *[i for i in order if i != best]])


# Department-only acts done on the ground (enforcement, professional work); paying is told apart
# by who pays, not by which item covers the topic.
_DOING_KINDS = frozenset({"enforcement", "professional"})


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
        associations: AssociationLexicon | None = None,
    ) -> None:
        self.items = list(items)
        self.policy = policy
        self.lexicon = lexicon or default_lexicon()
        self.associations = associations if associations is not None else default_associations()
        self.acts = acts or ActAnalyzer()
        self.departments = departments or DepartmentMatcher()
        docs = [self._item_parts(item) for item in self.items]
        bags = [term_bag(parts, self.lexicon) for parts in docs]
        if extra_texts:
            self._add_local_wording(bags, extra_texts)
        self.bm25 = BM25Index(bags)
        self._associations = self.associations.restricted_to(self.bm25.vocab)
        self.chars = CharNgramIndex(docs)
        self.item_kinds = [self.acts.item_kinds(item) for item in self.items]
        self.returned = ReturnedPowers(self.items, self.acts, top_k=int(policy["top_k"]))
        # (with the words of the acts its role keeps from the township, "不负责采血检测": the
        # lead's core work a notice says others do)
        self.topics = [
            self._topic_terms(item).union(*self.acts.role_refused(item))
            if item.category is Category.COOPERATING
            else frozenset()
            for item in self.items
        ]
        self.licensed = [self.acts.licensed_kinds(item) for item in self.items]
        self.denied = [self.acts.denied_by_role(item) for item in self.items]
        # 配合 items whose content says the lead department pays ("承担清运费用")
        self.lead_pays = [
            item.category is Category.COOPERATING
            and self.acts.lead_pays.search(item.content) is not None
            for item in self.items
        ]
        self._lead_count = len(
            {item.lead_department for item in self.items if item.category is not Category.BASIC}
        )
        self._act_cache: dict[frozenset[str], np.ndarray] = {}
        self._sender_cache: dict[str, tuple[np.ndarray, list[bool | None]]] = {}
        self._led: dict[str, frozenset[str]] = {}
        self._field: dict[str, np.ndarray] = {}
        self._topics_led: dict[str, set[str]] = {}
        self._bag: Bag = partial(term_bag, lexicon=self.lexicon)

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

    def _topic_terms(self, item: DutyItem) -> frozenset[str]:
        """The item's specific words and topics: those in at most ``topic_max_share`` of the
        list's items (so "乡镇", "做好", "配合" say nothing about which topic it is), and at least
        those a near-neighbour triple (基本 / 配合 / 收回 on one topic) shares."""
        max_df = max(3.0, self.policy["topic_max_share"] * len(self.items))
        floor = math.log(1.0 + (len(self.items) - max_df + 0.5) / (max_df + 0.5))
        bag = term_bag([(item.name, 1.0), (item.content, 1.0)], self.lexicon)
        return frozenset(t for t in bag if len(t) >= 2 and self.bm25.term_idf(t) >= floor)

    @staticmethod
    def query_texts(task: Task) -> Iterator[str]:
        """The texts of the task that matching reads: the title, then each body sentence."""
        yield task.title
        for sentence in split_sentences(task.body):
            yield sentence.text

    def query_parts(self, task: Task) -> Parts:
        """The task as weighted text: the title, then each body sentence by its role."""
        p = self.policy
        title, *sentences = self.query_texts(task)
        parts: Parts = [(title, p["title_weight"])]
        for text in sentences:
            parts.append((text, p[f"{self.acts.sentence_role(text)}_weight"]))
        return parts

    def query_bag(self, parts: Parts) -> tuple[dict[str, float], frozenset[str]]:
        """The task's weighted bag of words and topics, widened with the list words its words
        call to mind (``association_weight``), and the words the task itself used."""
        bag = term_bag(parts, self.lexicon)
        own = frozenset(bag)
        self._associations.expand(bag, self.policy.get("association_weight", 0.0))
        return bag, own

    def raw_scores(self, task: Task) -> np.ndarray:
        parts = self.query_parts(task)
        return self._raw(parts, self.query_bag(parts)[0])

    def _raw(
        self, parts: Parts, bag: dict[str, float], coverage: np.ndarray | None = None
    ) -> np.ndarray:
        coverage = np.minimum(self.bm25.coverage(bag) if coverage is None else coverage, 1.0)
        cosine = self.chars.cosine(parts)
        return self.policy["bm25_weight"] * coverage + self.policy["char_weight"] * cosine

    def strength(
        self,
        task: Task,
        parts: Parts | None = None,
        bag: dict[str, float] | None = None,
        body_coverage: np.ndarray | None = None,
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
        body = bag if bag is not None else self.query_bag(parts)[0]
        # the title without its frame: the words of the (cached) whole title found outside it
        frame = "".join(m.group() for m in TITLE_FRAME.finditer(task.title))
        title = {
            t: w for t, w in term_bag([(task.title, 1.0)], self.lexicon).items() if t not in frame
        }
        asks = [
            term_bag([(text, 1.0)], self.lexicon)
            for text, weight in parts[1:]
            if weight >= p["ask_weight"]
        ]
        if body_coverage is None:
            cov = self.bm25.coverage_many([body, title, *asks], count_unseen=True)
        else:  # (the body's, with unseen words counted, came with the match's retrieval)
            rest = self.bm25.coverage_many([title, *asks], count_unseen=True)
            cov = np.vstack([body_coverage, rest])
        cov = np.minimum(cov, 1.0)
        w = p["title_strength_weight"]
        whole = (1 - w) * cov[0] + w * cov[1]
        best = float(whole.max(initial=0.0))
        if len(asks):
            ws = p["sentence_title_weight"]
            per_sentence = (1 - ws) * cov[2:] + ws * cov[1]
            best = max(best, p["sentence_strength_factor"] * float(per_sentence.max()))
        return best

    def _stranger_to_list(self, sender: str) -> bool:
        """The sender leads none of the list's 配合/收回 items (nor is it their unit or
        coordinating office), on a list naming enough lead departments that the county's
        departments working with the township are among them."""
        return self._lead_count >= self.policy["stranger_min_leads"] and not self._led_domains(
            sender
        )

    def _led_domains(self, sender: str) -> frozenset[str]:
        """The domains of the 配合/收回 items the sender plausibly leads (worked out with its
        fit, once per sender)."""
        if sender not in self._led:
            self._sender_fit(sender)
        return self._led[sender]

    def _led_topics(self, sender: str) -> set[str]:
        """The synonym groups named by the 配合/收回 items the sender plausibly leads (a gas
        company's or housing bureau's 液化气 item makes 燃气 its topic whatever domain the list
        files the township's own 燃气 duty under)."""
        if sender not in self._topics_led:
            _, fits = self._sender_fit(sender)
            self._topics_led[sender] = set().union(
                *(
                    self.lexicon.groups_of(item.name)
                    for fit, item in zip(fits, self.items, strict=True)
                    if fit is True
                )
            )
        return self._topics_led[sender]

    def _stranger_threshold(self, sender: str, best: int) -> tuple[float, str] | None:
        """The no-match threshold a 基本 winner must reach for a sender that leads none of the
        list's 配合/收回 items (``stranger_none_threshold``), or none in the winner's domain
        (``domain_stranger_none_threshold``: a tax bureau asking a survey of homestays' takings
        is about its own line of work, not the homestay duty it shares words with), with how
        the reason says so; None for a sender leading items of that domain, or whose own field
        (``DepartmentMatcher.in_remit``) the item lies in."""
        item = self.items[best]
        if self.departments.in_remit(sender, item.domain + item.name):
            return None
        if _TOWNSHIP_OFFICE.match(sender.strip()):
            return None  # the township's own office passing on its own duty
        if self._stranger_to_list(sender):
            return self.policy["stranger_none_threshold"], "不牵头本清单的任何配合或收回事项"
        domain = item.domain
        if self._lead_count < self.policy["stranger_min_leads"] or domain in self._led_domains(
            sender
        ):
            return None
        if self.lexicon.groups_of(item.name) & self._led_topics(sender):
            return None  # its topic is one the sender leads, filed under another domain
        return (
            self.policy["domain_stranger_none_threshold"],
            f"不牵头本清单“{domain}”领域的任何配合或收回事项",
        )

    def _stands_out(
        self, task: Task, best: int, order: np.ndarray, adjusted: np.ndarray, notes: list[str]
    ) -> bool:
        """A 基本 item a stranger's notice matches loosely still stands when it scores at least
        ``stranger_clear_lead`` times any other candidate (the notice is about that duty, told
        in the sender's own words: a weather bureau's warning to pass on, a women's federation's
        campaign week) and nothing is to be handed to the sender itself (then the sender is
        collecting for its own line of work). Says why in ``notes``."""
        lead = self.policy["stranger_clear_lead"]
        runner_up = max((float(adjusted[i]) for i in order if i != best), default=0.0)
        if float(adjusted[best]) < lead * runner_up:
            return False
        sender = task.from_department
        if self.acts.delivered_to(task.body, self.departments.names_of(sender)) or any(
            self.departments.abbreviates(body, sender)
            for _, body in self.acts.recipients(task.body)
        ):
            return False
        notes.append(
            f"发文单位“{task.from_department}”不牵头本清单的任何配合或收回事项，但通知与"
            f"“{self.items[best].name}”的匹配得分是其他任何事项的 {lead:g} 倍以上，"
            "且不是向发文单位报送材料，故仍按该事项审查。"
        )
        return True

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
        # the domains of the items it leads, for the stranger tests and the own-field prior
        led = frozenset(
            item.domain for fit, item in zip(fits, self.items, strict=True) if fit is True
        )
        self._led[sender] = led
        self._field[sender] = np.array(
            [
                p["basic_own_domain_bonus"]
                if item.category is Category.BASIC and item.domain in led
                else 1.0
                for item in self.items
            ]
        )
        self._sender_cache[sender] = (bonus, fits)
        return bonus, fits

    def _own_field(self, sender: str) -> np.ndarray:
        """Ranking prior per item: ``basic_own_domain_bonus`` for a 基本 item of a domain whose
        配合/收回 items the sender leads (a department mostly writes about its own field, in its
        own words), 1 elsewhere (worked out with its fit, once per sender). It orders the
        candidates only: the precedence rules between one topic's neighbours compare the scores
        without it."""
        if sender not in self._field:
            self._sender_fit(sender)
        return self._field[sender]

    def match(self, task: Task, *, none_threshold: float) -> MatchOutcome:
        parts = self.query_parts(task)
        bag, used = self.query_bag(parts)
        covered, covered_of_all = self.bm25.coverage_both(bag)
        raw = self._raw(parts, bag, covered)
        asked = self.acts.asked_acts("title", task.title) + self.acts.asked_acts("body", task.body)
        asked_kinds = frozenset(a.kind for a in asked)
        bonus, fits = self._sender_fit(task.from_department)
        adjusted = raw * self._act_factors(asked_kinds) * bonus
        item_kinds: Sequence[set[str]] = self.item_kinds
        if asked_kinds:
            item_kinds = self._narrow_returned(asked, asked_kinds, raw, adjusted, bonus)
        named = self.returned.named(task, raw)
        self.returned.add_done_by_township(task, adjusted, named)
        for i in named:  # the ask handles this returned power itself: as if its act were asked
            adjusted[i] = raw[i] * self.policy["returned_with_act"] * bonus[i]
        # (the sender's field orders close candidates only when no act is asked: an asked act
        # tells the neighbours apart by itself)
        prior = 1.0 if asked_kinds else self._own_field(task.from_department)
        order = np.argsort(-adjusted * prior, kind="stable")[: int(self.policy["top_k"])]
        best = int(order[0]) if len(order) else -1
        if best >= 0 and (asked_kinds or named):
            best = returned_precedence(
                best,
                order,
                adjusted,
                items=self.items,
                item_kinds=item_kinds,
                licensed=self.licensed,
                asked_kinds=asked_kinds,
                named=named,
                role_denies=self._role_denies(best, asked),
                ratio=self.policy["returned_precedence_ratio"],
                unlicensed_ratio=self.policy["returned_over_unlicensed_ratio"],
                fits=fits,
                led=self._led_domains(task.from_department),
            )
        if best >= 0 and best in named:
            asked = asked + named[best]
        # what the notice says others do, read once precedence took a 配合 item for it
        others: frozenset[str] = frozenset()
        if best >= 0 and self.items[best].category is Category.BASIC:
            retrieved = best
            best = cooperating_precedence(
                best,
                order,
                adjusted,
                items=self.items,
                fits=fits,
                topics=self.topics,
                body=task.body,
                acts=self.acts,
                bag=self._bag,
                ratio=self.policy["cooperating_precedence_ratio"],
            )
            if best != retrieved:
                others = frozenset(self._bag([(self.acts.others_work_only(task.body), 1.0)]))
        if best >= 0 and self.items[best].category is Category.COOPERATING:
            # (also after precedence took a 配合 item for what the notice says others do: the
            # department's share named in passing, "损坏的由我局安排维修", does not outweigh the
            # township's own asks, read without those words, that the 基本 item covers far better)
            best = basic_over_cooperating(
                best,
                order,
                adjusted,
                items=self.items,
                parts=parts,
                bm25=self.bm25,
                bag=self._bag,
                neighbour_ratio=self.policy["basic_neighbour_ratio"],
                ask_weight=self.policy["ask_weight"],
                ask_advantage=self.policy["basic_ask_advantage"],
                others=others,
                lead=self.policy["basic_over_precedence_lead"] if others else 0.0,
            )
        unlicensed = asked_kinds - self.licensed[best] if best >= 0 else frozenset()
        if unlicensed & _DOING_KINDS or "payment" in unlicensed:
            # (paying asked of the township: only a 配合 item whose content says the lead pays
            # for that work, "承担清运费用", is the work being paid for, label rule 3)
            eligible = (
                fits
                if unlicensed & _DOING_KINDS
                else [fit if pays else None for fit, pays in zip(fits, self.lead_pays, strict=True)]
            )
            best = cooperating_over_unlicensed(
                best,
                order,
                adjusted,
                items=self.items,
                fits=eligible,
                ratio=self.policy["cooperating_over_unlicensed_ratio"],
                led=self._led_domains(task.from_department),
            )
        if best >= 0 and self.items[best].category is Category.BASIC:
            best = self._refused_cooperating(task, best, order, adjusted, fits)
        if best >= 0 and self.items[best].category is Category.COOPERATING:
            best = self._refused_returned(task, best, order)
        if best >= 0 and self.items[best].category is Category.COOPERATING:
            best = self._returned_act_asked(task, best, order, adjusted)
        foreign = -1  # another department's 配合/收回 item that won, set aside (see below)
        if best >= 0 and self._foreign(task.from_department, best, fits):
            foreign = best
            best = self._senders_own(best, order, adjusted, fits)
        if best >= 0:
            order = _put_first(best, order)
        candidates = [(self.items[i], float(adjusted[i])) for i in order]
        strength = self.strength(task, parts, bag, covered_of_all)
        if best < 0 and foreign >= 0:
            item = self.items[foreign]
            note = (
                f"最接近的事项“{item.name}”由{item.lead_department}牵头，发文单位"
                f"“{task.from_department}”既非该部门及其所属单位，也非相应议事协调机构办公室；"
                "部门交办的应是本部门牵头的工作，与他部门事项仅有个别用语相同，视为清单外事项。"
            )
            return MatchOutcome(None, strength, candidates, asked, notes=[note])
        notes: list[str] = []
        if best >= 0 and strength < none_threshold and fits[best] is True and foreign < 0:
            # The sender as evidence: a department writing about the topic of a 配合/收回 item
            # it leads is not sending unlisted work; loose wording (a chat message, colloquial
            # names) is what kept the coverage low. (Not for a candidate that only replaced
            # another department's winner: the notice's words were not about it.)
            notes.append(
                f"清单覆盖度 {strength:.2f} 低于阈值 {none_threshold:.2f}，但发文单位是该事项的"
                "牵头部门，通知所涉正是其牵头事项，故仍按该事项审查。"
            )
        elif (
            best >= 0
            and strength < none_threshold
            and foreign < 0
            and strength >= self.policy["domain_lead_none_threshold"]
            and self.items[best].category is Category.BASIC
            and self.items[best].domain in self._led_domains(task.from_department)
        ):
            notes.append(
                f"清单覆盖度 {strength:.2f} 低于阈值 {none_threshold:.2f}，但发文单位牵头本清单"
                f"“{self.items[best].domain}”领域的配合或收回事项，通知所涉正是该领域乡镇的基本"
                "职责，故仍按该事项审查。"
            )
        elif best < 0 or strength < none_threshold:
            return MatchOutcome(None, strength, candidates, asked)
        elif (
            self.items[best].category is Category.BASIC
            and (stranger := self._stranger_threshold(task.from_department, best)) is not None
            and strength < stranger[0]
            and not self._stands_out(task, best, order, adjusted, notes)
        ):
            item = self.items[best]
            own = self._senders_field(task.from_department, best, order, adjusted, fits)
            if own < 0:
                note = (
                    f"发文单位“{task.from_department}”{stranger[1]}，"
                    f"通知与最接近的基本事项“{item.name}”的清单覆盖度仅 {strength:.2f}，"
                    f"低于对此类发文单位的阈值 {stranger[0]:.2f}："
                    "部门交办的多是本部门职责范围内的工作，视为清单外事项。"
                )
                return MatchOutcome(None, strength, candidates, asked, notes=[note])
            notes.append(
                f"最接近的基本事项“{item.name}”不在发文单位“{task.from_department}”牵头的领域，"
                f"而通知同样贴近其职责范围内的“{self.items[own].name}”：部门交办的多是本部门"
                "职责范围内的工作，故按该事项审查。"
            )
            best = own
            order = _put_first(best, order)
            candidates = [(self.items[i], float(adjusted[i])) for i in order]
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
            shared_terms=self.shared_terms(task, item, bag, used),
            sender_plausible=fits[best],
            notes=notes,
        )

    def _narrow_returned(
        self,
        asked: Sequence[ActEvidence],
        asked_kinds: frozenset[str],
        raw: np.ndarray,
        adjusted: np.ndarray,
        bonus: np.ndarray,
    ) -> Sequence[set[str]]:
        """Returned items are written narrowly: what the department took back. A 收回 item whose
        act kind is enforcement like the act asked ("执法检查" and "行政处罚" both are) but whose
        text names none of the asked act's words nor their heads (Chinese compounds are
        right-headed: "作出行政处罚" is named by "处罚"), next to a 配合 item of its domain whose
        lead does that kind of act too ("实施…监督检查和执法"), is not the act asked: the kind alone
        cannot tell the two apart, and the lead's unlisted core job (inspecting, ordering
        rectification) is label rule 3, not rule 4 (sample README precedence applies only when
        "the act a task asks for is itself listed as a 收回 item"). Such items lose the act factor;
        the kinds returned (a copy when any is dropped) are what ``returned_precedence`` reads.
        Enforcement only: professional acts are named in too many forms ("出具安全鉴定报告" for
        "鉴定并出具报告") for words to tell."""
        top = [int(i) for i in np.argsort(-adjusted, kind="stable")[: int(self.policy["top_k"])]]
        out: list[set[str]] | None = None
        for i in top:
            item = self.items[i]
            overlap = asked_kinds & self.item_kinds[i] & {"enforcement"}
            if item.category is not Category.RETURNED or not overlap:
                continue
            if self._names_asked(i, asked, overlap):
                continue
            if self._names_penalty_generally(i, asked, overlap) and not any(
                j != i
                and self.items[j].category is Category.RETURNED
                and self.items[j].domain == item.domain
                and self._names_asked(j, asked, overlap)
                for j in top
            ):
                continue  # "查处无证经营" for "下达处罚", no neighbour naming the penalty itself
            if not any(
                self.items[j].domain == item.domain
                and overlap & self.item_kinds[j]
                and (
                    self.items[j].category is Category.COOPERATING
                    # or another returned item of the domain that names the act asked: the
                    # penalty item, not the fire-investigation one, for "罚款"
                    or (
                        self.items[j].category is Category.RETURNED
                        and self._names_asked(j, asked, overlap)
                    )
                )
                for j in top
            ):
                continue
            if out is None:
                out = list(self.item_kinds)
            out[i] = self.item_kinds[i] - overlap
            adjusted[i] = raw[i] * self.policy["returned_without_act"] * bonus[i]
        return out if out is not None else self.item_kinds

    def _senders_field(
        self,
        sender: str,
        best: int,
        order: np.ndarray,
        adjusted: np.ndarray,
        fits: Sequence[bool | None],
    ) -> int:
        """The best other candidate within the sender's own field, when the 基本 winner lies
        outside it: a 配合/收回 item it leads, or a 基本 item of a domain it leads, scoring at
        least ``senders_field_ratio`` of the winner; -1 if none."""
        led = self._led_domains(sender)
        floor = self.policy["senders_field_ratio"] * float(adjusted[best])
        for i in order:
            if i == best or float(adjusted[i]) < floor:
                continue
            item = self.items[i]
            if fits[i] is True or (item.category is Category.BASIC and item.domain in led):
                return int(i)
        return -1

    def _lead_returned(self, best: int, order: np.ndarray) -> Iterator[int]:
        """The 收回 candidates, in rank order, of the 配合 winner's own lead department."""
        lead = self.items[best].lead_department
        for i in order:
            other = self.items[int(i)]
            if other.category is Category.RETURNED and other.lead_department == lead:
                yield int(i)

    def _refused_cooperating(
        self,
        task: Task,
        best: int,
        order: np.ndarray,
        adjusted: np.ndarray,
        fits: Sequence[bool | None],
    ) -> int:
        """A 基本 winner whose same-domain 配合 neighbour, led by the sender, refuses in its role
        what the notice asks of the township ("不作审批" and "由各乡镇直接…签发许可证"): the notice
        is about the lead's own act, which the township's own duty cannot cover (label rule 3)."""
        domain = self.items[best].domain
        floor = self.policy["refused_neighbour_ratio"] * float(adjusted[best])
        for i in order:
            item = self.items[int(i)]
            if (
                item.category is Category.COOPERATING
                and item.domain == domain
                and fits[int(i)] is True
                and float(adjusted[i]) >= floor
                and self.acts.refused_asks("body", task.body, item)
            ):
                return int(i)
        return best

    def _refused_returned(self, task: Task, best: int, order: np.ndarray) -> int:
        """A 配合 winner whose role refuses what the notice asks of the township ("不确定配租房源"
        and "由各乡直接确定每户配租的房源"): a 收回 candidate of the same lead department that
        names an act the role refuses ("房号分配" for "不分配房号") is the power asked (sample
        README precedence, label rule 4)."""
        item = self.items[best]
        if not self.acts.refused_asks("body", task.body, item):
            return best
        refused = self.acts.role_refused(item)
        for i in self._lead_returned(best, order):
            text = self.items[i].name + self.items[i].content
            if any(all(w in text for w in words) for words in refused):
                return i
        return best

    def _returned_act_asked(
        self, task: Task, best: int, order: np.ndarray, adjusted: np.ndarray
    ) -> int:
        """A 收回 candidate of the 配合 winner's lead whose name names an act the winner's name and
        role do not ("安置房分配" beside "签约动员"), asked in the notice's own asks of the township:
        the returned power itself is asked (sample README precedence, label rule 4)."""
        item = self.items[best]
        own_text = item.name + item.township_role
        floor = self.policy["returned_act_ratio"] * adjusted[best]
        asks: str | None = None
        for i in self._lead_returned(best, order):
            if adjusted[i] < floor:
                continue
            words = [
                m.group()
                for m in self.acts.returned_act_word.finditer(self.items[i].name)
                if m.group() not in own_text
            ]
            if not words:
                continue
            if asks is None:
                asks = "".join(c.text for c in self.acts.own_asks(task.body))
            if any(w in asks for w in words):
                return i
        return best

    def _role_denies(self, i: int, asked: Sequence[ActEvidence]) -> bool:
        """Whether item ``i``'s township_role says the township does not do an act asked ("不承担
        …运维费用" when "运维" is asked)."""
        return any(
            w in denied
            for denied in self.denied[i]
            for a in asked
            for w in content_tokens(a.evidence)
            if len(w) >= 2
        )

    def _names_asked(self, i: int, asked: Sequence[ActEvidence], kinds: AbstractSet[str]) -> bool:
        """Whether item ``i``'s name or content names a word of an asked act of ``kinds`` or its
        head (Chinese compounds are right-headed: "作出行政处罚" is named by "处罚"); any penalty
        word (罚款, 罚没, 处罚) names the penalty power (acts.toml ``penalty_word``)."""
        text = self.items[i].name + self.items[i].content
        penalty = self.acts.penalty_word
        return any(
            w in text
            or w[-2:] in text
            or (penalty.search(w) is not None and penalty.search(text) is not None)
            for a in asked
            if a.kind in kinds
            for w in content_tokens(a.evidence)
            if len(w) >= 2 and not self.acts.frame_word.search(w)
        )

    def _names_penalty_generally(
        self, i: int, asked: Sequence[ActEvidence], kinds: AbstractSet[str]
    ) -> bool:
        """Whether item ``i`` names the penalty power in general (查处, acts.toml
        ``penalty_general``) while a penalty word is asked."""
        text = self.items[i].name + self.items[i].content
        return self.acts.penalty_general.search(text) is not None and any(
            a.kind in kinds and self.acts.penalty_word.search(a.evidence) for a in asked
        )

    def _foreign(self, sender: str, i: int, fits: Sequence[bool | None]) -> bool:
        """Whether item ``i`` is a 配合/收回 item of a department other than the sender: known
        not to be it, or named so differently that it cannot be ("县税务局" vs "县市场监督管理局",
        DepartmentMatcher.distinct) when the sender is a county body, not the township's own
        office."""
        item = self.items[i]
        if item.category is Category.BASIC or fits[i] is True:
            return False
        if fits[i] is False:
            return True
        return not _TOWNSHIP_BODY.search(sender) and self.departments.distinct(
            sender, item.lead_department
        )

    def _senders_own(
        self, best: int, order: np.ndarray, adjusted: np.ndarray, fits: Sequence[bool | None]
    ) -> int:
        """A county department pushes down work of its own remit (label rules 2-4 all read the
        task against the sender's items). When the winner is a 配合/收回 item of a department the
        sender is known NOT to be (nor one of its units, nor a coordinating office for the
        topic), what links them is a shared word ("等级评定" of a different trade, "调查" of a
        different survey), not the topic: a candidate the sender does lead, scoring at least
        ``own_topic_ratio`` of the winner, takes its place; without one the task is off the
        list (rule 5), -1."""
        floor = self.policy["own_topic_ratio"] * adjusted[best]
        for i in order:
            i = int(i)
            if i != best and fits[i] is True and adjusted[i] >= floor:
                return i
        return -1

    def shared_terms(
        self,
        task: Task,
        item: DutyItem,
        bag: dict[str, float] | None = None,
        own: AbstractSet[str] | None = None,
        limit: int = 5,
    ) -> list[str]:
        """The most specific words and topics the task and the item have in common (for reasons);
        a list word the task only calls to mind is shown with the task's own word, and only where
        that association is strong enough to read as common ground (policy.toml
        ``association_reason_strength``)."""
        if bag is None or own is None:
            bag, own = self.query_bag(self.query_parts(task))
        doc = term_bag(
            [(item.name, 1.0), (item.content, 1.0), (item.township_role, 1.0)], self.lexicon
        )
        common = [t for t in bag if t in doc]
        common.sort(key=lambda t: -self.bm25.term_idf(t) * bag[t])
        floor = self.policy.get("association_reason_strength", 0.0)
        shown = []
        for t in common:
            label = _topic_label(t)
            if t not in own:
                word = self._associations.source(t, own, min_strength=floor)
                if word is None:
                    continue  # called to mind too faintly to be named as common ground
                label = f"{t}（通知作“{word}”）"
            if label not in shown:
                shown.append(label)
            if len(shown) >= limit:
                break
        return shown
