"""A company or bank named as acting on its own part ("保险公司将据此直接核定赔款") is another body
doing that act, not an act asked of the township. Our own wording."""

from jiceng.intake.acts import ActAnalyzer


def test_an_insurer_settling_claims_itself_is_not_asked_of_the_township():
    acts = ActAnalyzer()
    body = "请各乡协助查勘人员到田间查看受灾情况，保险公司将据此直接核定赔款。"
    settled = [a for a in acts.power_asks("body", body) if "核定" in a[0].evidence]
    assert settled == []
    asked = "请各乡对受灾地块逐户核定赔款金额。"
    assert [a for a in acts.power_asks("body", asked) if "核定" in a[0].evidence]
