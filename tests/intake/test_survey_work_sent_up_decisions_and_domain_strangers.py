"""Round 26: surveying, monitoring reports and technical inspections are professional work; costs
booked to the township and benefits advanced from its funds are payment; what the township is
said not to take on is not asked; a decision sent up to a county body is that body's; the person
concerned signing is no power handled, nor is a 配合 item's own name naming the township's part;
a precedent does not move a task onto a 收回 item whose act it does not ask; a sender leading no
item of the matched 基本 item's domain needs a clearer match. Our own wording."""

import pytest

from jiceng.duties.items import Category, DutyItem
from jiceng.intake.learning import LabelledTask
from jiceng.intake.records import Task
from jiceng.intake.screening import Screener

from .factories import asked_kinds, flags_of

B, C, R = Category.BASIC, Category.COOPERATING, Category.RETURNED


@pytest.mark.parametrize(
    "text",
    [
        "请各镇组织护林员按技术规程设置样方，测量树高和胸径。",
        "请各镇汇总调查数据，形成监测报告报我局。",
        "请各镇用RTK测量设备，把每块承包地的拐点坐标逐块实测一遍。",
        "请各镇对辖区游船做一次安全技术检查。",
        "检查合格的由镇里发“安全合格”标签贴在船上。",
    ],
)
def test_surveys_reports_and_technical_checks_are_professional(text: str) -> None:
    assert "professional" in asked_kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "请镇里找工程队把塌了的围墙修好，所需费用镇里先行列支。",
        "请各镇用镇财政资金给老人垫发这个季度的补贴。",
    ],
)
def test_costs_booked_to_the_township_are_payment(text: str) -> None:
    assert "payment" in asked_kinds(text)


def test_holding_a_person_is_enforcement() -> None:
    assert "enforcement" in asked_kinds("对身份存疑的人员请当场扣留并通知派出所。")


def test_what_the_township_does_not_take_on_is_not_asked() -> None:
    assert "professional" in asked_kinds("请各镇摸排设备底数，并对设备开展技术检验。")
    assert "professional" not in asked_kinds("请各镇摸排设备底数，乡镇不承担开展设备检验的工作。")


def test_photos_uploaded_to_a_group_album_are_a_chat_report() -> None:
    assert "digital_formalism" in flags_of(
        "请各村每周翻盆倒罐一次，整治后上传现场照片不少于8张到工作群相册。"
    )


SUBSIDY = [
    DutyItem(
        "W-PH-01",
        C,
        "农业",
        "配合养殖补助申领审核公示",
        "县农业农村局按养殖面积核定并发放补助。",
        "省养殖补助资金管理办法",
        "县农业农村局",
        "核对申领户身份和养殖面积，公示名单，由申领户在花名册上签字确认后报送。",
    ),
    DutyItem(
        "W-SH-01",
        R,
        "农业",
        "养殖补助资金核定和发放",
        "按养殖面积核定补助资金并发放到户。",
        "省养殖补助资金管理办法",
        "县农业农村局",
        "",
    ),
    DutyItem(
        "W-PH-02",
        C,
        "民政",
        "最低生活保障申请调查配合",
        "县民政局审批最低生活保障。",
        "《社会救助暂行办法》",
        "县民政局",
        "受理申请，入户调查，组织民主评议和公示，提出初审意见。",
    ),
    DutyItem(
        "W-JB-01",
        B,
        "民政",
        "困难群众走访慰问",
        "定期走访慰问辖区困难群众。",
        "《社会救助暂行办法》",
        "乡镇",
        "",
    ),
]


def _task(sender: str, title: str, body: str, task_id: str = "T1") -> Task:
    return Task(task_id, sender, title, body, 30, None)


def test_the_applicant_signing_and_the_items_own_name_are_no_returned_power() -> None:
    r = Screener(SUBSIDY).screen(
        _task(
            "县农业农村局",
            "关于做好养殖补助资金申领审核的通知",
            "各镇：今年的养殖补助开始申领了，请逐户核对申领户的身份和养殖面积，名单张榜5天，"
            "没有异议的，由申领户本人签字确认补助资金发放花名册，花名册20日前交县局。"
            "每户补多少由县局定。",
        )
    )
    assert (r.duty_item, r.decision.value) == ("W-PH-01", "admit")


