"""Round 7b: an act the sender forbids ("严禁由干部代缴保费", "不得自行处罚") is not asked of the
township — the negation scopes over the rest of its clause — while the same act asked outright
still is."""

import pytest

from tests.intake.factories import asked_kinds as kinds


@pytest.mark.parametrize(
    "text",
    [
        "请各乡动员群众自主缴纳养老保险费，严禁由村干部代缴、垫付保费。",
        "发现私屠滥宰的及时报告县农业农村局，乡镇不得自行罚款。",
        "各镇要做好宣传解释，禁止以任何形式先行垫资。",
    ],
)
def test_a_forbidden_act_is_not_asked(text: str) -> None:
    assert not kinds(text) & {"payment", "enforcement"}


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("请各乡先行垫付本村农户的保费，年底由县局统一结算。", "payment"),
        ("请各镇对私屠滥宰户罚款并登记。", "enforcement"),
    ],
)
def test_the_same_act_asked_outright_still_counts(text: str, kind: str) -> None:
    assert kind in kinds(text)
