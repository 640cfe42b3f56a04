"""The intake screening engine (事项准入): pure Python over dataclasses, no Django.

    screener = Screener(duty_items, examples=reviewed_tasks_or_None)
    result = screener.screen(task)          # ScreeningResult
    result.to_contract()                    # the DESIGN §4 output object
    screener.screen_many(tasks)             # the same, lazily, for many tasks: faster in batches

Indexes are built once in ``__init__``; ``screen`` is then cheap and thread-safe (read-only).
Beside the data-file lexicons and rules, five learned parts: one reads label rule 3 in wording the
lexicons lack (``jiceng.intake.pushed_jobs``), one weighs a pick against its same-topic neighbours
of the other categories (``jiceng.intake.neighbours``) with another's reading of which category of
duty the notice asks (``jiceng.intake.category_reader``), and two give a second opinion where the
rules conclude: on a task they would revise whose core may itself be formalism, rule 7
(``jiceng.intake.core_reader``), and on a task they set off the list that asks work township
lists hold (``jiceng.intake.listed_reader``). Setting ``screener.pushed_jobs``,
``screener.neighbours``, ``screener.category_reader``, ``screener.core_reader`` or
``screener.listed_reader`` to None screens without it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice

from jiceng.duties.items import Category, DutyItem
from jiceng.intake.acts import ACT_KINDS, ActAnalyzer, ActEvidence
from jiceng.intake.category_reader import CategoryReader
from jiceng.intake.core_reader import CoreReader
from jiceng.intake.decision import core_is_formalism, decide
from jiceng.intake.departments import DepartmentMatcher
from jiceng.intake.escalation import EscalationDetector
from jiceng.intake.flags import FlagDetector, load_flag_specs
from jiceng.intake.learning import LabelledTask, Learned, labelled_task_from_json, learn
from jiceng.intake.listed_reader import ListedReader
from jiceng.intake.matching import ItemMatcher, MatchOutcome, term_bag
from jiceng.intake.neighbours import (
    CharProfile,
    NeighbourModel,
    Pair,
    describe,
    pair_features,
    same_topic_rivals,
)
from jiceng.intake.neighbours import default_model as default_neighbour_model
from jiceng.intake.policy import load_data
from jiceng.intake.precedents import Precedent, PrecedentIndex
from jiceng.intake.pushed_jobs import PushedJobReader
from jiceng.intake.records import (
    FLAG_CODES,
    Decision,
    Flag,
    ScreeningResult,
    Task,
    Upstream,
    task_from_json,
)
from jiceng.text.associations import AssociationLexicon
from jiceng.text.regexguard import guarded
from jiceng.text.sentences import span_at, split_clauses
from jiceng.text.tokenize import CACHE_SIZE, warm_content_tokens

__all__ = [
    "FLAG_CODES",
    "Decision",
    "Flag",
    "LabelledTask",
    "ScreeningResult",
    "Screener",
    "Task",
    "Upstream",
    "labelled_task_from_json",
    "task_from_json",
]

# ``screen_many`` screens 256 tasks per batch (10,000 tasks: 2.95x plain jieba by wall clock
# against 3.05x at 64 and 3.44x unbatched, docs/benchmarks.md). Their titles and sentences, about
# eight a task, are warmed into the token cache, up to half of it: the rest stays for the items'
# texts and the phrases read while screening.
_BATCH = 256
_WARM_TEXTS = CACHE_SIZE // 2


class Screener:
    """Screens tasks against one township's duty list.

    ``examples`` (reviewed tasks with labels) are optional; they enrich item documents, re-fit
    the no-match threshold and calibrate flag patterns (see ``jiceng.intake.learning``).
    """

    def __init__(
        self,
        items: Sequence[DutyItem],
        *,
        examples: Sequence[LabelledTask] | None = None,
        associations: AssociationLexicon | None = None,
    ) -> None:
        self.items = list(items)
        self.associations = associations
        policy = load_data("policy")
        self.match_policy: dict[str, float] = dict(policy["matching"])
        self.specs = load_flag_specs()
        self.acts = ActAnalyzer()
        self.departments = DepartmentMatcher()
        self.none_threshold = float(self.match_policy["none_threshold"])
        chat = policy["chat"]
        self._chat_title, self._chat_body = guarded(chat["title"]), guarded(chat["body"])
        self.chat_none_threshold = float(chat["none_threshold"])
        self.learned = Learned()
        if examples:
            self.learned = learn(
                self.items,
                examples,
                acts=self.acts,
                detector=FlagDetector(self.specs),
                default_threshold=self.none_threshold,
                score_fn=self._fold_score,
            )
            if self.learned.none_threshold is not None:
                self.none_threshold = self.learned.none_threshold
        self.matcher = self._matcher(self.learned.extra_texts)
        self._items_by_id = {i.id: i for i in self.items}
        # the act kinds each item names, as the matcher worked them out (read by ``_follows``)
        self._kinds_by_id = dict(
            zip((i.id for i in self.matcher.items), self.matcher.item_kinds, strict=True)
        )
        self.precedents = self._precedents(examples or [])
        self.flags = FlagDetector(self.specs, disabled=self.learned.disabled_patterns)
        esc = self.specs["escalation"]
        self.escalation = EscalationDetector(esc.label, esc.rule)
        # the learned reader of pushed-down jobs, beside the act lexicons (None: lexicons only)
        pushed = policy["pushed_jobs"]
        self.pushed_jobs: PushedJobReader | None = PushedJobReader(
            self.acts, float(pushed["threshold"]), pushed["act_chars"]
        )
        # the learned arbiter between a pick and its same-topic neighbours (None: rules alone)
        self.neighbours: NeighbourModel | None = default_neighbour_model()
        # the learned reading of the duty's category the arbiter weighs (None: it weighs the rest)
        self.category_reader: CategoryReader | None = CategoryReader()
        # the learned second opinion on rule 7 where the rules give rule 6 (None: the rules alone)
        self.core_reader: CoreReader | None = CoreReader(float(policy["core_reader"]["threshold"]))
        # the learned second opinion on a task the rules set off the list (None: the rules alone)
        self.listed_reader: ListedReader | None = ListedReader(
            float(policy["listed_reader"]["threshold"])
        )
        self.profile = CharProfile(self.items)

    def _matcher(self, extra: dict[str, list[str]]) -> ItemMatcher:
        return ItemMatcher(
            self.items,
            self.match_policy,
            extra_texts=extra,
            acts=self.acts,
            departments=self.departments,
            associations=self.associations,
        )

    def _precedents(self, examples: Sequence[LabelledTask]) -> PrecedentIndex:
        lexicon = self.matcher.lexicon
        index = PrecedentIndex(
            examples,
            self.items,
            bag_of=lambda task: term_bag(self.matcher.query_parts(task), lexicon),
            item_bag=lambda item: term_bag(
                [(item.name, 1.0), (item.content, 1.0), (item.township_role, 1.0)], lexicon
            ),
        )
        if len(index):
            policy = load_data("learning")["precedents"]
            plain = self._matcher({})  # retrieval that has not learned the held-out example
            index.calibrate(
                lambda task: plain.match(task, none_threshold=self.none_threshold),
                follows=self._follows,
                default=float(policy["default_similarity"]),
                floor=float(policy["similarity_floor"]),
            )
        return index

    def _fold_score(self, extra: dict[str, list[str]], task: Task) -> float:
        cache = getattr(self, "_fold_cache", None)
        key = id(extra)
        if cache is None or cache[0] != key:
            cache = (key, self._matcher(extra))
            self._fold_cache = cache
        return cache[1].strength(task)

    def screen(self, task: Task) -> ScreeningResult:
        threshold = self.none_threshold_for(task)
        match = self.match(task, threshold)
        flags: list[Flag] = self.flags.detect(task, match.item)
        if match.weighed_from is not None and core_is_formalism(task, flags, self.specs, self.acts):
            # the arbiter learned from tasks whose item is no judgement call (rule-7 rejects are
            # left out of its training): a task whose core is formalism keeps the item retrieval
            # and the precedence rules chose
            match = match.weighed_from
            flags = self.flags.detect(task, match.item)
        esc_flags, esc_reasons = self.escalation.detect(task)
        flags.extend(esc_flags)
        shifting = self.specs["shifting_responsibility"]
        verdict = decide(
            task,
            match,
            flags,
            esc_reasons,
            specs=self.specs,
            acts=self.acts,
            shifting_rule=shifting.rule,
            shifting_label=shifting.label,
            none_threshold=threshold,
            pushed_jobs=self.pushed_jobs,
            core_reader=self.core_reader,
        )
        return ScreeningResult(
            task_id=task.id,
            decision=verdict.decision,
            duty_item=verdict.duty_item,
            category=verdict.category,
            confidence=self._confidence(match.score, match.candidates, verdict.decision, threshold),
            flags=verdict.flags,
            reasons=verdict.reasons,
            candidates=[(item.id, round(score, 4)) for item, score in match.candidates],
        )

    def match(self, task: Task, threshold: float) -> MatchOutcome:
        """The item ``task`` falls under: retrieval and precedence (``ItemMatcher``), with a 基本
        item the notice closely resembles kept where coverage alone set it off the list, the
        closest item where the learned reading is sure the notice asks listed work, a
        reviewed precedent of this county, the learned reader of pushed-down jobs and, where no
        precedent spoke, the learned arbiter between near neighbours."""
        match = self._rescue_by_resemblance(
            task, self.matcher.match(task, none_threshold=threshold), threshold
        )
        match = self._rescue_by_reading(task, match)
        precedent = self.precedents.nearest(task)
        followed = precedent is not None and self._follows(precedent.duty_item, match)
        if precedent is not None and followed:
            match = self._follow(precedent, task, match)
        match = self._read_as_pushed_down(task, match)
        if not followed:
            match = self._weigh_neighbours(task, match)
        return match

    def none_threshold_for(self, task: Task) -> float:
        """The coverage below which ``task`` matches no item: lower for a chat-group message,
        whose everyday wording the list covers less (policy.toml ``[chat]``)."""
        if self._chat_title.search(task.title) or self._chat_body.match(task.body):
            return min(self.none_threshold, self.chat_none_threshold)
        return self.none_threshold

    def _follows(self, reviewed: str | None, match: MatchOutcome) -> bool:
        """Whether a precedent's reviewed item takes the place of retrieval's pick. A precedent
        says which topic a recurring task is about, in the department's own shorthand; whether
        the township is asked a returned power (label rule 4) turns on what this notice asks.
        So a precedent does not move a task onto a 收回 item when this notice asks no act of
        that item's kind, nor off the 收回 item retrieval took for an act this notice asks."""
        item = self._items_by_id.get(reviewed or "")
        retrieved = match.item
        if item is None or retrieved is None or item.id == retrieved.id:
            return True
        asked = {a.kind for a in match.asked_acts}
        if item.category is Category.RETURNED and retrieved.category is not Category.RETURNED:
            kinds = self._kinds_by_id[item.id]
            return bool(asked & kinds) if kinds else bool(asked)
        if retrieved.category is Category.RETURNED and item.category is not Category.RETURNED:
            return not asked
        return True

    def _follow(self, precedent: Precedent, task: Task, match: MatchOutcome) -> MatchOutcome:
        """The match with the precedent's reviewed item (or no item) in retrieval's place."""
        item = self._items_by_id.get(precedent.duty_item or "")
        if item is None:
            note = precedent.note("清单外事项（无对应履职事项）")
            # no candidates: the "closest item below the threshold" wording would not be true here
            return MatchOutcome(None, match.score, [], match.asked_acts, notes=[note])
        note = precedent.note(f"{item.id}“{item.name}”")
        score = dict((c.id, s) for c, s in match.candidates).get(item.id, match.score)
        candidates = [(item, score), *[(c, s) for c, s in match.candidates if c.id != item.id]]
        plausible = self._sender_leads(task, item)
        return MatchOutcome(
            item,
            match.score,
            candidates,
            match.asked_acts,
            shared_terms=self.matcher.shared_terms(task, item),
            sender_plausible=plausible,
            notes=[note],
        )

    def _read_as_pushed_down(self, task: Task, match: MatchOutcome) -> MatchOutcome:
        """A 基本 winner whose notice the learned reader reads as a department's own job, where the
        act lexicons found none: the 基本 item does not give the township that job, so as for an
        act the lexicons name (``precedence.returned_precedence``, ``cooperating_over_unlicensed``)
        a 收回 item of its domain takes its place (label rule 4, the README's precedence), or else
        the sender's 配合 item of its domain (label rule 3), each at the policy's share of its score."""
        item = match.item
        if item is None or item.category is not Category.BASIC or self.pushed_jobs is None:
            return match
        if any(a.kind in ACT_KINDS for a in match.asked_acts) or not match.candidates:
            return match
        best = match.candidates[0][1]
        neighbours = [(c, s) for c, s in match.candidates[1:] if c.domain == item.domain]
        returned_floor = self.match_policy["returned_over_unlicensed_ratio"] * best
        cooperating_floor = self.match_policy["cooperating_over_unlicensed_ratio"] * best
        returned = (
            (c, s) for c, s in neighbours if c.category is Category.RETURNED and s >= returned_floor
        )
        senders = (
            (c, s)
            for c, s in neighbours
            if c.category is Category.COOPERATING
            and s >= cooperating_floor
            and self._sender_leads(task, c) is True
        )
        alternative = next(returned, None) or next(senders, None)
        if alternative is None:
            return match  # (the reader is read only when a neighbour could take the place)
        found = self.pushed_jobs.find("body", task.body)
        if found is None:
            return match
        (chosen, score), (evidence, probability) = alternative, found
        note = (
            f"通知要求乡镇“{evidence.evidence.strip()}”，学习所得的措辞模型读作部门自身职责"
            f"（概率 {probability:.2f}），基本事项 {item.id}“{item.name}”不赋予乡镇这一职责，"
            f"改按同领域的{chosen.category.label} {chosen.id}“{chosen.name}”审查。"
        )
        return MatchOutcome(
            chosen,
            match.score,
            [(chosen, score), *[(c, s) for c, s in match.candidates if c is not chosen]],
            [*match.asked_acts, evidence],
            shared_terms=self.matcher.shared_terms(task, chosen),
            sender_plausible=None if chosen.category is Category.RETURNED else True,
            notes=[*match.notes, note],
        )

    def neighbour_pairs(self, task: Task, match: MatchOutcome, floor: float = 0.0) -> list[Pair]:
        """The pick and each same-domain candidate of another category scoring at least
        ``floor`` of it (``jiceng.intake.neighbours``), with what the engine knows of both."""
        if match.item is None or not match.candidates or match.candidates[0][0] is not match.item:
            return []
        rivals = same_topic_rivals(match.candidates, floor)
        if not rivals:
            return []
        chosen, chosen_score = match.candidates[0]
        acts = [a for a in match.asked_acts if a.kind in ACT_KINDS]
        asked = frozenset(a.kind for a in acts)
        asked_text = "。".join(dict.fromkeys(self._clause_of(task, a) for a in acts))
        return [
            Pair(
                chosen,
                chosen_score,
                rival,
                rival_score,
                self._sender_leads(task, chosen),
                self._sender_leads(task, rival),
                frozenset(self._kinds_by_id[chosen.id]),
                frozenset(self._kinds_by_id[rival.id]),
                asked,
                asked_text,
            )
            for rival, rival_score in rivals
        ]

    @staticmethod
    def _clause_of(task: Task, act: ActEvidence) -> str:
        """The clause of the title or body where an asked act's evidence starts."""
        clause = span_at(
            split_clauses(task.title if act.field == "title" else task.body), act.start
        )
        return clause.text if clause else act.evidence

    def _sender_leads(self, task: Task, item: DutyItem) -> bool | None:
        """Whether the sender plausibly leads a 配合/收回 item (None for a 基本 item, which the
        township leads)."""
        if item.category is Category.BASIC:
            return None
        return self.departments.plausible_lead(
            task.from_department, item.lead_department, item.domain + item.name
        )

    def _weigh_neighbours(self, task: Task, match: MatchOutcome) -> MatchOutcome:
        """The same-topic neighbour the learned arbiter reads likeliest in the pick's place, when
        at least as likely as its threshold (``data/neighbours.toml``)."""
        model = self.neighbours
        if model is None:
            return match
        pairs = self.neighbour_pairs(task, match, model.rival_floor)
        if not pairs:
            return match
        text = task.title + "。" + task.body
        reading = self.category_reader.read(task) if self.category_reader is not None else None
        weighed = []
        for pair in pairs:
            features = pair_features(text, pair, self.profile, reading)
            weighed.append((model.probability(features), features, pair))
        probability, features, pair = max(weighed, key=lambda w: w[0])
        if probability < model.threshold:
            return match
        chosen, rival = pair.chosen, pair.rival
        strongest = "、".join(describe(name) for name in model.strongest(features))
        basis = f"；主要依据：{strongest}" if strongest else ""
        note = (
            f"检索和事项先后规则所选为{chosen.category.label} {chosen.id}“{chosen.name}”"
            f"（得分 {pair.chosen_score:.2f}），同领域的{rival.category.label} {rival.id}"
            f"“{rival.name}”得分 {pair.rival_score:.2f}；学习所得的近邻判别模型读作后者"
            f"（概率 {probability:.2f}{basis}），改按该事项审查，请审核人员确认。"
        )
        return MatchOutcome(
            rival,
            match.score,
            [(rival, pair.rival_score), *[(c, s) for c, s in match.candidates if c is not rival]],
            match.asked_acts,
            shared_terms=self.matcher.shared_terms(task, rival),
            sender_plausible=pair.sender_leads_rival,
            notes=[*match.notes, note],
            weighed_from=match,
        )

    def _rescue_by_resemblance(
        self, task: Task, match: MatchOutcome, threshold: float
    ) -> MatchOutcome:
        """The best candidate in place of no item when only the coverage threshold set the task
        off the list and the candidate is a 基本 item the notice's characters resemble closely
        (policy.toml ``resemblance_cosine``): the township's own duty in other words."""
        if match.item is not None or match.notes or not match.candidates:
            return match  # (a note: a sender test, the similarity floor or a precedent spoke)
        item, _ = match.candidates[0]
        if item.category is not Category.BASIC or match.score >= threshold:
            return match
        cosine = self.profile.resemblance(task.title + "。" + task.body, item)
        if cosine < self.match_policy["resemblance_cosine"]:
            return match
        note = (
            f"清单覆盖度 {match.score:.2f} 低于阈值 {threshold:.2f}，但通知与基本事项 {item.id}"
            f"“{item.name}”的字面相似度达 {cosine:.2f}（不低于 "
            f"{self.match_policy['resemblance_cosine']:.2f}）：所述即乡镇该项职责，只是措辞不同，"
            "故仍按该事项审查。"
        )
        return self._kept_on_list(task, match, item, [note])  # (a 基本 item: no lead to fit)

    def _rescue_by_reading(self, task: Task, match: MatchOutcome) -> MatchOutcome:
        """The closest candidate in place of no item when only the coverage threshold set the
        task off the list, the learned reading is sure the notice asks work township lists hold
        and no formalism is found under that candidate (``jiceng.intake.listed_reader``)."""
        reader = self.listed_reader
        if reader is None or match.item is not None or not match.candidates:
            return match
        if match.notes:
            # a sender test or the similarity floor spoke: the reader reads what the notice asks,
            # not who sends it or how piecemeal the list's words cover it
            return match
        reading = reader.read(task)  # (cheaper than looking for formalism: read first)
        if reading is None:
            return match
        item = match.candidates[0][0]
        if self.flags.detect(task, item):
            return match  # (formalism: off the list or under an item is another verdict)
        return self._kept_on_list(task, match, item, [reader.note(reading, item)])

    def _kept_on_list(
        self, task: Task, match: MatchOutcome, item: DutyItem, notes: list[str]
    ) -> MatchOutcome:
        """``match`` with ``item`` where the matcher found none, and the notes saying why."""
        return MatchOutcome(
            item,
            match.score,
            match.candidates,
            match.asked_acts,
            shared_terms=self.matcher.shared_terms(task, item),
            sender_plausible=self._sender_leads(task, item),
            notes=notes,
        )

    def screen_many(self, tasks: Iterable[Task]) -> Iterator[ScreeningResult]:
        """``screen`` over many tasks, a batch at a time. Each batch's titles and sentences are
        first tokenised back to back (``warm_content_tokens``) and matched against the synonym
        lexicon, so jieba's dictionary and the lexicon's pattern stay in the CPU's cache while
        they work; screening then finds their results cached. The results are those of
        ``screen`` one task at a time."""
        it = iter(tasks)
        while batch := list(islice(it, _BATCH)):
            texts = [text for task in batch for text in self.matcher.query_texts(task)]
            del texts[_WARM_TEXTS:]  # a batch of very long notices: warm what the cache keeps
            warm_content_tokens(texts)
            for text in texts:
                self.matcher.lexicon.group_tokens(text)
            for task in batch:
                yield self.screen(task)

    def _confidence(
        self,
        score: float,
        candidates: Sequence[tuple[DutyItem, float]],
        decision: Decision,
        threshold: float,
    ) -> float:
        """How sure the match is: distance from the no-match threshold times the lead over the
        runner-up. Low values mark results a reviewer should look at first."""
        distance = 0.5 + 0.5 * math.tanh((score - threshold) * 8)
        if len(candidates) >= 2 and candidates[0][1] > 0:
            margin = 1 - candidates[1][1] / candidates[0][1]
        else:
            margin = 1.0
        closeness = abs(distance - 0.5) * 2  # near the threshold either way is unsure
        return round(min(1.0, 0.4 * closeness + 0.6 * (0.5 + 0.5 * margin)), 3)
