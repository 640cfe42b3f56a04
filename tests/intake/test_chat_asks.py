"""Chat messages ask without the official cues (请/要求): "麻烦…", "记得…", "辛苦…". Our own
wording. Such a sentence is an ask, so listed work asked that way survives cutting the
formalism next to it (label rule 6, not 7)."""

import pytest

from jiceng.intake.acts import ActAnalyzer
from jiceng.intake.screening import Screener

from .factories import ITEMS, make_task


@pytest.mark.parametrize(
    "sentence",
    ["清运车已经派到乡里了记得去领", "麻烦乡里找人把村口垃圾清一清", "辛苦各村这周把死角扫一遍"],
)
def test_colloquial_requests_are_asks(sentence: str) -> None:
    assert ActAnalyzer().is_ask(sentence)


def test_plain_news_is_not_an_ask() -> None:
    assert not ActAnalyzer().is_ask("上周县里的评比结果出来了")


def test_chat_message_with_work_and_photo_demands_is_revised() -> None:
    body = (
        "下周各村搞一次房前屋后卫生大扫除，清运车已经派到乡里了记得去领。"
        "另外每个村扫除前后各拍20张对比照片发到工作群里。"
    )
    r = Screener(ITEMS).screen(make_task(body, title="村庄大扫除", sender="县农业农村局"))
    assert r.duty_item == "F-JB-02"
    assert r.decision.value == "revise"
