"""Screening many tasks a batch at a time (``Screener.screen_many``).

A batch's titles and sentences are tokenised ahead of screening it, which only moves work in
time: the results, their order and their count are those of ``screen`` one task at a time.
"""

from __future__ import annotations

import importlib

import pytest

from jiceng.intake import screening
from jiceng.intake.screening import Screener
from jiceng.text.sentences import split_sentences

from .factories import ITEMS, make_task

# the module (the package exports its function ``tokenize`` under the same name)
tokenize = importlib.import_module("jiceng.text.tokenize")

# Our own wording: chat messages and notices on the factory list's topics, one off the list.
BODIES = [
    "请各村这周把养殖场周边沟渠走一遍，发现粪污直排的拍照报乡里。",
    "@各村 明天起连续三天大风，请把村里的柴草堆、电动车充电点再查一遍。",
    "县消防救援大队将对沿街商铺开展检查，请乡里派人带路。",
    "请乡政府对辖区养殖户直接下达处罚决定书，罚款收缴后报我局。",
    "请各乡镇组织群众观看招商引资宣传片，每村转发朋友圈不少于50人次。",
    "关于做好村庄环境卫生整治的通知。请各村清运房前屋后的生活垃圾。",
    "信访人反映邻里纠纷，请乡里接待并就地化解，办理结果报县信访局。",
]


def _tasks() -> list:
    return [make_task(body, task_id=f"b{n}") for n, body in enumerate(BODIES)]


def _clear_caches() -> None:
    tokenize._content_tokens.cache_clear()


def test_batches_give_the_results_of_one_task_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    one_by_one = Screener(ITEMS)
    _clear_caches()
    expected = [one_by_one.screen(t).to_contract() for t in _tasks()]

    # batches of three: seven tasks cross two batch boundaries
    monkeypatch.setattr(screening, "_BATCH", 3)
    _clear_caches()
    batched = [r.to_contract() for r in Screener(ITEMS).screen_many(iter(_tasks()))]

    assert batched == expected
    assert [r["id"] for r in batched] == [f"b{n}" for n in range(len(BODIES))]


def test_a_batch_is_tokenised_before_it_is_screened(monkeypatch: pytest.MonkeyPatch) -> None:
    tasks = _tasks()
    monkeypatch.setattr(screening, "_BATCH", len(tasks))
    screener = Screener(ITEMS)
    screener.screen(make_task("请乡里做好准备。"))  # the items' own texts cached first
    _clear_caches()
    results = screener.screen_many(tasks)
    next(results)  # the first result: the whole batch was warmed before it
    cached = tokenize._content_tokens.cache_info().currsize
    texts = {t.title for t in tasks} | {s.text for t in tasks for s in split_sentences(t.body)}
    assert cached >= len(texts)
    hits = tokenize._content_tokens.cache_info().hits
    tokenize.content_tokens(tasks[-1].body.split("。")[0] + "。")
    assert tokenize._content_tokens.cache_info().hits == hits + 1  # the last task's sentence


def test_warming_stops_at_its_share_of_the_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(screening, "_WARM_TEXTS", 2)
    screener = Screener(ITEMS)
    screener.screen(make_task("请乡里做好准备。"))
    _clear_caches()
    warmed: list[str] = []
    monkeypatch.setattr(screening, "warm_content_tokens", lambda texts: warmed.extend(texts))
    list(screener.screen_many(_tasks()))
    assert len(warmed) == 2  # one batch (the default size holds all seven), two texts


def test_warm_content_tokens_fills_the_cache() -> None:
    _clear_caches()
    texts = ["请各村排查危房。", "组织群众开展应急演练。"]
    tokenize.warm_content_tokens(texts)
    assert tokenize._content_tokens.cache_info().currsize == 2
    assert tokenize.content_tokens(texts[0]) == list(tokenize._content_tokens(texts[0]))
    assert tokenize._content_tokens.cache_info().misses == 2  # nothing cut twice
