"""A small duty list of our own (a fictional 枫林乡) and a task factory for the intake tests.

Near neighbours on two topics: livestock pollution (basic patrol / cooperating clue reporting /
returned enforcement) and fire safety (basic publicity / cooperating hazard checks / returned
fire-supervision enforcement).
"""

from __future__ import annotations

import functools

from jiceng.duties.items import Category, DutyItem
from jiceng.intake.acts import ActAnalyzer
from jiceng.intake.flags import FlagDetector, load_flag_specs
from jiceng.intake.records import Task, Upstream
from jiceng.intake.screening import Screener

B, C, R = Category.BASIC, Category.COOPERATING, Category.RETURNED

ITEMS: list[DutyItem] = [
    DutyItem(
        "F-JB-01",
        B,
        "平安法治",
        "办理群众来信来访",
        "接待群众来访，办理来信和网上信访件，推动诉求在乡里就地解决。",
        "《信访工作条例》",
        "乡镇",
        "乡政府负责",
    ),
    DutyItem(
        "F-JB-02",
        B,
        "生态环境",
        "开展村庄环境卫生整治",
        "组织村庄保洁，清运生活垃圾，整治房前屋后卫生死角。",
        "《农村人居环境整治提升五年行动方案》",
        "乡镇",
        "乡政府负责组织",
    ),
    DutyItem(
        "F-JB-03",
        B,
        "生态环境",
        "开展农村环境问题日常巡查",
        "组织网格员巡查畜禽养殖粪污直排、河塘污染等环境问题，发现后劝阻并上报。",
        "《中华人民共和国环境保护法》",
        "乡镇",
        "乡政府负责组织巡查",
    ),
    DutyItem(
        "F-JB-04",
        B,
        "应急管理",
        "开展群众性消防宣传和防火检查",
        "组织消防安全宣传进村入户，指导村开展防火检查，建设乡级志愿消防队。",
        "《中华人民共和国消防法》第三十二条",
        "乡镇",
        "乡政府负责",
    ),
    DutyItem(
        "F-JB-05",
        B,
        "民生服务",
        "落实老年人福利和特殊困难老人巡访",
        "受理高龄老人福利补贴申请，组织对独居、失能老人开展定期巡访。",
        "《中华人民共和国老年人权益保障法》",
        "乡镇",
        "乡政府负责",
    ),
    DutyItem(
        "F-JB-06",
        B,
        "综合保障",
        "组织民兵整组和征兵初检",
        "开展民兵整组、兵役登记和应征青年初检初审。",
        "《中华人民共和国兵役法》",
        "乡镇",
        "乡武装部负责",
    ),
    DutyItem(
        "F-JB-07",
        B,
        "民生服务",
        "运行退役军人服务站",
        "运行乡退役军人服务站，开展退役军人走访慰问和信息采集。",
        "《中华人民共和国退役军人保障法》第十四条",
        "乡镇",
        "乡政府负责",
    ),
    DutyItem(
        "F-JB-08",
        B,
        "农业农村",
        "推进耕地保护和撂荒地整治",
        "开展耕地巡查，推动撂荒地复耕，落实粮食播种面积。",
        "《中华人民共和国粮食安全保障法》",
        "乡镇",
        "乡政府负责",
    ),
    DutyItem(
        "F-PH-01",
        C,
        "生态环境",
        "配合开展畜禽养殖污染防治",
        "配合生态环境部门监管畜禽养殖污染。",
        "《畜禽规模养殖污染防治条例》",
        "县生态环境分局",
        "摸清辖区养殖场户底数，发现粪污直排线索及时报告，协助做好现场群众工作。",
    ),
    DutyItem(
        "F-PH-02",
        C,
        "应急管理",
        "配合开展消防安全隐患排查",
        "配合消防救援机构开展重点场所火灾隐患整治。",
        "《中华人民共和国消防法》",
        "县消防救援大队",
        "组织村（社区）排查电动自行车违规停放充电等隐患并报告，做好宣传提醒。",
    ),
    DutyItem(
        "F-PH-03",
        C,
        "民生服务",
        "配合开展适龄妇女两癌筛查",
        "配合卫生健康部门实施农村适龄妇女宫颈癌、乳腺癌筛查。",
        "《中国妇女发展纲要》",
        "县卫生健康局",
        "通知动员适龄妇女按时参加筛查，协助做好现场组织。",
    ),
    DutyItem(
        "F-PH-04",
        C,
        "平安法治",
        "配合开展反诈宣传",
        "配合公安机关开展反电信网络诈骗宣传劝阻。",
        "《中华人民共和国反电信网络诈骗法》",
        "县公安局",
        "组织村（社区）开展反诈宣传，协助上门劝阻潜在受害群众。",
    ),
    DutyItem(
        "F-SH-01",
        R,
        "生态环境",
        "畜禽养殖污染执法检查和行政处罚",
        "对畜禽养殖场违法排放污染物开展执法检查，依法实施行政处罚。",
        "《畜禽规模养殖污染防治条例》第三十八条",
        "县生态环境分局",
        "",
    ),
    DutyItem(
        "F-SH-02",
        R,
        "应急管理",
        "消防监督检查和行政处罚",
        "对公众聚集场所和社会单位开展消防监督检查，依法实施行政处罚和临时查封。",
        "《中华人民共和国消防法》第五十三条",
        "县消防救援大队",
        "",
    ),
]

