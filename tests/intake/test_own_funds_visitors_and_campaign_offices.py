"""Round 36: paying first with the township's own funds is paying on the department's behalf; a
rectification order issued is enforcement, not the subject of a notice; the sender's staff coming
to take samples is no act asked of the township; a campaign office stands for the duties its
campaign is about, named in other words; a line department's own 综合执法 unit is not the county's
consolidated enforcement bureau. Our own wording."""

import pytest

from jiceng.intake.departments import DepartmentMatcher

from .factories import asked_kinds


def test_paying_first_from_the_townships_own_funds_is_payment() -> None:
    text = "补贴卡暂时打不进钱，请各乡先用乡财政资金按名单把钱发到老人手里，以后再结算。"
    assert "payment" in asked_kinds(text)


def test_issuing_a_rectification_order_is_enforcement() -> None:
    text = "请各乡对无证经营的摊点逐个检查，并下达责令整改通知，材料报我局。"
    assert "enforcement" in asked_kinds(text)


def test_a_notice_about_rectification_is_no_order_issued() -> None:
    assert "enforcement" not in asked_kinds("请各乡转发县局责令整改的通知，督促村里学习。")


@pytest.mark.parametrize(
    "text",
    [
        "秋季疫病监测下周来村里采样，请乡里通知养殖户在家。",
        "雨季饮水抽检定在周四，到时来采样，请乡里提前通知各村把水站的门打开。",
    ],
)
def test_the_senders_staff_coming_to_sample_is_no_act_asked(text: str) -> None:
    assert "professional" not in asked_kinds(text)


def test_the_township_asked_to_sample_still_is() -> None:
    assert "professional" in asked_kinds("请乡里安排人员到各养殖户采样，样品送县中心。")


def test_a_campaign_office_stands_for_its_campaigns_duties_in_other_words() -> None:
    departments = DepartmentMatcher()
    office = "县城乡人居环境整治工作领导小组办公室"
    assert departments.in_remit(office, "生态环境农村生活垃圾收集转运")
    assert not departments.in_remit(office, "平安法治人民调解组织建设")


def test_a_topics_standing_work_office_stands_for_that_topic() -> None:
    departments = DepartmentMatcher()
    office = "县移民安置后续帮扶工作办公室"
    assert departments.in_remit(office, "移民安置后续帮扶迁出地旧房拆除组织")
    assert not departments.in_remit(office, "平安法治人民调解组织建设")
    assert not departments.in_remit("县人民政府办公室", "移民安置后续帮扶迁出地旧房拆除组织")


def test_a_line_departments_enforcement_unit_is_not_the_consolidated_bureau() -> None:
    departments = DepartmentMatcher()
    assert (
        departments.plausible_lead("县城市管理综合行政执法局", "县交通运输综合行政执法大队")
        is False
    )
    assert departments.plausible_lead("县农业综合行政执法大队", "县农业农村局") is True
    assert departments.plausible_lead("县综合行政执法局", "县城市管理局") is True
