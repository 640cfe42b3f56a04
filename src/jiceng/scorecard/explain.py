"""Why a township's scores moved from one month to the next, in plain Chinese sentences."""

from __future__ import annotations

from dataclasses import dataclass

from jiceng.scorecard.index import SUBSCORES, Indicator, SubScore, TownshipScore, format_value


@dataclass(frozen=True)
class Change:
    subscore: str
    label: str
    before: float | None
    after: float | None
    sentences: tuple[str, ...]

    @property
    def delta(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        return round(self.after - self.before, 2)


def _weight_share(sub: SubScore, item: Indicator) -> float:
    present = sum(i.weight for i in sub.indicators if i.has_data)
    return item.weight / present if present and item.has_data else 0.0


def _movers(before: SubScore, after: SubScore, limit: int) -> list[str]:
    """The indicators that moved the sub-score most, each with its raw values and its points."""
    prior = {i.key: i for i in before.indicators}
    moves: list[tuple[float, str]] = []
    for item in after.indicators:
        old = prior.get(item.key)
        if old is None:
            continue
        if old.has_data and not item.has_data:
            moves.append((0.0, f"“{item.label}”本月无数据，不再计入（上月 {old.display()}）"))
            continue
        if item.has_data and not old.has_data:
            moves.append((0.0, f"“{item.label}”本月起有数据：{item.display()}"))
            continue
        if not item.has_data or old.score is None or item.score is None:
            continue
        points = _weight_share(after, item) * item.score - _weight_share(before, old) * old.score
        if abs(points) < 0.05:
            continue
        moves.append(
            (
                abs(points),
                f"“{item.label}”由 {old.display()} 变为 {item.display()}，使{after.label}{'上升' if points > 0 else '下降'} {abs(points):.1f} 分",
            )
        )
    moves.sort(key=lambda m: -m[0])
    return [text for _, text in moves[:limit]]


def explain_change(
    before: TownshipScore | None, after: TownshipScore, limit: int = 3
) -> list[Change]:
    """One ``Change`` per sub-score (and the overall index last), with the main reasons."""
    changes: list[Change] = []
    for key in SUBSCORES:
        now = after.subscores[key]
        if before is None:
            changes.append(Change(key, now.label, None, now.score, ("没有上月数据可比",)))
            continue
        old = before.subscores[key]
        if now.score is None or old.score is None:
            changes.append(
                Change(
                    key, now.label, old.score, now.score, ("两个月中有一个月没有数据，无法比较",)
                )
            )
            continue
        delta = now.score - old.score
        direction = "持平" if abs(delta) < 0.05 else ("上升" if delta > 0 else "下降")
        head = f"{now.label}由 {old.score:.1f} {direction}至 {now.score:.1f}"
        if now.lower_is_better and abs(delta) >= 0.05:
            head += "（负担减轻）" if delta < 0 else "（负担加重）"
        sentences = [head, *_movers(old, now, limit)]
        changes.append(Change(key, now.label, old.score, now.score, tuple(sentences)))
    if before is not None and before.index is not None and after.index is not None:
        delta = after.index - before.index
        changes.append(
            Change(
                "index",
                "统筹指数",
                before.index,
                after.index,
                (f"统筹指数由 {before.index:.1f} 变为 {after.index:.1f}（{delta:+.1f}）",),
            )
        )
    return changes


def describe_indicator(item: Indicator) -> str:
    return f"{item.label}：{format_value(item.value, item.unit)}"
