"""A chat-group message is held to a lower no-match threshold (policy.toml ``[chat]``).

Its everyday wording shares fewer words with the list than a formal notice on the same duty, so
the list's coverage of it is lower. Our own wording against the factory list: the same request
as a chat message matches the item of visits to old people, and as a notice it stays off the list.
"""

from __future__ import annotations

import pytest

from jiceng.intake.screening import Screener

from .factories import ITEMS, make_task

ASK = "有几户老人说屋里电线老化，麻烦去看一眼。"


@pytest.fixture(scope="module")
def screener() -> Screener:
    return Screener(ITEMS)


@pytest.mark.parametrize(
    ("title", "body"),
    [
        ("工作群消息", ASK),
        ("电线老化（群消息）", ASK),
        ("关于做好有关工作的通知", "@各村 " + ASK),
    ],
)
def test_a_chat_message_has_the_lower_threshold(screener: Screener, title: str, body: str) -> None:
    task = make_task(body, title=title)
    assert screener.none_threshold_for(task) == screener.chat_none_threshold
    assert screener.chat_none_threshold < screener.none_threshold


@pytest.mark.parametrize(
    ("title", "body"),
    [
        ("关于做好困难群众走访的通知", ASK),  # 群众 is not a chat group
        ("关于做好有关工作的通知", "请各村 @ 网格员转告：" + ASK),  # "@" inside, not opening
    ],
)
def test_a_notice_keeps_the_usual_threshold(screener: Screener, title: str, body: str) -> None:
    assert screener.none_threshold_for(make_task(body, title=title)) == screener.none_threshold


def test_a_chat_message_under_the_usual_threshold_is_still_matched(screener: Screener) -> None:
    chat = make_task("@各村 " + ASK, title="工作群消息")
    coverage = screener.matcher.match(chat, none_threshold=0.0).score
    assert screener.chat_none_threshold <= coverage < screener.none_threshold
    assert screener.screen(chat).duty_item == "F-JB-05"


def test_a_notice_under_the_usual_threshold_is_off_the_list(screener: Screener) -> None:
    notice = make_task(ASK, title="关于电线老化的通知")
    assert screener.matcher.match(notice, none_threshold=0.0).score < screener.none_threshold
    result = screener.screen(notice)
    assert result.duty_item is None
    assert any(f"低于阈值 {screener.none_threshold:.2f}" in r for r in result.reasons)
