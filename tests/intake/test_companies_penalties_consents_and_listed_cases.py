"""Round 27: a company stands for no department; 查处 names the penalty power unless a neighbour
names the penalty itself; a handling verb a 配合 item's content gives its lead is still the 收回
item's power; who refuses to cooperate is no cooperating role; instrument surveys and land-class
judgments are professional; a team named as doer is someone else; the sender's decision to launch
an inspection is no work left. Flags: 挂牌督办 is no plaque, an appraisal standard or a fee
standard no quota, a 示范 street block a creation, daily numbers in the group a chat report, a
hazard's place told in the group no check-in, an owner's consent signature no trace. Our own
wording."""

import pytest

from jiceng.duties.items import Category
from jiceng.intake.decision import concluding_rule
from jiceng.intake.departments import DepartmentMatcher
from jiceng.intake.records import Task
from jiceng.intake.screening import Screener

from .factories import asked_kinds, flags_of, make_item

B, C, R = Category.BASIC, Category.COOPERATING, Category.RETURNED


def test_a_company_stands_for_no_department_but_itself() -> None:
    matcher = DepartmentMatcher()
    assert matcher.plausible_lead("县城投水务有限公司", "县水利局") is False
    assert matcher.plausible_lead("县燃气集团", "县住房和城乡建设局") is False
    assert matcher.plausible_lead("国网某县供电公司", "国网某县供电公司") is True
    assert matcher.plausible_lead("县燃气管理所", "县住房和城乡建设局") is True


WATER = [
    make_item(
        "W-PH-01",
        C,
        "供水安全",
        "配合农村供水工程入户改造",
        "县水利局组织农村供水管网延伸和入户改造，供水企业负责施工。",
        "县水利局",
        "组织村干部陪同施工人员入户，协调改造期间群众临时用水。",
    ),
    make_item(
        "W-JB-01",
        B,
        "供水安全",
        "农村饮水安全宣传",
        "宣传节约用水和饮水安全知识，收集群众用水问题并报告。",
        "乡镇",
    ),
]


def test_a_companys_request_is_not_its_departmentsmake_item() -> None:
    task = Task(
        "T1",
        "县城投水务有限公司",
        "关于协助推广净水器安装服务的函",
        "各镇：我公司推出家用净水器安装服务，每台收费480元。请各镇发动村干部入户宣传，登记"
        "群众安装意愿并代收安装费用，我公司按台数给予村干部补贴。",
        30,
        None,
    )
    r = Screener(WATER).screen(task)
    assert (r.decision.value, r.duty_item) == ("reject", None)


TUTORING = [
    make_item(
        "E-PH-01",
        C,
        "教育",
        "配合托管机构规范治理",
        "县教育局负责托管机构日常监管，牵头查处无证托管。",
        "县教育局",
        "巡查中发现的无证托管线索报告县教育局，联合检查时维持秩序。",
    ),
    make_item(
        "E-SH-01",
        R,
        "教育",
        "托管机构登记和违规托管查处",
        "托管机构设立登记、年度检查，查处无证和违规托管。",
        "县教育局",
    ),
]


def _tutoring_task(sender: str = "县教育局") -> Task:
    return Task(
        "T1",
        sender,
        "校外托管群：无证托管点",
        "@各镇 有家长反映新村小区有个托管点没有登记还收了二十多个孩子。请镇里明天去现场责令"
        "停办，没收收费台账，对开办人下达处罚，结果报县局。",
        2,
        None,
    )


def test_a_returned_item_that_investigates_and_penalises_names_the_penalty_asked() -> None:
    r = Screener(TUTORING).screen(_tutoring_task())
    assert (r.decision.value, r.duty_item, r.category) == ("reject", "E-SH-01", "returned")


def test_a_neighbour_naming_the_penalty_itself_comes_before_the_general_one() -> None:
    items = [
        *TUTORING,
        make_item(
            "E-SH-02",
            R,
            "教育",
            "无证托管立案和行政处罚",
            "对无证托管调查取证、立案、作出行政处罚决定。",
            "县教育局",
        ),
    ]
    r = Screener(items).screen(_tutoring_task())
    assert r.duty_item == "E-SH-02"


