"""The scorecard as the pages, the API and the report read it: which townships a user may see,
their scores for a month (and the months before), their imbalance flags and quadrant."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from jiceng.core.models import Organisation, User
from jiceng.errors import NotFoundError
from jiceng.scorecard import facts as facts_module
from jiceng.scorecard import gather
from jiceng.scorecard.explain import Change, explain_change
from jiceng.scorecard.imbalance import Imbalance, MonthPoint, check_township
from jiceng.scorecard.index import TownshipScore, quadrant, rank, score_township
from jiceng.scorecard.policy import load_policy
from jiceng.web.townships import visible_townships


def parse_month(value: str | None, default: date | None = None) -> date:
    """First day of "YYYY-MM"; a bad or missing value falls back to the last complete month."""
    try:
        year, month = str(value or "").split("-")[:2]
        return date(int(year), int(month), 1)
    except ValueError:
        return default or facts_module.shift(timezone.localdate().replace(day=1), -1)


def visible_township(user: User, pk: int) -> Organisation:
    for town in visible_townships(user):
        if town.pk == pk:
            return town
    raise NotFoundError("未找到该乡镇（街道），或您无权查看。")


def townships_of(county_id: int) -> list[Organisation]:
    return list(
        Organisation.objects.filter(county_id=county_id, kind=Organisation.Kind.TOWNSHIP).order_by(
            "name"
        )
    )


@dataclass
class Row:
    """One township of the county table."""

    score: TownshipScore
    previous: TownshipScore | None
    imbalances: list[Imbalance]
    quadrant: tuple[str, str] | None
    series: list[MonthPoint] = field(default_factory=list)

    @property
    def township_id(self) -> int | None:
        return self.score.township_id

    @property
    def red_flags(self) -> int:
        return sum(1 for i in self.imbalances if i.level == "red")

    @property
    def index_delta(self) -> float | None:
        return self.delta("index")

    def delta(self, key: str) -> float | None:
        now = self.score.index if key == "index" else self.score.subscores[key].score
        if self.previous is None:
            return None
        before = self.previous.index if key == "index" else self.previous.subscores[key].score
        return None if now is None or before is None else round(now - before, 1)


@dataclass
class Scorecard:
    county_id: int
    month: date
    rows: list[Row]
    history: dict[int, list[TownshipScore]] = field(
        default_factory=dict
    )  # township id -> scores, oldest first

    def row(self, township_id: int) -> Row:
        for r in self.rows:
            if r.township_id == township_id:
                return r
        raise NotFoundError("未找到该乡镇（街道）。")

    def sorted(self, by: str = "index", descending: bool = True) -> list[Row]:
        order = {
            s.township_id: i
            for i, s in enumerate(rank([r.score for r in self.rows], by, descending))
        }
        return sorted(self.rows, key=lambda r: order[r.township_id])

    @property
    def imbalances(self) -> list[Imbalance]:
        found = [i for r in self.rows for i in r.imbalances]
        found.sort(key=lambda i: (i.level != "red", i.kind, i.township))
        return found


def build(
    county_id: int, townships: list[Organisation], month: date, *, history: int = 2
) -> Scorecard:
    """Scores of ``townships`` for ``month`` and the ``history - 1`` months before it."""
    history = max(1, history)
    data = gather.collect(county_id, townships, month, history=history)
    policy = load_policy()
    months = facts_module.month_range(facts_module.shift(month, -(history - 1)), month)
    rows, scores_by_town = [], {}
    for town in townships:
        scores = [score_township(facts_module.facts_for(data, town, m), policy) for m in months]
        scores_by_town[town.pk] = scores
        current = scores[-1]
        series = facts_module.series_for(data, town)
        src = facts_module.sources(data, town, month)
        flags = check_township(
            current, series, data.powers.get(town.pk, []), policy=policy, sources=src
        )
        rows.append(
            Row(
                current,
                scores[-2] if len(scores) > 1 else None,
                flags,
                quadrant(current, policy),
                series,
            )
        )
    return Scorecard(county_id, month, rows, scores_by_town)


def for_user(user: User, month: date, *, history: int = 2) -> Scorecard:
    county_id = user.county_id_value
    if county_id is None:
        raise NotFoundError("您的账户未关联单位。")
    return build(county_id, visible_townships(user), month, history=history)


def township_trend(
    county_id: int, town: Organisation, month: date, months: int = 12
) -> tuple[list[TownshipScore], list[Change], Row]:
    """A township's scores over ``months`` months, why the last month changed, and its row."""
    card = build(county_id, [town], month, history=months)
    scores = card.history[town.pk]
    before = scores[-2] if len(scores) > 1 else None
    return scores, explain_change(before, scores[-1]), card.rows[0]
