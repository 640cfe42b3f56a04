"""Demo data of the capacity part, created through its services (deterministic for a seed)."""

from __future__ import annotations

import random
from datetime import date, timedelta

from openpyxl import Workbook

from jiceng.core.models import Organisation, User
from jiceng.demo.names import DemoCounty

POSTS = (
    ("党政综合办公室", 0.18),
    ("党建工作办公室", 0.12),
    ("经济发展办公室", 0.14),
    ("社会事务办公室", 0.16),
    ("平安建设办公室", 0.14),
    ("自然资源和生态环境办公室", 0.12),
    ("综合行政执法队", 0.14),
)
POWERS = (
    "农村宅基地建房审批",
    "城乡居民最低生活保障初审",
    "违法建设查处",
    "占道经营处罚",
    "林木采伐许可初审",
)


def _roster(demo: DemoCounty) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append([f"{demo.name}乡镇（街道）干部队伍情况表"])
    ws.append(["乡镇（街道）", "岗位", "核定编制", "实有人数", "借调外出"])
    for t in demo.townships:
        left_posts, left_actual, left_away = t.staff_posts, t.staff_in_post, t.seconded_out
        for i, (name, share) in enumerate(POSTS):
            last = i == len(POSTS) - 1
            posts = left_posts if last else max(1, round(t.staff_posts * share))
            actual = left_actual if last else min(posts, max(0, round(t.staff_in_post * share)))
            away = left_away if last else min(actual, left_away, 1 if i % 3 == 0 else 0)
            ws.append(
                [t.name, name, max(posts, 0), max(actual, 0), max(min(away, max(actual, 0)), 0)]
            )
            left_posts, left_actual, left_away = (
                left_posts - posts,
                left_actual - actual,
                left_away - away,
            )
    ws.append(["注：实有人数不含借调进来的人员。"])
    import io

    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def seed(demo: DemoCounty, county: Organisation) -> list[str]:
    from jiceng.capacity import services
    from jiceng.capacity import survey as surveys

    rng = random.Random(demo.seed * 7 + 6)
    admin = User.objects.get(organisation=county, role="county_admin")
    towns = list(
        Organisation.objects.filter(county=county, kind=Organisation.Kind.TOWNSHIP).order_by("code")
    )
    departments = list(
        Organisation.objects.filter(county=county, kind=Organisation.Kind.DEPARTMENT).order_by(
            "code"
        )
    )
    result = services.import_roster(actor=admin, data=_roster(demo), filename="干部队伍情况表.xlsx")
    today = date.today()
    seconded = 0
    for town in towns[::3]:
        dept = rng.choice(departments)
        services.record_secondment(
            actor=admin,
            township=town,
            borrower=dept,
            borrower_name=dept.name,
            persons=rng.randint(1, 3),
            start=today - timedelta(days=rng.randint(30, 200)),
            end=None,
            reason="抽调参加专项工作专班",
        )
        seconded += 1
    hidden = 0
    for i, town in enumerate(towns):
        name = POWERS[i % len(POWERS)]
        full = i % 3 != 0
        power = services.delegate_power(
            actor=admin,
            township=town,
            name=name,
            basis="县政府赋权乡镇（街道）县级审批服务执法权限指导目录",
            department=rng.choice(departments),
            delegated_on=today - timedelta(days=rng.randint(100, 400)),
            staff_added=rng.randint(1, 3) if full else 0,
            budget_added=rng.choice([50000, 80000, 120000]) if full else 0,
            training_given=full or i % 2 == 0,
        )
        hidden += int(power.hidden_burden)
    topics = [
        ("policy_law", "lecture", "《整治形式主义为基层减负若干规定》专题解读"),
        ("skills", "case_study", "基层综合行政执法案例教学"),
        ("mass_work", "site_visit", "新时代“枫桥经验”现场教学"),
        ("skills", "lecture", "乡镇应急管理业务培训"),
    ]
    for k, (topic, fmt, title) in enumerate(topics):
        session = services.schedule_training(
            actor=admin,
            title=title,
            topic=topic,
            format=fmt,
            date=today - timedelta(days=20 + 30 * k),
            hours=rng.choice([4, 8, 12]),
            held=True,
        )
        for town in towns:
            if rng.random() < 0.8:
                services.record_attendance(
                    actor=admin, session=session, township=town, attendees=rng.randint(3, 15)
                )
    for town in towns:
        for kind, n in (
            ("joined", rng.randint(0, 3)),
            ("left", rng.randint(0, 3)),
            ("transferred_out", rng.randint(0, 2)),
            ("promoted", rng.randint(0, 2)),
        ):
            if n:
                services.record_movement(
                    actor=admin,
                    township=town,
                    kind=kind,
                    date=today.replace(day=1) - timedelta(days=rng.randint(0, 150)),
                    count=n,
                )
        if rng.random() < 0.5:
            services.open_vacancy(
                actor=admin,
                township=town,
                post="综合行政执法队员",
                opened_on=today - timedelta(days=rng.randint(30, 300)),
            )
        for grade, base in (("clerk", 5200), ("deputy_section", 6800)):
            services.set_pay_level(
                actor=admin,
                township=town,
                year=today.year,
                grade=grade,
                headcount=rng.randint(2, 20),
                average_monthly_pay=base + rng.randint(-600, 600),
            )
    survey = surveys.create_survey(
        actor=admin,
        title="本季度基层减负感受问卷",
        opens_on=today - timedelta(days=10),
        closes_on=today + timedelta(days=20),
    )
    answered = 0
    for town in towns[:6]:
        codes = surveys.issue_codes(actor=admin, survey=survey, township=town, count=8)
        for code in codes[: rng.randint(3, 8)]:
            surveys.submit_pulse(
                token=code,
                hours_lost=rng.choice([2, 4, 6, 8, 10]),
                channels=rng.sample(
                    ["meeting", "app_or_group", "data_report", "trace_demand", "phone_notice"], 2
                ),
                feeling=rng.choice(["lighter", "lighter", "same", "heavier"]),
            )
            answered += 1
    return [
        f"干部名册 {result.townships} 个乡镇（街道）{result.posts} 个岗位，借调 {seconded} 起（计入台账）",
        f"赋权事项 {len(towns)} 项，其中未配套的隐性负担 {hidden} 项；培训 {len(topics)} 场",
        f"减负感受问卷 1 份，匿名答卷 {answered} 份（每组不少于 5 份才显示）",
    ]
