"""Flood and forest-fire headquarters go by several names across provinces (防汛抗旱 / 防汛防旱 /
三防, 森林防灭火 / 森林草原防灭火): each stands for the departments of its domain (sample README
rule 2), and as a stranger to the list it would keep the township's own duties off it."""

from jiceng.intake.departments import DepartmentMatcher


def test_flood_headquarters_by_their_provincial_names():
    matcher = DepartmentMatcher()
    for office in ("县防汛防旱指挥部办公室", "县三防指挥部办公室"):
        assert matcher.plausible_lead(office, "县应急管理局", "防汛防台配合汛前安全检查")
        assert matcher.plausible_lead(office, "县水利局", "水利配合水库汛期巡查")


def test_the_forest_and_grassland_fire_headquarters():
    matcher = DepartmentMatcher()
    office = "县森林草原防灭火指挥部办公室"
    assert matcher.plausible_lead(office, "县林业和草原局", "森林草原防火配合火灾扑救")
    assert not matcher.plausible_lead(office, "县民政局", "社会救助配合低保核查")