FUND = [
    make_item(
        "M-PH-01",
        C,
        "物业管理",
        "配合公共维修基金使用表决",
        "业主申请动用公共维修基金须经业主表决，基金使用由县房产中心审核。",
        "县房产服务中心",
        "现场见证业主表决，对表决结果公示出具意见。",
    ),
    make_item(
        "M-SH-01",
        R,
        "物业管理",
        "公共维修基金归集和使用审核",
        "维修基金的归集、使用申请审核和资金划拨。",
        "县房产服务中心",
    ),
]


def test_a_power_a_cooperating_items_content_gives_its_lead_is_still_the_returned_power() -> None:
    task = Task(
        "T1",
        "县房产服务中心",
        "关于下放维修基金使用审查的通知",
        "各镇：为减少业主跑腿，今后小区动用维修基金的申请改由镇里直接受理和审核，通过后镇里"
        "出具拨款通知，我中心凭通知拨款。",
        30,
        None,
    )
    r = Screener(FUND).screen(task)
    assert (r.decision.value, r.duty_item) == ("reject", "M-SH-01")


def test_who_refuses_to_cooperate_is_no_cooperating_role() -> None:
    assert "enforcement" in asked_kinds("请镇里通知店主自行拆除，拒不配合的由镇里直接强制拆除。")


@pytest.mark.parametrize(
    "text",
    ["请各镇派人到每处变化地块现场测量变化范围。", "请各镇对下发的图斑逐个判定地类后填表。"],
)
def test_instrument_surveys_and_land_classes_are_professional(text: str) -> None:
    assert "professional" in asked_kinds(text)


def test_pacing_out_a_damaged_plot_is_not() -> None:
    assert "professional" not in asked_kinds("请村干部到受灾地块丈量受损面积后填写初核表。")


def test_a_team_named_as_doer_is_someone_else() -> None:
    assert asked_kinds("请各镇督促网格员签到，签到数据由平台运维组统一运维。") == set()


INSPECTED = [
    make_item(
        "G-JB-01",
        B,
        "基层治理",
        "网格员在岗履职管理",
        "负责专职网格员招聘、培训和在岗情况考核，组织网格巡查和事件上报。",
        "乡镇",
    ),
]


def test_the_senders_decision_to_launch_an_inspection_leaves_no_work() -> None:
    task = Task(
        "T1",
        "县人民政府督查室",
        "关于对各镇网格员在岗情况开展专项督查的通知",
        "各镇：为提升网格服务质量，县督查室决定自下月起对各镇网格员在岗情况开展专项督查。督查"
        "采取每周随机暗访和电话抽查相结合的方式，每周对各镇打分排名并全县通报。",
        None,
        None,
    )
    r = Screener([*WATER, *TUTORING, *FUND, *INSPECTED]).screen(task)
    assert (r.decision.value, r.duty_item, r.flag_codes) == (
        "reject",
        "G-JB-01",
        ["inspection_burden"],
    )
    assert concluding_rule(r.reasons) == 7


def test_a_case_listed_for_supervision_is_no_plaque() -> None:
    assert "signboard" not in flags_of(
        "请各镇开展仓储场所消防检查，对排查出的重大隐患报请县政府挂牌督办。"
    )


@pytest.mark.parametrize(
    "body",
    [
        "请各镇按照示范项目评价标准整理申报材料，并举办不少于8场文化惠民活动。",
        "今年居民医保个人缴费标准为每人每年380元，请各镇做好缴费政策宣传。",
    ],
)
def test_appraisal_and_fee_standards_are_no_quotas(body: str) -> None:
    assert "forced_apportionment" not in flags_of(body)


def test_a_share_said_after_what_is_counted_is_a_quota() -> None:
    assert "forced_apportionment" in flags_of(
        "请各村组织村民下载该APP，下载人次不少于在册人口的70%。"
    )


def test_a_model_street_block_is_a_creation() -> None:
    assert "creation_activity" in flags_of(
        "请各街道积极申报创建市级“智慧商圈示范街区”，完善申报材料。"
    )


def test_daily_numbers_told_in_the_group_are_a_chat_report() -> None:
    assert "digital_formalism" in flags_of("请各网格员每晚8点前在工作群里报当日走访户数。")


def test_a_hazards_place_told_in_the_group_is_no_check_in() -> None:
    assert "digital_formalism" not in flags_of(
        "看到路灯杆倾斜的先拉警戒线，在群里报一下具体位置就行。"
    )


def test_an_owners_consent_signature_is_no_trace() -> None:
    assert "excessive_traces" not in flags_of(
        "请各村逐户征求加装电梯意见，由房屋所有人在同意书上签字。"
    )
