"""A higher level's requirement relayed by the notice ("市局要求各县30日内完成…") says what the
township is to do, not work another body performs: it does not hand the topic to a 配合 item
(label rule 2's "someone else does the core work"). Our own wording (met in H24 and H19)."""

from jiceng.intake.acts import ActAnalyzer

ACTS = ActAnalyzer()


def test_a_relayed_requirement_is_no_work_of_the_level_above():
    body = "市局要求各县20日内完成春季造林，成活率不低于85%。请各乡组织护林员补植补造。"
    assert ACTS.others_work_only(body) == ""


def test_work_a_county_body_performs_stays_its_own():
    body = "县林业局负责苗木调运和成活率抽查，请各乡组织护林员补植补造。"
    assert "苗木调运" in ACTS.others_work_only(body)
    relayed_then_done = "市局要求各县20日内完成春季造林。县林业局负责苗木调运。"
    assert "苗木调运" in ACTS.others_work_only(relayed_then_done)
