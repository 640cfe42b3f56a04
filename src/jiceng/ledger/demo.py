"""Demo data of the burden ledger, created through the ledger's services.

Two years of events for every demo township from the synthetic generator (two townships with a
hidden shift, others with genuine or partial reductions, growth or a spike), a few work groups
(one left open after its task ended), signboards (one taken down while its work goes on) and a
few anonymous reports, some verified. Deterministic: fixed seed and fixed dates.
"""

from __future__ import annotations

from datetime import date, timedelta

from jiceng.core.models import Organisation, User
from jiceng.demo.names import DemoCounty
from jiceng.ledger.generator import generate_county

START = date(2024, 11, 1)
MONTHS = 24
SEED = 7
# The patterns planted in the first townships (the rest show no change beyond the county trim).
PATTERNS = ("shift", "genuine", "partial", "shift", "informal_growth", "spike", "growth")


def seed(demo: DemoCounty, county: Organisation) -> list[str]:
    from jiceng.ledger import anonymous, importing, registers, services

    townships = [t.name for t in demo.townships]
    departments = [d.name for d in demo.departments if d.name != "县委社会工作部"]
    patterns = dict(zip(townships, PATTERNS, strict=False))
    plan, events = generate_county(townships, departments, START, MONTHS, SEED, patterns)
    rows = list(enumerate(events, start=2))
    result = importing.import_events(
        actor=None, county=county, rows=rows, filename="演示台账（生成）.csv", origin="demo"
    )

    admin = User.objects.get(organisation=county, role="county_admin")
    towns = {
        o.name: o
        for o in Organisation.objects.filter(county=county, kind=Organisation.Kind.TOWNSHIP)
    }
    depts = {
        o.name: o
        for o in Organisation.objects.filter(county=county, kind=Organisation.Kind.DEPARTMENT)
    }
    first, second = towns[townships[0]], towns[townships[1]]
    dept_a, dept_b = depts[departments[5]], depts[departments[9]]
    end = START.replace(year=START.year + 2) - timedelta(days=1)

    registers.register_work_group(
        actor=admin,
        name="防汛工作调度群",
        kind="chat_group",
        purpose="汛期防御调度",
        opened_on=date(2025, 5, 20),
        townships=list(towns.values()),
        department=dept_a,
        task_ends_on=date(2025, 9, 30),
    )
    closed = registers.register_work_group(
        actor=admin,
        name="经济普查工作群",
        kind="chat_group",
        purpose="第五次全国经济普查入户登记",
        opened_on=date(2024, 12, 1),
        townships=[first, second],
        department=dept_b,
        task_ends_on=date(2025, 4, 30),
    )
    registers.update_work_group(actor=admin, group=closed, closed_on=date(2025, 5, 3))
    registers.register_work_group(
        actor=admin,
        name="安全生产打卡APP",
        kind="app",
        purpose="安全生产隐患排查打卡",
        opened_on=date(2025, 3, 1),
        townships=[second],
        department=dept_a,
    )

    board = registers.register_signboard(
        actor=admin,
        township=first,
        name="矛盾纠纷调解服务站",
        work="矛盾纠纷排查化解",
        put_up_on=date(2024, 12, 10),
        department=dept_b,
    )
    registers.remove_signboard(actor=admin, board=board, removed_on=date(2026, 3, 31))
    clerk = User.objects.filter(organisation=first, role="township_clerk").first() or admin
    for day, title in (
        (date(2026, 5, 12), "矛盾纠纷排查情况月报"),
        (date(2026, 8, 20), "调解服务站台账检查"),
    ):
        services.create_event(
            actor=clerk,
            township=first,
            date=day,
            type="data_report",
            title=title,
            hours=6.0,
            source_department=dept_b.name,
            signboard=board,
        )
    kept = registers.register_signboard(
        actor=admin,
        township=second,
        name="新时代文明实践站",
        work="文明实践活动",
        put_up_on=date(2025, 1, 8),
        department=dept_a,
    )
    registers.remove_signboard(actor=admin, board=kept, removed_on=date(2026, 6, 30))

    reports = [
        (
            first,
            "app_or_group",
            date(2026, 10, 9),
            dept_a.name,
            "每天要求在群里上传巡查照片",
            "要求每个村每天上传 10 张照片，周末也要报。",
            2.0,
        ),
        (second, "pledge", date(2026, 10, 15), dept_b.name, "要求层层签订责任状", "", 1.0),
        (
            towns[townships[2]],
            "meeting",
            date(2026, 10, 21),
            "",
            "一周内连开三次同主题视频会",
            "",
            3.0,
        ),
    ]
    made = [
        anonymous.submit_report(
            township=t,
            type=ty,
            happened_on=d,
            source_department=s,
            title=ti,
            description=de,
            hours=h,
        )
        for t, ty, d, s, ti, de, h in reports
    ]
    anonymous.review_report(
        actor=admin, report=made[0], accept=True, reason="经电话核实，情况属实。"
    )
    anonymous.review_report(
        actor=admin,
        report=made[1],
        accept=False,
        reason="该部门已于当月取消责任状，反映情况已整改。",
    )
    shifted = "、".join(p.township for p in plan.townships if p.pattern == "shift")
    return [
        f"负担台账 {result.created} 条（{START:%Y-%m} 至 {end:%Y-%m}，其中“明减暗不减”乡镇：{shifted}）",
        "工作群/APP 3 个（1 个任务结束未关闭），挂牌 2 块（1 块减牌不减事），匿名反映 3 条（1 条待核实）",
    ]