def test_a_decision_sent_up_to_the_county_is_not_asked_of_the_township() -> None:
    r = Screener(SUBSIDY).screen(
        _task(
            "县民政局",
            "关于做好灾后低保申请受理的通知",
            "各镇：洪灾过后申请低保的家庭增多，请及时接收材料并受理，上门核查收入和财产，"
            "开好民主评议会并张榜公示，初审意见形成后报县民政局审批。",
        )
    )
    assert (r.duty_item, r.decision.value) == ("W-PH-02", "admit")


HOUSING = [
    DutyItem(
        "Y-PH-01",
        C,
        "住房安全",
        "农房安全隐患排查配合",
        "县住建局组织农房安全隐患排查整治。",
        "《建设工程质量管理条例》",
        "县住房和城乡建设局",
        "排查登记隐患农房，督促户主整改，发现险情及时报告。",
    ),
    DutyItem(
        "Y-SH-01",
        R,
        "住房安全",
        "农房安全鉴定",
        "委托有资质的机构开展农房安全性鉴定，出具鉴定报告。",
        "《建设工程质量管理条例》",
        "县住房和城乡建设局",
        "",
    ),
]

APPRAISAL = LabelledTask(
    _task(
        "县住房和城乡建设局",
        "关于开展疑似危险农房安全鉴定的通知",
        "各镇：请对排查出的疑似危险农房逐户开展安全鉴定，出具鉴定报告后报县局。",
        "E1",
    ),
    {"decision": "reject", "duty_item": "Y-SH-01", "category": "returned", "flags": []},
)


def test_a_precedent_does_not_move_a_task_onto_a_returned_item_it_asks_nothing_of() -> None:
    screener = Screener(HOUSING, examples=[APPRAISAL])
    recheck = _task(
        "县住房和城乡建设局",
        "关于开展疑似危险农房复查的通知",
        "各镇：请对排查出的疑似危险农房逐户复查，登记隐患情况，督促户主整改后报县局。",
    )
    assert screener.precedents.nearest(recheck) is not None  # the same kind of notice
    r = screener.screen(recheck)
    assert (r.duty_item, r.decision.value) == ("Y-PH-01", "admit")


def _filler(n: int) -> list[DutyItem]:
    """配合 items of as many other departments: a list naming the county's usual leads."""
    topics = [
        "文物",
        "气象",
        "林业",
        "水利",
        "交通",
        "人社",
        "医保",
        "统计",
        "档案",
        "邮政",
        "电力",
    ]
    return [
        DutyItem(
            f"Z-PH-{k:02d}",
            C,
            f"{topic}事务",
            f"{topic}工作信息报送配合",
            f"县{topic}局开展{topic}工作。",
            "有关规定",
            f"县{topic}局",
            f"按要求报送{topic}工作信息。",
        )
        for k, topic in enumerate(topics[:n])
    ]


def test_a_sender_leading_nothing_in_the_domain_needs_a_clearer_match() -> None:
    items = [
        DutyItem(
            "Z-JB-01",
            B,
            "文化旅游",
            "民宿发展引导",
            "引导辖区民宿规范经营，组织民宿经营户参加服务培训。",
            "省乡村民宿管理办法",
            "乡镇",
            "",
        ),
        DutyItem(
            "Z-PH-90",
            C,
            "社会保险",
            "社保费征缴宣传配合",
            "县税务局征收社会保险费。",
            "《中华人民共和国社会保险法》",
            "县税务局",
            "宣传社保缴费政策，提醒参保人按时缴费。",
        ),
        *_filler(11),
    ]
    r = Screener(items).screen(
        _task(
            "县税务局",
            "关于协助核查民宿经营户涉税信息的函",
            "各镇：为掌握乡村民宿的经营规模，请安排人员到各家民宿登记床位数和上年经营收入，"
            "并查明是否已办税务登记，登记表月底前交我局。",
        )
    )
    assert (r.duty_item, r.decision.value) == (None, "reject")
    assert any("领域的任何配合或收回事项" in reason for reason in r.reasons)
