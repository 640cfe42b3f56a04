"""A flag's reason quotes the evidence in its clause: the evidence is often one word ("下载",
"截图") and what makes it formalism stands beside it ("每村不少于200人"). Our own wordings."""

from __future__ import annotations

import random
import re

from jiceng.intake.decision import _CONTEXT_MAX, _abridged, _in_context
from tests.intake.factories import _screener, make_task


def _flag_reasons(body: str, title: str = "关于做好有关工作的通知") -> list[str]:
    result = _screener().screen(make_task(body, title=title))
    return [r for r in result.reasons if r.startswith("发现")]


def test_a_quota_reason_quotes_the_number_beside_the_word() -> None:
    body = (
        "为推进数字乡村建设，请各村组织村民下载注册县政务APP，每村不少于200人，月底前报送完成情况。"
    )
    reasons = _flag_reasons(body)
    quota = next(r for r in reasons if "强制摊派" in r)
    quoted = re.search(r"（原文：“(.+?)”）", quota)
    assert quoted is not None
    assert "每村不少于200人" in quoted.group(1)
    assert quoted.group(1).startswith("……")  # the sentence began before the quoted clauses


def test_the_next_clause_is_quoted_only_within_the_sentence() -> None:
    text = "请各村组织村民下载注册APP。每村不少于200人。"
    start = text.index("下载")
    assert _in_context(text, start, start + 2) == "请各村组织村民下载注册APP"
    # a line break ends a sentence too
    lines = "请各村组织村民下载注册APP\n每村不少于200人。"
    assert _in_context(lines, start, start + 2) == "请各村组织村民下载注册APP"


def test_the_clause_after_the_evidence_is_quoted_and_what_went_before_elided() -> None:
    text = "工作要求如下：签订责任书，报县里备案。"
    start = text.index("签订责任书")
    assert _in_context(text, start, start + 5) == "……签订责任书，报县里备案"


def test_evidence_that_is_its_whole_sentence_is_not_quoted_again() -> None:
    assert _in_context("签订责任书。", 0, 5) is None


def test_a_long_clause_is_cut_to_a_window_around_the_evidence() -> None:
    text = (
        "请各镇在本月内组织辖区全部村民小组长和网格员以及驻村工作队队员在村委会门前统一合影"
        "并将合影照片按村编号整理后连同签到表一并报送县里"
    )
    start = text.index("合影")
    quoted = _in_context(text, start, start + 2)
    assert quoted is not None and "合影" in quoted
    assert quoted.startswith("……") and quoted.endswith("……")
    assert len(quoted.strip("…")) <= _CONTEXT_MAX


def test_reasons_quote_title_evidence_from_the_title() -> None:
    reasons = _flag_reasons("请各村按要求做好有关工作。", title="关于开展村干部每日打卡的通知")
    punch = next(r for r in reasons if "标题中“打卡”" in r)
    assert "（原文：“关于开展村干部每日打卡的通知”）" in punch


def test_an_asked_clause_is_named_without_its_closing_comma_and_a_sentence_abridged() -> None:
    assert _abridged(" 请各街道自行采购烟感报警器， ") == "请各街道自行采购烟感报警器"
    sentence = (
        "请各镇组织人员对辖区内全部充电桩逐一开展绝缘性能和接地电阻测试并出具检测报告后报大队备案"
    )
    assert len(sentence) > _CONTEXT_MAX
    assert _abridged(sentence) == sentence[:_CONTEXT_MAX] + "……"


def test_any_span_of_any_text_quotes_its_evidence_or_nothing() -> None:
    """Spans anywhere (at a break, among blanks, across sentences) never fail, and a quote always
    holds the evidence it is quoted for."""
    rng = random.Random(7)
    alphabet = "截图打卡每周报送群里各村不少于照片，。；\n 　"
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 60)))
        start = rng.randrange(len(text))
        end = rng.randint(start + 1, min(len(text), start + 6))
        quoted = _in_context(text, start, end)
        evidence = text[start:end].strip("。！？；;!?，,：:、 \n　")
        if quoted is not None and evidence and all(c not in "，。；\n 　" for c in evidence):
            assert evidence in quoted
