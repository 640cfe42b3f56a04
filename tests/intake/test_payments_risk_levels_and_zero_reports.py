"""Round 25: money from the township's funds and costs left for it to resolve are payment; a
patient's risk level, a prescription and pest counts are professional work; the sampler as an
attribute of a person is no act asked; a leading group's office stands for the lead of the topic
it is named after; applying for a subsidy is not granting it; photos of a meeting's scene, n
photos each, staff group photos on a parcel and zero reports in a group are formalism, signed
professional reports and payout lists are not. Our own wording."""

import pytest

from jiceng.duties.items import Category, DutyItem
from jiceng.intake.departments import DepartmentMatcher
from jiceng.intake.records import Task
from jiceng.intake.screening import Screener

from .factories import asked_kinds, flags_of

B, C, R = Category.BASIC, Category.COOPERATING, Category.RETURNED


@pytest.mark.parametrize(
    "text",
    [
        "麻烦各镇自己买几台换上，钱从镇里办公经费出。",
        "请各镇对辖区路灯进行更换，所需费用由各镇先行解决。",
    ],
)
def test_the_townships_own_money_is_payment(text: str) -> None:
    assert "payment" in asked_kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "请各镇每季度上门评估在册患者的危险性等级。",
        "请各镇依据调查结果为合作社开具农药使用处方。",
        "请各镇农技人员每7天调查一次稻飞虱虫口密度。",
    ],
)
def test_risk_levels_prescriptions_and_pest_counts_are_professional(text: str) -> None:
    assert "professional" in asked_kinds(text)


def test_the_sampler_named_by_what_he_does_is_no_sampling_asked() -> None:
    assert "professional" not in asked_kinds("请安排管水员在井边等候，带取样的同志进去。")
    assert "professional" in asked_kinds("请各镇自己到井边取样后送县中心。")


def test_an_order_to_compensate_is_enforcement() -> None:
    assert "enforcement" in asked_kinds("请镇里调查核实，责成店主赔偿游客损失。")


def test_a_leading_groups_office_stands_for_the_lead_of_its_topic() -> None:
    matcher = DepartmentMatcher()
    office = "县农村危房改造工作领导小组办公室"
    assert matcher.plausible_lead(office, "县住房和城乡建设局", "住房安全农村危房改造入户核查")
    assert not matcher.plausible_lead(office, "县民政局", "社会救助低保对象入户核查")
    assert matcher.plausible_lead("县果业发展中心", "县农业农村局") is True


TRAINING = [
    DutyItem(
        "V-PH-01",
        C,
        "就业",
        "技能培训宣传报名配合",
        "县人社局组织职业技能培训，乡镇协助宣传。",
        "《职业技能培训补贴管理办法》",
        "县人力资源和社会保障局",
        "宣传培训政策，组织有意愿的劳动者报名，提供培训场地。",
    ),
    DutyItem(
        "V-SH-01",
        R,
        "就业",
        "技能培训补贴审核",
        "审核培训机构的培训补贴申请并拨付补贴。",
        "《职业技能培训补贴管理办法》",
        "县人力资源和社会保障局",
        "",
    ),
    DutyItem(
        "V-JB-01",
        B,
        "就业",
        "失业人员登记帮扶",
        "登记辖区失业人员，推送就业岗位。",
        "《中华人民共和国就业促进法》",
        "乡镇",
        "",
    ),
]


def test_applying_for_a_subsidy_is_not_granting_it() -> None:
    task = Task(
        "T1",
        "县人力资源和社会保障局",
        "关于举办家政服务技能培训的通知",
        "各镇：请各镇组织有意愿的劳动者报名，自行聘请老师在本镇举办一期家政服务技能培训，"
        "教室和讲义的开支先由镇里垫付，结业后再按标准申请补贴。",
        30,
        None,
    )
    r = Screener(TRAINING).screen(task)
    assert (r.duty_item, r.decision.value) == ("V-PH-01", "reject")


@pytest.mark.parametrize(
    "body",
    [
        "请各镇做好转移群众安置。县里每次视频调度后，镇里要当天开会传达，会议现场照片当晚报县里。",
        "请各村每周开展一次环境整治，整治前后各拍6张对比照留存。",
        "请各镇到现场核实变化图斑，每处都要上传工作人员站在地块里的合影。",
    ],
)
def test_scene_photos_photo_counts_and_staff_group_photos_are_traces(body: str) -> None:
    assert "excessive_traces" in flags_of(body)


@pytest.mark.parametrize(
    "body",
    [
        "请各镇对开裂房屋逐户鉴定，出具鉴定报告并签字盖章后报县局。",
        "请各镇逐户核对领取人信息，把核对好的发放名单签字盖章交县财政局。",
    ],
)
def test_signed_professional_reports_and_payout_lists_are_no_traces(body: str) -> None:
    assert "excessive_traces" not in flags_of(body)


def test_a_daily_zero_report_in_the_group_is_a_chat_report() -> None:
    assert "digital_formalism" in flags_of(
        "请各镇收集农民工欠薪线索并及时转交。每天10点前在群里报今日线索几条，没有的报零。"
    )
