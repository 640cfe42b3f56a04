"""Round 7a: a county department pushes down work of its own remit (label rules 2-5). Our own
wording and topics.

When retrieval's winner is a 配合/收回 item of a department the sender is known not to be (nor its
unit or coordinating office), the link is a shared word, not the topic: a candidate the sender
leads takes its place, and without one the task is off the list (rule 5, no item).
"""

from jiceng.duties.items import Category, DutyItem
from jiceng.intake.departments import DepartmentMatcher
from jiceng.intake.records import Task
from jiceng.intake.screening import Screener

B, C, R = Category.BASIC, Category.COOPERATING, Category.RETURNED

ITEMS = [
    DutyItem(
        "Q-JB-01",
        B,
        "综合政务",
        "镇村档案管理",
        "管理镇级文书档案和村级档案。",
        "《中华人民共和国档案法》",
        "乡镇",
        "",
    ),
    DutyItem(
        "Q-JB-02",
        B,
        "民政服务",
        "特困人员走访",
        "定期走访特困供养人员，了解生活情况。",
        "《社会救助暂行办法》",
        "乡镇",
        "",
    ),
    DutyItem(
        "Q-PH-01",
        C,
        "交通运输",
        "农村公路路况巡查配合",
        "县交通运输局负责农村公路养护管理。",
        "《公路法》",
        "县交通运输局",
        "巡查村道路面破损和塌方，发现后报告县交通运输局。",
    ),
    DutyItem(
        "Q-PH-02",
        C,
        "教育",
        "校车安全管理配合",
        "县教育局负责校车使用许可和安全管理。",
        "《校车安全管理条例》",
        "县教育局",
        "劝阻学生乘坐无牌无证车辆，发现非法接送学生车辆报告。",
    ),
    DutyItem(
        "Q-SH-01",
        R,
        "交通运输",
        "道路运输车辆年度审验",
        "营运客车和货车年度审验、道路运输证配发由县交通运输局负责。",
        "《道路运输条例》",
        "县交通运输局",
        "",
    ),
    DutyItem(
        "Q-PH-03",
        C,
        "文化旅游",
        "旅游安全宣传配合",
        "县文化广电旅游体育局负责旅游安全监管。",
        "《旅游法》",
        "县文化广电旅游体育局",
        "在景区和农家乐张贴旅游安全提示，发现安全隐患报告。",
    ),
]

BODY = (
    "各镇：暑期旅行社包车接送游客增多，请各镇对辖区停放的营运客车进行一次年度审验前的摸底，"
    "逐车登记车辆和道路运输证信息，月底前报送。"
)


def task(sender: str) -> Task:
    return Task(
        id="T1",
        from_department=sender,
        title="营运客车摸底登记",
        body=BODY,
        deadline_days=20,
        upstream=None,
    )


def test_other_departments_returned_item_is_not_the_match() -> None:
    s = Screener(ITEMS)
    # the same notice from the transport department is about its own returned power
    own = s.matcher.match(task("县交通运输局"), none_threshold=s.none_threshold)
    assert own.item is not None and own.item.id == "Q-SH-01"
    # from the sports and tourism bureau it shares words with that power, not its topic
    other = s.matcher.match(task("县文化广电旅游体育局"), none_threshold=s.none_threshold)
    assert other.item is None or other.item.lead_department == "县文化广电旅游体育局"
    r = s.screen(task("县统计局"))
    assert (r.duty_item, r.decision.value) == (None, "reject")
    assert "shifting_responsibility" not in {f.code for f in r.flags}


def test_blood_station_stands_for_the_health_department() -> None:
    d = DepartmentMatcher()
    assert d.plausible_lead("市中心血站", "县卫生健康委员会") is True
    assert d.plausible_lead("县急救中心", "县卫生健康局") is True
