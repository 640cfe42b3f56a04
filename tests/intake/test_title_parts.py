"""A title that joins listed work to a formalism ask ("X宣传和承诺书") does not by itself make
the task core formalism (label rule 6 vs 7): the body decides. Our own wording."""

import pytest

from jiceng.intake.decision import _title_joins_work
from jiceng.intake.flags import load_flag_specs
from jiceng.intake.screening import Screener

from .factories import ITEMS, make_task

BODY = (
    "入冬以后火灾多发，请各乡组织村干部进村入户开展消防安全宣传，提醒群众安全用火用电。"
    "另外，各村每户都要签订防火承诺书，签字页扫描件周五前报县里。"
)


@pytest.fixture(scope="module")
def screener() -> Screener:
    return Screener(ITEMS)


def test_title_with_work_and_pledge_is_revised(screener: Screener) -> None:
    r = screener.screen(make_task(BODY, title="入冬防火宣传和户户签承诺书", sender="县应急管理局"))
    assert r.decision.value == "revise"
    assert "pledge_veto" in {f.code for f in r.flags}


def test_title_that_is_only_the_pledge_stays_core(screener: Screener) -> None:
    r = screener.screen(
        make_task(BODY, title="关于户户签订防火承诺书的通知", sender="县应急管理局")
    )
    assert r.decision.value == "reject"


@pytest.mark.parametrize(
    ("title", "span", "joins"),
    [
        ("入冬防火宣传和户户签承诺书", "承诺书", True),
        ("隐患排查整治暨迎接年度考核", "迎接年度考核", True),
        ("关于户户签订防火承诺书的通知", "承诺书", False),
        ("评比和表彰", "评比", False),  # one word left: no substance of its own
    ],
)
def test_title_parts(title: str, span: str, joins: bool) -> None:
    s = title.index(span)
    assert _title_joins_work(title, [(s, s + len(span))], load_flag_specs()) is joins
