"""PNG charts of the monthly report, drawn with matplotlib's Agg backend (no display needed).

Chinese labels are used when a CJK font is installed; otherwise the charts fall back to numbers
and ASCII legends and the captions in the document carry the Chinese.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from functools import cache
from typing import Any

from jiceng.scorecard.index import TownshipScore, quadrant
from jiceng.scorecard.policy import load_policy

CJK_FONTS = (
    "Noto Sans CJK SC",
    "Noto Serif CJK SC",
    "Source Han Sans SC",
    "Source Han Serif SC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "SimHei",
    "SimSun",
    "FangSong",
    "Microsoft YaHei",
    "AR PL UMing CN",
)
COLOURS = {"burden": "#b7251d", "empowerment": "#2f6f9f", "service": "#3b8f5a", "index": "#6b4c9a"}


@cache
def cjk_font() -> str | None:
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    return next((name for name in CJK_FONTS if name in installed), None)


def _figure(width: float = 6.4, height: float = 3.4) -> tuple[Any, str | None]:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), dpi=150), cjk_font()


def _png(fig: Any) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", bbox_inches="tight")
    return buffer.getvalue()


def _names(scores: Sequence[TownshipScore], font: str | None) -> list[str]:
    # Without a CJK font, townships are shown by their number in the report's table.
    return [s.township if font else str(i) for i, s in enumerate(scores, 1)]


def ranking_png(scores: Sequence[TownshipScore]) -> bytes:
    """Horizontal bars of the overall index, best at the top (``scores`` in table order)."""
    shown = [s for s in scores if s.index is not None]
    fig, font = _figure(6.4, max(2.4, 0.28 * len(shown) + 1))
    ax = fig.add_subplot()
    names = _names(shown, font)[::-1]
    values = [s.index or 0.0 for s in shown][::-1]
    ax.barh(range(len(values)), values, color=COLOURS["index"])
    ax.set_yticks(range(len(values)), names, fontsize=7, fontfamily=font or "sans-serif")
    ax.set_xlim(0, 100)
    ax.set_xlabel("统筹指数" if font else "index", fontfamily=font or "sans-serif")
    for i, v in enumerate(values):
        ax.text(v + 1, i, f"{v:.1f}", va="center", fontsize=6)
    return _png(fig)


def quadrant_png(scores: Sequence[TownshipScore]) -> bytes:
    """Burden (x) against capacity (y): the lower-right corner is the pony pulling a big cart."""
    policy = load_policy()["quadrant"]
    fig, font = _figure(6.4, 4.6)
    ax = fig.add_subplot()
    family = font or "sans-serif"
    bx, cy = float(policy["burden_line"]), float(policy["capacity_line"])
    ax.axvline(bx, color="#888", linewidth=0.8, linestyle="--")
    ax.axhline(cy, color="#888", linewidth=0.8, linestyle="--")
    ax.axvspan(bx, 100, ymin=0, ymax=cy / 100, color="#f6d5d2", alpha=0.6)
    for i, s in enumerate(scores, 1):
        if s.burden is None or s.empowerment is None:
            continue
        code = (quadrant(s) or ("", ""))[0]
        colour = COLOURS["burden"] if code == "heavy_weak" else COLOURS["empowerment"]
        ax.scatter([s.burden], [s.empowerment], color=colour, s=18)
        ax.annotate(
            s.township if font else str(i),
            (s.burden, s.empowerment),
            fontsize=6,
            xytext=(3, 3),
            textcoords="offset points",
            fontfamily=family,
        )
    ax.set_xlim(0, 100)
    ax.set_ylim(0, 100)
    ax.set_xlabel("负担指数（越右越重）" if font else "burden (right = heavier)", fontfamily=family)
    ax.set_ylabel("赋能指数（越上越强）" if font else "capacity (up = stronger)", fontfamily=family)
    corner = "小马拉大车" if font else "overloaded"
    ax.text(
        98,
        2,
        corner,
        ha="right",
        va="bottom",
        fontsize=8,
        color=COLOURS["burden"],
        fontfamily=family,
    )
    return _png(fig)


def subscores_png(scores: Sequence[TownshipScore]) -> bytes:
    """The three sub-scores side by side for every township."""
    fig, font = _figure(6.4, 3.4)
    ax = fig.add_subplot()
    names = _names(scores, font)
    width = 0.27
    labels = {"burden": "负担", "empowerment": "赋能", "service": "服务成效"}
    for k, key in enumerate(("burden", "empowerment", "service")):
        values = [s.subscores[key].score or 0.0 for s in scores]
        ax.bar(
            [i + (k - 1) * width for i in range(len(scores))],
            values,
            width,
            color=COLOURS[key],
            label=labels[key] if font else key,
        )
    ax.set_xticks(
        range(len(scores)),
        names,
        rotation=45,
        ha="right",
        fontsize=6,
        fontfamily=font or "sans-serif",
    )
    ax.set_ylim(0, 100)
    ax.legend(fontsize=7, prop={"family": font} if font else None, loc="upper right")
    return _png(fig)


def trend_png(history: Sequence[TownshipScore]) -> bytes:
    """One township's three sub-scores and index over the months."""
    fig, font = _figure(6.4, 3.0)
    ax = fig.add_subplot()
    months = [s.month for s in history]
    labels = {"burden": "负担", "empowerment": "赋能", "service": "服务成效", "index": "统筹指数"}
    for key in ("burden", "empowerment", "service", "index"):
        values = [s.index if key == "index" else s.subscores[key].score for s in history]
        ax.plot(
            range(len(months)),
            [float("nan") if v is None else v for v in values],
            marker="o",
            markersize=3,
            color=COLOURS[key],
            label=labels[key] if font else key,
        )
    ax.set_xticks(range(len(months)), months, rotation=45, ha="right", fontsize=6)
    ax.set_ylim(0, 100)
    ax.legend(fontsize=7, prop={"family": font} if font else None)
    return _png(fig)
