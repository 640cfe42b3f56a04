"""Telling two departments apart by their fields, not the kind of body they are (our own names),
and saying so honestly when the names cannot place the sender."""

from jiceng.duties.items import Category, DutyItem
from jiceng.intake.departments import DepartmentMatcher
from jiceng.intake.screening import Screener
from tests.intake.factories import make_task


def test_bodies_sharing_only_their_kind_are_different_departments():
    d = DepartmentMatcher()
    assert d.distinct("县邮政管理局", "县应急管理局")
    assert d.distinct("县住房公积金管理中心", "县农业技术推广服务中心")
    assert not d.distinct("县市场监督管理局", "县市场监管局")


def test_an_unplaced_sender_is_not_called_the_lead():
    item = DutyItem(
        "K-PH-01",
        Category.COOPERATING,
        "自然资源",
        "地质灾害隐患点巡查",
        "县自然资源局负责地质灾害防治的组织、协调、指导和监督。",
        "《地质灾害防治条例》",
        "县自然资源局",
        "汛期巡查辖区地质灾害隐患点，发现险情及时报告并组织群众转移。",
    )
    d = DepartmentMatcher()
    sender = "县资源调查中心"
    assert d.plausible_lead(sender, item.lead_department) is None
    assert not d.distinct(sender, item.lead_department)
    body = "各乡：汛期请组织巡查辖区地质灾害隐患点，发现险情及时报告并组织群众转移。"
    r = Screener([item]).screen(make_task(body, title="隐患点巡查", sender=sender))
    assert r.duty_item == "K-PH-01"
    assert not any("可视为牵头部门" in reason for reason in r.reasons)
    assert any("无法从名称确认" in reason for reason in r.reasons)


def test_a_fisheries_enforcement_unit_stands_for_the_fisheries_bureau():
    assert DepartmentMatcher().plausible_lead("县渔政执法大队", "县海洋与渔业局") is True


def test_the_household_means_check_centre_stands_for_civil_affairs():
    assert DepartmentMatcher().plausible_lead("县居民家庭经济状况核对中心", "县民政局") is True


def test_short_and_coordinating_names_of_their_departments():
    d = DepartmentMatcher()
    assert d.plausible_lead("县民族宗教事务局", "县民宗局") is True
    assert (
        d.plausible_lead("县地质灾害防治指挥部办公室", "县自然资源局", "地质灾害隐患排查") is True
    )


def test_the_land_acquisition_office_coordinates_for_the_leads_of_acquisition():
    d = DepartmentMatcher()
    sender = "县土地和房屋征收工作领导小组办公室（县征迁办）"
    assert d.plausible_lead(sender, "县自然资源和规划局") is True
    assert d.plausible_lead(sender, "县住房和城乡建设局") is True


def test_an_irrigation_district_office_stands_for_water_resources():
    assert DepartmentMatcher().plausible_lead("县灌区管理所", "县水利局") is True


def test_a_schistosomiasis_station_stands_for_the_health_department():
    d = DepartmentMatcher()
    assert d.plausible_lead("县血防站", "县卫生健康委员会") is True
    assert d.plausible_lead("县血吸虫病防治所", "县卫生健康局") is True
    assert d.plausible_lead("县血吸虫病防治所", "县水利局") is False


def test_the_fishing_ban_office_stands_for_the_agriculture_and_fisheries_bureaus():
    d = DepartmentMatcher()
    assert d.plausible_lead("县禁捕退捕工作领导小组办公室", "县农业农村局") is True
    assert d.plausible_lead("县禁捕办", "县海洋与渔业局") is True
    assert d.plausible_lead("县禁捕办", "县卫生健康局") is False
