"""Wording met in H23 (studied after its blind score), in our own text: a head count handed down
as the township's task, recording each visit on video, a 示范X创建, a principal told to attend in
person, a decision already served long ago (早就…了), giving a grade or adjusting a treatment plan
as professional work, a this-week time demand in a chat message, and the overload-control office
and a port centre placed with the transport department."""

from jiceng.intake.departments import DepartmentMatcher
from jiceng.intake.screening import Screener
from tests.intake.factories import ITEMS, asked_kinds, flags_of, make_task


def test_a_head_count_handed_down_as_a_task_is_a_quota():
    assert "forced_apportionment" in flags_of(
        "各乡：今年技能培训任务分解下达，城西乡任务数为200人次。"
    )
    shared = "各乡：网上答题参与人数县里分了任务，城西乡800人，月底前完成。"
    assert "forced_apportionment" in flags_of(shared)
    assert "forced_apportionment" not in flags_of(
        "各乡：请把今年的培训任务落实好，名单月底前报县局。"
    )


def test_recording_each_visit_on_video_is_a_trace_demand():
    body = "各乡：陪同检查的协管员每进一家店全程用手机录像，录像每天传到所里邮箱。"
    assert "excessive_traces" in flags_of(body)


def test_a_model_home_to_create_is_a_creation_activity():
    assert "creation_activity" in flags_of("各乡：今年开展“示范妇女之家”创建，每个村都要参加。")


def test_a_principal_told_to_attend_in_person_is_a_meeting_burden():
    body = "各乡：每周一上午县里开调度会，乡党委书记或乡长本人参加，不得委托。"
    assert "meeting_burden" in flags_of(body)


def test_a_decision_served_long_ago_is_the_departments_done_work():
    body = "局里的限期拆除决定早就送达了，明早我们执法大队过去拆。麻烦乡里派几个人维持现场秩序。"
    assert "enforcement" not in asked_kinds(body)


def test_giving_a_grade_or_adjusting_treatment_is_professional_work():
    assert "professional" in asked_kinds(
        "请你们乡组织人直接上门看一下，按标准给定个残疾类别和等级。"
    )
    body = "请你乡组织网格员逐一上门评定危险性等级，对3级以上的患者调整服药方案。"
    assert "professional" in asked_kinds(body)


def test_the_overload_office_and_a_port_centre_stand_for_transport():
    d = DepartmentMatcher()
    assert d.plausible_lead("县治理车辆超限超载工作领导小组办公室", "县交通运输局") is True
    assert d.plausible_lead("县港航事业发展中心", "县交通运输局") is True


def test_a_this_week_demand_in_a_chat_asks_work_beside_photos_in_a_group():
    body = (
        "各乡：村庄房前屋后的卫生死角本周内全部清一遍，垃圾堆当天清运。每个点位清理前、清理后"
        "各拍一张照片，每天晚上9点前发“整治群”，没发照片的点位视为未整改。"
    )
    r = Screener(ITEMS).screen(make_task(body, title="卫生死角清理"))
    assert "digital_formalism" in r.flag_codes
    assert r.decision == "revise"


def test_signatures_on_an_application_or_a_verification_form_are_legitimate():
    body = "各乡：请受理重点对象的改造申请，申请书须由户主本人签字并按手印，评议后公示7天。"
    assert "excessive_traces" not in flags_of(body)
    form = "各乡：请入户核实家庭收入，在核实表上出具意见，由核实人签字并加盖乡政府公章。"
    assert "excessive_traces" not in flags_of(form)
    assert "excessive_traces" in flags_of("各乡：每户走访后请户主在走访记录上签字并按手印。")


def test_an_acceptance_conclusion_or_survey_report_issued_by_the_township_is_professional():
    accept = "请你乡牵头对覆土厚度、苗木成活率进行验收，出具验收结论并加盖乡政府公章。"
    assert "professional" in asked_kinds(accept)
    survey = "请各乡逐个图斑开展外业调查，认定变化原因和是否违法，并出具调查报告。"
    assert asked_kinds(survey) & {"professional", "enforcement"}
