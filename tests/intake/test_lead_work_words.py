"""The lead's own work in a 配合 item's content, read through the whole sentence and against what
the township_role really gives the township (not the lead's act it only takes part in or waits
for). A township made the doer of that work is doing the lead's job (rule 3). Our own wording."""

from jiceng.duties.items import Category, DutyItem
from jiceng.intake.acts import ActAnalyzer
from jiceng.intake.screening import Screener
from tests.intake.factories import make_task

ACCEPTANCE = DutyItem(
    "W-PH-01",
    Category.COOPERATING,
    "生态环境",
    "涉气企业治理提升",
    "县生态环境局牵头对喷涂企业开展废气治理提升，组织治理设施验收。",
    "《大气污染防治法》",
    "县生态环境局",
    "督促企业落实治理设施改造，配合县生态环境局开展验收。",
)
SURVEY = DutyItem(
    "W-PH-02",
    Category.COOPERATING,
    "统计",
    "小麦产量抽样调查",
    "调查队组织小麦产量抽样调查，开展实割实测。",
    "《统计法》",
    "国家统计局某县调查队",
    "提供样本地块和农户联系方式；实割实测时派员带路。",
)


def test_the_acceptance_the_lead_keeps_is_its_work():
    words = ActAnalyzer().lead_work_words(ACCEPTANCE)
    assert "验收" in words


def test_township_made_the_doer_of_the_leads_acceptance_is_rule_3():
    body = "各乡：喷涂企业治理设施验收工作由各乡负责组织实施，逐家出具验收意见，报我局备案。"
    r = Screener([ACCEPTANCE]).screen(make_task(body, title="治理验收", sender="县生态环境局"))
    assert (r.decision.value, r.duty_item) == ("reject", "W-PH-01")
    assert "shifting_responsibility" in r.flag_codes


def test_the_acceptance_named_as_a_condition_is_not():
    body = "各乡：请督促喷涂企业落实治理设施改造，验收合格的由乡里张榜公示名单。"
    r = Screener([ACCEPTANCE]).screen(make_task(body, title="治理提升", sender="县生态环境局"))
    assert (r.decision.value, r.duty_item) == ("admit", "W-PH-01")


def test_the_lead_named_by_the_tail_of_its_name_and_its_timed_role():
    assert "实测" in ActAnalyzer().lead_work_words(SURVEY)
    body = "各乡：今年有两个样本村队里派不出人，麻烦各乡自己组织实割实测，算出亩产直接报队里。"
    r = Screener([SURVEY]).screen(make_task(body, title="实割实测", sender="国家统计局某县调查队"))
    assert (r.decision.value, r.duty_item) == ("reject", "W-PH-02")


STRAW = DutyItem(
    "W-PH-03",
    Category.COOPERATING,
    "农业农村",
    "秸秆还田面积核查",
    "县农业农村局依托遥感影像和实地抽查，核定秸秆还田面积和作业质量。",
    "《秸秆综合利用实施方案》",
    "县农业农村局",
    "组织农户申报还田地块；县级核查时派员带路；将县级核定结果张榜公示。",
)


def test_the_township_made_doer_goes_on_through_its_sentence():
    body = (
        "各乡：县局人手不够，请各乡自己组织人，按核查规范逐块量还田面积、查作业质量，"
        "出具核查结论盖乡公章报局里，县里直接按结论兑付补助。"
    )
    r = Screener([STRAW]).screen(make_task(body, title="还田核查", sender="县农业农村局"))
    assert (r.decision.value, r.duty_item) == ("reject", "W-PH-03")


def test_a_farm_doing_its_own_part_does_not_carry_the_doer():
    clauses = ActAnalyzer().township_doer_clauses(
        "各乡：规模场自行还田，按规范做好作业质量记录，请各乡组织农户申报还田地块。"
    )
    assert [c.text for c in clauses] == ["规模场自行还田，"]


def test_the_township_as_the_sentences_subject_stays_the_doer():
    clauses = ActAnalyzer().township_doer_clauses(
        "乡镇在入户调查和公示后，直接作出是否给予救助的决定，核定救助金额，按月发放。"
    )
    assert [c.text for c in clauses][-2:] == ["核定救助金额，", "按月发放。"]


def test_in_the_townships_own_name_is_a_doer_unless_forbidden():
    acts = ActAnalyzer()
    assert acts.township_doer_clauses("请街道调查后以街道名义出具书面答复意见书。")
    assert not acts.township_doer_clauses("请勿以街道名义对群众作出补偿承诺。")


def test_testing_done_by_the_township_itself():
    kinds = {a.kind for a in ActAnalyzer().asked_acts("body", "请镇里每月自己做水质检测。")}
    assert "professional" in kinds
