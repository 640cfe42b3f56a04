"""Precedence between near neighbours: which of the 基本 / 配合 / 收回 items on one topic a task
falls under, once retrieval and the rerank have put them close together.

Four things decide it, each applied by ``ItemMatcher.match`` in this order:

- a 收回 item whose power the task asks the township to handle (``ReturnedPowers``: an object only
  that item names, handled in an ask clause, or its work given to the township as doer) or whose
  act is asked takes precedence over its neighbours (``returned_precedence``);
- a 配合 item beats the 基本 item that won retrieval when the notice says someone else performs
  the topic's core work (``cooperating_precedence``);
- a 基本 item beats the 配合 item that won when the asks are its own work, not the 配合 item's
  township role (``basic_over_cooperating``);
- the sender's 配合 item beats a 基本 winner asked a department-only act the 基本 item does not
  give the township (``cooperating_over_unlicensed``): label rule 3 read against it.

Plain functions over what each rule needs; the bag of words is passed in as ``bag``
(``jiceng.intake.matching.term_bag`` over the list's synonym lexicon).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from collections.abc import Set as AbstractSet

import numpy as np

from jiceng.duties.items import Category, DutyItem
from jiceng.intake.acts import ActAnalyzer, ActEvidence
from jiceng.intake.records import Task
from jiceng.text.retrieval import BM25Index
from jiceng.text.sentences import split_clauses
from jiceng.text.tokenize import STOPWORDS, tokenize

# The weighted bag of words and synonym-group tokens of weighted text parts.
Bag = Callable[[Sequence[tuple[str, float]]], dict[str, float]]

# A body's short name ("住建局", "执法大队"): who acts or receives, not the power handled.
_BODY_NAME = re.compile(r"(局|部门|大队|中队|中心|站|所|办)$")

# Separators between the powers a duty item's name lists: "残疾人证核发和等级变更".
_NAME_PARTS = re.compile(r"[和及与、，,（）()]")

# The conventional opening of a 配合 item's name ("配合…", "协助…"): says it is a cooperating
# item, not that the township only takes part in the act the name goes on to name.
_COOPERATE = re.compile(r"^(配合|协助)")


class ReturnedPowers:
    """The powers of the list's 收回 items, and which of them a task asks the township to exercise.

    Built once per list: ``objects[i]`` are the objects the name of 收回 item ``i`` names that no
    基本/配合 item gives the township ("残疾人证"); handling one of them is handling the returned
    power itself.
    """

    def __init__(self, items: Sequence[DutyItem], acts: ActAnalyzer, *, top_k: int) -> None:
        self.items = items
        self.acts = acts
        self.top_k = top_k
        self.objects = self._objects()
        # one alternation over every returned item's objects, longest first: object -> items
        self._items_of: dict[str, list[int]] = defaultdict(list)
        for i, objects in enumerate(self.objects):
            for obj in objects:
                self._items_of[obj].append(i)
        alternation = "|".join(re.escape(o) for o in sorted(self._items_of, key=len, reverse=True))
        self._pattern = re.compile(alternation) if alternation else None
        # per 收回 item, the words of its name and power that can name its work
        self.work_words = [
            self._work_words(item) if item.category is Category.RETURNED else [] for item in items
        ]

    def _objects(self) -> list[tuple[str, ...]]:
        """Per 收回 item, the objects its name names that no 基本/配合 item gives the township.
        Act words are not objects. A 配合 item's content is its lead's part ("县林业部门审核发放
        林木采伐许可证"): naming the returned power there does not hand it to the township, so
        only its name and township_role count against an object."""
        returned_names = [i.name for i in self.items if i.category is Category.RETURNED]

        def own_words(text: str) -> str:
            # a name or role embedding a returned item's whole name ("…年限认定材料收集", "告知…
            # 年限认定政策") is about helping with that power: its words there are the power's
            for name in returned_names:
                text = text.replace(name, "\0")
            return text

        others = "".join(
            own_words(item.name)
            + own_words(item.township_role)
            + (item.content if item.category is Category.BASIC else "")
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

    def named(self, task: Task, raw: np.ndarray) -> dict[int, list[ActEvidence]]:
        """Returned items whose power the township is asked to handle itself: a handling verb
        (受理、办理…) in an ask clause that names an object only that 收回 item names. Not when a
        配合 item of the returned item's domain among the task's best retrieval candidates gives
        the township that very verb in its ``township_role`` ("存栏登记"): registering there is
        the township's cooperating role, not the returned power."""
        found: dict[int, list[ActEvidence]] = {}
        objects = self._pattern
        if objects is None:
            return found
        roles: list[tuple[str, str]] | None = None  # built on the first object named (rare)
        for part, text in (("title", task.title), ("body", task.body)):
            if not objects.search(text):
                continue
            if roles is None:
                top = np.argsort(-raw, kind="stable")[: self.top_k]
                # the role, and the item's name without its conventional "配合" ("配合…申领审核公示")
                roles = [
                    (
                        self.items[int(j)].domain,
                        _COOPERATE.sub("", self.items[int(j)].name)
                        + "。"
                        + self.items[int(j)].township_role,
                    )
                    for j in top
                    if self.items[int(j)].category is Category.COOPERATING
                ]
            for verb, clause in self.acts.power_asks(part, text):
                for m in objects.finditer(clause.text):
                    evidence = self.acts.power_evidence(verb, clause, m.group(), text)
                    for i in self._items_of[m.group()]:
                        domain = self.items[i].domain
                        if any(
                            d == domain and self.acts.role_performs(verb.evidence, role)
                            for d, role in roles
                        ):
                            continue
                        if not any(e.start == evidence.start for e in found.get(i, [])):
                            found.setdefault(i, []).append(evidence)
        return found

    def add_done_by_township(
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
        top = [int(i) for i in np.argsort(-adjusted, kind="stable")[: self.top_k]]
        domain = self.items[top[0]].domain
        same = [i for i in top if self.items[i].domain == domain]
        for i in same:
            item = self.items[i]
            if item.category is not Category.RETURNED or i in found:
                continue
            # what the neighbours give the township (names, roles, 基本 contents) and what a 配合
            # neighbour's content says its lead does ("补助由县局审核拨付"): a word there names the
            # shared topic, except a handling verb, which is still the returned power
            given = "".join(
                self.items[j].name
                + self.items[j].township_role
                + (
                    self.items[j].content
                    if self.items[j].category is not Category.COOPERATING
                    else ""
                )
                for j in same
                if j != i
            )
            leads = "".join(
                self.items[j].content
                for j in same
                if j != i and self.items[j].category is Category.COOPERATING
            )
            words = [
                w
                for w in self.work_words[i]
                if w not in given and (w not in leads or self.acts.power.fullmatch(w))
            ]
            for part, clause in clauses:
                hit = next((w for w in words if self._named_as_act(w, clause.text)), None)
                if hit is not None:
                    ev = ActEvidence(
                        "power", self.acts.power_label, clause.text, part, clause.start, clause.end
                    )
                    found.setdefault(i, []).append(ev)
                    break

    def _work_words(self, item: DutyItem) -> list[str]:
        """The words of a 收回 item's name and power that can name its work (for
        ``add_done_by_township``)."""
        return list(
            dict.fromkeys(
                w
                for w in tokenize(item.name) + self._power_words(item.content)
                if len(w) >= 2
                and w not in STOPWORDS  # "人员", "工作": no power of its own
                and w not in item.lead_department
                and not _BODY_NAME.search(w)
                and not self.acts.not_object.search(w)
                and not self.acts.lead_generic.search(w)
                and not self.acts.applicant_before.fullmatch(w)  # "申请": the applicant's part
            )
        )

    def _power_words(self, content: str) -> list[str]:
        """Words of a 收回 item's content that describe the power it keeps ("外出请假审批",
        "审核确定救助对象…拨付资金"), for ``add_done_by_township``: not the offences an
        enforcement power punishes (what follows 查处/处罚 names the unlawful act, "查处非法采伐",
        not a power: the township doing the lawful act is not exercising it), and not the
        generic handling verbs (发放, 登记…: ordinary township work on its own items)."""
        enforcement = self.acts.kinds["enforcement"]
        words: list[str] = []
        for clause in split_clauses(content):
            # the penalty verb said bare too ("…的经营者处罚")
            m = enforcement.search(clause.text) or self.acts.penalty_word.search(clause.text)
            text = clause.text[: m.start()] if m else clause.text
            if m and self.acts.offender.search(text):
                continue  # "对…超标排放的经营者处罚": the offender the penalty is aimed at
            words.extend(w for w in tokenize(text) if not self.acts.power.search(w))
        return words

    def _named_as_act(self, word: str, clause: str) -> bool:
        """``word`` in ``clause`` other than as a time phrase ("鉴定结论出具后由镇里送达",
        "年检结论认定后由各乡通知": what precedes 后/时 is done first, by the lead) or as what
        the township applies for ("申请补贴")."""
        clause = self.acts.doer_part(clause)
        at = clause.find(word)
        while at >= 0:
            if not self.acts.not_after_power.search(
                clause[at + len(word) :]
            ) and not self.acts.applicant_before.search(clause[:at]):
                return True
            at = clause.find(word, at + 1)
        return False


def returned_precedence(
    best: int,
    order: np.ndarray,
    adjusted: np.ndarray,
    *,
    items: Sequence[DutyItem],
    item_kinds: Sequence[set[str]],
    licensed: Sequence[set[str]],
    asked_kinds: frozenset[str],
    named: Mapping[int, list[ActEvidence]],
    role_denies: bool,
    ratio: float,
    unlicensed_ratio: float,
    fits: Sequence[bool | None] = (),
    led: AbstractSet[str] = frozenset(),
) -> int:
    """Sample README precedence: when the act asked is itself listed as a 收回 item, that item
    applies even where a 配合/基本 item covers the township's lesser role on the same topic.
    A returned candidate scoring at least ``ratio`` (``returned_precedence_ratio``) of the best
    takes its place when it is of the best item's domain and names the asked act, or when the ask
    handles the power only that returned item names (whatever the domain). When the best is a
    基本 item that does not itself give the township the act asked (``licensed``: a patrol item
    asked to fine), or a 配合 item whose role says the township does not do it (``role_denies``:
    "不承担…运维费用"), that item cannot cover the ask at all, so a same-domain returned item
    naming the act needs only ``unlicensed_ratio`` (``returned_over_unlicensed_ratio``) of the
    best. A returned item the sender leads (``fits``) counts as of the best item's domain when
    the sender leads nothing in that domain (``led``): a fire brigade asking penalties under the
    township's lodger-registration duty asks its own fire-safety power."""
    if items[best].category is Category.RETURNED:
        return best
    floor = ratio * adjusted[best]
    unlicensed = (
        items[best].category is Category.BASIC and bool(asked_kinds - licensed[best])
    ) or (items[best].category is Category.COOPERATING and role_denies)
    act_floor = unlicensed_ratio * adjusted[best] if unlicensed else floor
    for i in order[1:]:
        item = items[int(i)]
        if item.category is not Category.RETURNED:
            continue
        if int(i) in named and adjusted[i] >= floor:
            return int(i)
        same_field = item.domain == items[best].domain or (
            bool(led) and items[best].domain not in led and bool(fits) and fits[int(i)] is True
        )
        if adjusted[i] >= act_floor and same_field and asked_kinds & item_kinds[int(i)]:
            return int(i)
    return best


def cooperating_over_unlicensed(
    best: int,
    order: np.ndarray,
    adjusted: np.ndarray,
    *,
    items: Sequence[DutyItem],
    fits: Sequence[bool | None],
    ratio: float,
    led: AbstractSet[str] = frozenset(),
) -> int:
    """A 基本 item that won retrieval while the notice asks the township a department-only act it
    does not give (``licensed``: a visiting item asked to assess patients' risk) cannot cover the
    ask. The sender's own 配合 item of that domain, scoring at least ``ratio``
    (``cooperating_over_unlicensed_ratio``) of it, is the topic's work the sender leads: the ask
    is then its lead's job pushed down (label rule 3), read against that item. When the sender
    leads nothing in the 基本 item's domain (``led``: the domains it leads), its 配合 item of any
    domain is: a postal bureau asking parcels opened and checked at the village depots sends its
    own inspection, whatever the list files the township's depot register under."""
    if items[best].category is not Category.BASIC:
        return best
    floor = ratio * adjusted[best]
    for i in order:
        i = int(i)
        item = items[i]
        if (
            i != best
            and item.category is Category.COOPERATING
            and fits[i] is True
            and (item.domain == items[best].domain or (bool(led) and items[best].domain not in led))
            and adjusted[i] >= floor
        ):
            return i
    return best


def cooperating_precedence(
    best: int,
    order: np.ndarray,
    adjusted: np.ndarray,
    *,
    items: Sequence[DutyItem],
    fits: Sequence[bool | None],
    topics: Sequence[frozenset[str]],
    body: str,
    acts: ActAnalyzer,
    bag: Bag,
    ratio: float,
) -> int:
    """Label rule 2: a 配合 item is the topic's work led by a county department, the township
    only doing its role. When the notice itself says that someone other than the township
    performs the topic's core work ("体检由县医院负责", "修剪培训由农广校承办"), a 配合
    candidate on that topic (``topics``) whose lead the sender plausibly is (``fits``), scoring
    at least ``ratio`` (``cooperating_precedence_ratio``) of the best, takes the place of the 基本
    item that won retrieval: what is left for the township is the cooperating role. Only the work
    words of those clauses count, not the agent's name ("县河长办每周排名" says nothing about who
    patrols the rivers)."""
    floor = ratio * adjusted[best]
    words: set[str] | None = None  # read only when a candidate qualifies (rare)
    for i in order[1:]:
        i = int(i)
        if (
            items[i].category is not Category.COOPERATING
            or fits[i] is not True
            or adjusted[i] < floor
        ):
            continue
        if words is None:
            others = acts.others_work_only(body)
            words = set(bag([(others, 1.0)])) if others else set()
            # words the 基本 winner's name says too ("地质灾害" of "地质灾害隐患点巡查") name the
            # shared topic, not whose the core work is
            words -= set(bag([(items[best].name, 1.0)]))
        if _overlap(words, topics[i]):
            return i
    return best


def basic_over_cooperating(
    best: int,
    order: np.ndarray,
    adjusted: np.ndarray,
    *,
    items: Sequence[DutyItem],
    parts: Sequence[tuple[str, float]],
    bm25: BM25Index,
    bag: Bag,
    neighbour_ratio: float,
    ask_weight: float,
    ask_advantage: float,
    others: frozenset[str] = frozenset(),
    lead: float = 0.0,
) -> int:
    """Near neighbours 基本 / 配合 on one topic, both sent by the topic's department: what the
    township is asked to do decides. A 配合 item offers the township only its
    ``township_role`` (its content is the lead's work); a 基本 item of the same domain scoring
    at least ``neighbour_ratio`` (``basic_neighbour_ratio``) of it takes its place when the asks
    (the title and the sentences weighted at least ``ask_weight``) are covered ``ask_advantage``
    (``basic_ask_advantage``) times better by the 基本 item's own name, content and role than by
    the 配合 item's name and role. After precedence took the 配合 item for what the notice says
    others do, the words of that work (``others``) are not the township's asks, and the 基本 item
    must also have led retrieval by ``lead`` (``basic_over_precedence_lead``): a 配合 item close
    behind it is the precedence's to take."""
    floor = max(neighbour_ratio, lead) * adjusted[best]
    coop = items[best]
    rivals = [
        int(i)
        for i in order
        if int(i) != best
        and items[int(i)].category is Category.BASIC
        and items[int(i)].domain == coop.domain
        and adjusted[i] >= floor
    ]
    if not rivals:
        return best
    ask = bag([parts[0], *[part for part in parts[1:] if part[1] >= ask_weight]])
    ask = {t: w for t, w in ask.items() if t not in others}
    total = sum(bm25.term_idf(t) * w for t, w in ask.items())
    if total <= 0:
        return best

    def covered(texts: Sequence[str]) -> float:
        doc = bag([(text, 1.0) for text in texts])
        return sum(bm25.term_idf(t) * w for t, w in ask.items() if t in doc) / total

    role = covered((coop.name, coop.township_role))
    for i in rivals:
        basic = items[i]
        if covered((basic.name, basic.content, basic.township_role)) >= (ask_advantage * role):
            return i
    return best


def _overlap(words: set[str], topic: frozenset[str]) -> bool:
    """Whether a word names the topic: equal to a topic term or part of it ("修剪" ⊂ "果树修剪")."""
    return any(w in topic or any(w in t for t in topic) for w in words if len(w) >= 2)
