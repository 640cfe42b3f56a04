"""Round 30: paying from the township's own funds and advancing money colloquially are payment;
the 配合 item whose content has its lead pay for the work is the work being paid for; quick-test
results named are no test asked. Flags: staff the township sends are no quota, a name list
reported is no sign-up, a screenshot the sender attaches is no chat demand, an expropriated
owner confirming the survey signs no trace, a 公示牌 is a plaque, a station a law is said to
require is no signboard, an inspection the township's role goes along with is no inspection of
it, and "no danger" names no hazard. Our own wording."""

import pytest

from jiceng.duties.items import Category
from jiceng.intake.flags import FlagDetector
from jiceng.intake.records import Task
from jiceng.intake.screening import Screener

from .factories import RIVER_CLEANING, asked_kinds, flags_of, make_item

B, C, R = Category.BASIC, Category.COOPERATING, Category.RETURNED


@pytest.mark.parametrize(
    "text",
    [
        "这笔清运费一年十来万，你们先从镇里经费里出。",
        "区里的补助年底才到，先麻烦镇里垫一下。",
    ],
)
def test_the_townships_own_funds_and_advances_are_payment(text: str) -> None:
    assert "payment" in asked_kinds(text)


def test_quick_test_results_named_are_no_test_asked() -> None:
    assert asked_kinds("请镇里督促市场开办方每天公示快检结果。") == set()


WASTE = [
    make_item(
        "U-JB-01",
        B,
        "城市管理",
        "安置小区公共区域环境卫生",
        "组织安置小区公共区域清扫保洁和卫生死角整治。",
        "乡镇",
    ),
    make_item(
        "U-PH-01",
        C,
        "城市管理",
        "生活垃圾清运配合",
        "县城管局统筹生活垃圾清运，承担清运车辆和清运费用。",
        "县城市管理局",
        "提供小区垃圾桶点位，协调物业和居民配合清运。",
    ),
    RIVER_CLEANING,
]


def test_the_item_whose_lead_pays_is_the_work_being_paid_for() -> None:
    task = Task(
        "T1",
        "县城市管理局",
        "两个安置小区的垃圾清运",
        "跟你们说一下，东苑、西苑两个安置小区的垃圾清运车从下月起县里不派了，镇里自己找车拉到"
        "填埋场，清运费你们先从镇里经费里出。",
        30,
        None,
    )
    r = Screener(WASTE).screen(task)
    assert (r.decision.value, r.duty_item) == ("reject", "U-PH-01")


@pytest.mark.parametrize(
    "body",
    [
        "法院定于下周强制执行，请镇里抽调不少于8名干部准时到场维持秩序。",
        "请按每村2人的标准选派调查员，周五前报名单参加县里培训。",
    ],
)
def test_staff_sent_and_name_lists_are_no_quota(body: str) -> None:
    assert "forced_apportionment" not in flags_of(body)


def test_a_screenshot_the_sender_attaches_is_no_chat_demand() -> None:
    assert "digital_formalism" not in flags_of(
        "本期下发变化图斑5个，图斑截图附后，请各镇逐个到现场核实。"
    )


def test_an_expropriated_owner_confirming_the_survey_signs_no_trace() -> None:
    assert "excessive_traces" not in flags_of(
        "请镇里配合逐户开展房屋调查登记，调查表由被征收人签字确认。"
    )


def test_a_notice_board_plaque_is_a_signboard() -> None:
    assert "signboard" in flags_of("请各调解室统一制作上墙制度和调解员公示牌。")


def test_a_station_a_law_is_said_to_require_is_no_signboard() -> None:
    text = "军人权益保障法明确规定镇里设立服务站，请落实专人值守。"
    assert "signboard" not in {f.code for f in FlagDetector().detect_text("body", text)}


SAFETY = [
    make_item(
        "S-PH-01",
        C,
        "安全生产",
        "县级安全检查配合",
        "县应急管理局和县安委会组织全县安全生产检查。",
        "县应急管理局",
        "提供辖区企业名单，派了解企业的干部陪同检查组，督促企业整改。",
    ),
    make_item(
        "S-JB-01",
        B,
        "安全生产",
        "企业安全日常巡查",
        "对辖区小微企业开展日常安全巡查，发现隐患督促整改。",
        "乡镇",
    ),
    RIVER_CLEANING,
]


def test_an_inspection_the_townships_role_goes_along_with_is_no_inspection_of_it() -> None:
    task = Task(
        "T1",
        "县安全生产委员会办公室",
        "关于迎接县安委会节前检查组的通知",
        "各镇：县安委会节前检查组定于下周二到你镇检查加工企业。请镇里提前提供企业名单，当天派"
        "一名了解企业的干部陪同检查组，检查后督促企业按问题清单整改。",
        10,
        None,
    )
    r = Screener(SAFETY).screen(task)
    assert (r.decision.value, r.duty_item, r.flag_codes) == ("admit", "S-PH-01", [])


def test_no_danger_names_no_hazard() -> None:
    assert "excessive_traces" in flags_of(
        "请每天早中晚各报一次值守情况，没有险情也要报，每次附在岗照片不少于5张。"
    )