ITEMS_BY_ID = {item.id: item for item in ITEMS}


def make_item(
    id_: str, category: Category, domain: str, name: str, content: str, lead: str, role: str = ""
) -> DutyItem:
    """A duty item for a test's own small list (the basis does not matter to screening)."""
    return DutyItem(id_, category, domain, name, content, "《有关规定》", lead, role)


# An unrelated 基本 item that gives a test's small list a second topic (retrieval's idf needs one).
RIVER_CLEANING = make_item(
    "W-JB-01", B, "水利", "河道日常保洁", "安排保洁员打捞河面漂浮物、清理岸坡垃圾。", "乡镇"
)


# Twelve county departments, each leading one filler 配合 item: a list naming this many lead
# departments lets the stranger tests apply (policy `stranger_min_leads`).
_MANY_LEADS = (
    "县民政局",
    "县教育局",
    "县公安局",
    "县水利局",
    "县林业局",
    "县交通运输局",
    "县卫生健康局",
    "县市场监督管理局",
    "县人力资源和社会保障局",
    "县自然资源局",
    "县文化和旅游局",
    "县退役军人事务局",
)


def many_lead_items() -> list[DutyItem]:
    """Filler 配合 items led by twelve departments, for the tests of stranger senders."""
    return [
        make_item(f"L-PH-{n:02d}", C, "其他", f"配合事项{n}", "县里组织。", lead, "乡里配合。")
        for n, lead in enumerate(_MANY_LEADS)
    ]


def make_task(
    body: str,
    *,
    title: str = "关于做好有关工作的通知",
    sender: str = "县人民政府办公室",
    deadline_days: int | None = None,
    upstream: Upstream | None = None,
    task_id: str = "t1",
) -> Task:
    return Task(task_id, sender, title, body, deadline_days, upstream)


_ACTS = ActAnalyzer()  # the act lexicons, compiled once for all the act tests


def asked_kinds(text: str, field: str = "body") -> set[str]:
    """The kinds of department-only act (enforcement, professional, payment) ``text`` asks the
    township to perform itself."""
    return {a.kind for a in _ACTS.asked_acts(field, text)}


@functools.cache
def _screener() -> Screener:
    return Screener(ITEMS)  # read-only once built: shared by the flag tests


def escalates(body: str, requirement: str) -> bool:
    """Whether ``body`` is flagged 层层加码 against the level above's ``requirement`` (no time limit
    given on either side)."""
    task = make_task(body, upstream=Upstream("市里", None, requirement))
    return "escalation" in Screener([RIVER_CLEANING]).screen(task).flag_codes


def flags_of(body: str) -> list[str]:
    """The flag codes the engine raises on ``body`` screened against the factory list."""
    return _screener().screen(make_task(body)).flag_codes


@functools.cache
def _flag_detector() -> FlagDetector:
    return FlagDetector(load_flag_specs())


def detected_flags(body: str) -> set[str]:
    """The flag codes the flag lexicons alone find in ``body`` (no item, no decision)."""
    return {f.code for f in _flag_detector().detect(make_task(body), None)}
