"""Round 40: a returned power the sender leads stands for an act asked under a basic item of a
domain the sender does not lead; the cases a clause ending in 的 sets out belong to whoever the
next clause names; measuring with a noise meter, a consent or licence decision given and taxes
or fees collected on a department's behalf are acts. Our own wording."""

import numpy as np
import pytest

from jiceng.intake.precedence import returned_precedence

from .factories import B, R, asked_kinds, make_item

LODGERS = make_item("L-JB-01", B, "基层治理", "群租房住户登记", "登记群租房住户。", "乡镇")
FIRE_PENALTY = make_item(
    "L-SH-01", R, "消防安全", "消防违法行为处罚", "对消防违法行为作出罚款决定。", "县消防救援大队"
)


def _precedence(led: frozenset[str]) -> int:
    items = [LODGERS, FIRE_PENALTY]
    return returned_precedence(
        0,
        np.array([0, 1]),
        np.array([0.30, 0.25]),
        items=items,
        item_kinds=[set(), {"enforcement"}],
        licensed=[set(), set()],
        asked_kinds=frozenset({"enforcement"}),
        named={},
        role_denies=False,
        ratio=0.7,
        unlicensed_ratio=0.3,
        fits=[None, True],
        led=led,
    )


def test_the_senders_returned_power_stands_under_a_basic_item_outside_its_field() -> None:
    assert _precedence(frozenset({"消防安全"})) == 1


def test_a_sender_leading_the_basic_items_domain_keeps_that_domains_rule() -> None:
    assert _precedence(frozenset({"消防安全", "基层治理"})) == 0


@pytest.mark.parametrize(
    "text",
    [
        "请各街道摸排辖区工地拖欠工资的苗头。遇到责令改正、立案处理的，由县劳动监察大队依法办理。",
        "发现私设摊点需要罚款的，由城管中队依法处理。",
    ],
)
def test_the_cases_set_out_before_anothers_clause_are_theirs(text: str) -> None:
    assert "enforcement" not in asked_kinds(text)


def test_the_cases_set_out_before_the_townships_own_clause_stay_its_own() -> None:
    assert "enforcement" in asked_kinds("对拒不整改的，请各镇直接立案查处。")


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("请街道晚上带上噪声仪到厂界测一下，把数据发我们。", "professional"),
        ("请社区派人到工地测一下夜间分贝，作为处理依据。", "professional"),
        ("请街道到店里看过后出具准予营业与否的书面意见。", "enforcement"),
        ("请镇里审核后作出是否准予占用的决定。", "enforcement"),
        ("请街道在市场里代征个体户的税款，月底解缴。", "payment"),
        ("请村里上门代收今年的卫生费。", "payment"),
    ],
)
def test_noise_readings_consents_and_collections_are_acts(text: str, kind: str) -> None:
    assert kind in asked_kinds(text)
