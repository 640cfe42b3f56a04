"""The demo county, created through the same services real use goes through.

Deterministic for a seed: the names come from ``jiceng.demo`` (pure), the duty list from the
county template shipped in ``jiceng/duties/data``, the tasks from ``jiceng/demo/data/tasks.jsonl``
(screened by the real engine), and each part adds its own demo data here as it arrives.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.db import transaction

from jiceng.core.models import Organisation, User
from jiceng.demo.names import DemoCounty, generate_county
from jiceng.parts import modules

DEMO_PASSWORD = "Jiceng-Demo-2026"
# Usernames are stable across seeds so the README can name them.
ADMIN_USERNAME = "county_admin"
OBSERVER_USERNAME = "observer"


# The same three first steps as the README's first screen.
FIRST_STEPS = (
    "任务下派前先审查：用 dept01 登录，“事项准入 → 提交任务”，立即看到结论、对应事项和理由；"
    "再用 county_admin 在“事项准入”里复核（改判须写理由）。",
    "乡镇只收到准入的任务：用 town01 登录看“收到的任务”，在“负担台账”登记负担，在“协同联动”吹哨。",
    "全县一张图：用 county_admin 或 observer 看“负担台账”“统筹评估”和“审计日志”。",
)


@dataclass
class DemoSummary:
    county: str
    created: bool
    logins: list[tuple[str, str, str]] = field(default_factory=list)  # (role label, org, username)
    facts: list[str] = field(default_factory=list)

    def describe(self) -> str:
        head = f"演示县：{self.county}" + (
            "（已生成）" if self.created else "（已存在，沿用现有数据）"
        )
        lines = [
            head,
            *[f"  · {fact}" for fact in self.facts],
            "",
            "演示账号：",
            f"  {'角色':<12}{'单位':<18}用户名",
        ]
        lines += [f"  {role:<12}{org:<18}{username}" for role, org, username in self.logins]
        lines += [
            "",
            "先看这三件事：",
            *[f"  {i}. {step}" for i, step in enumerate(FIRST_STEPS, start=1)],
        ]
        return "\n".join(lines)


def seed_demo(*, seed: int = 1, reset: bool = False) -> DemoSummary:
    if reset:
        call_command("flush", interactive=False, verbosity=0)
    existing = Organisation.objects.filter(kind=Organisation.Kind.COUNTY).first()
    if existing is not None:
        return _summary(existing, created=False)
    demo = generate_county(seed)
    with transaction.atomic():
        county = _create_organisations(demo)
        _create_users(demo, county)
    facts = []
    for _, module in modules("demo"):
        facts.extend(module.seed(demo, county))
    summary = _summary(county, created=True)
    summary.facts = facts
    return summary


def _create_organisations(demo: DemoCounty) -> Organisation:
    county = Organisation.objects.create(
        kind=Organisation.Kind.COUNTY, name=demo.name, code="county"
    )
    Organisation.objects.bulk_create(
        [
            Organisation(
                kind=Organisation.Kind.DEPARTMENT,
                name=d.name,
                code=d.code,
                parent=county,
                county=county,
            )
            for d in demo.departments
        ]
    )
    for t in demo.townships:
        township = Organisation.objects.create(
            kind=Organisation.Kind.TOWNSHIP,
            name=t.name,
            code=t.code,
            parent=county,
            county=county,
            staff_size=t.staff_in_post,
            population=t.population,
        )
        Organisation.objects.bulk_create(
            [
                Organisation(
                    kind=Organisation.Kind.VILLAGE,
                    name=v.name,
                    code=v.code,
                    parent=township,
                    county=county,
                    population=v.population,
                )
                for v in t.villages
            ]
        )
    return county


def _create_users(demo: DemoCounty, county: Organisation) -> None:
    # Every demo account has the same published password, so it is hashed once (argon2 with
    # Django's parameters takes about half a second per hash).
    hashed = make_password(DEMO_PASSWORD)
    users = [
        User(
            username=ADMIN_USERNAME,
            role="county_admin",
            organisation=county,
            full_name=demo.admin.name,
        ),
        User(
            username=OBSERVER_USERNAME,
            role="observer",
            organisation=county,
            full_name=demo.observer.name,
        ),
    ]
    departments = {
        o.code: o
        for o in Organisation.objects.filter(county=county, kind=Organisation.Kind.DEPARTMENT)
    }
    for i, d in enumerate(demo.departments, start=1):
        users.append(
            User(
                username=f"dept{i:02d}",
                role="department_clerk",
                organisation=departments[d.code],
                full_name=d.clerk.name,
            )
        )
    townships = {
        o.code: o
        for o in Organisation.objects.filter(county=county, kind=Organisation.Kind.TOWNSHIP)
    }
    for i, t in enumerate(demo.townships, start=1):
        users.append(
            User(
                username=f"town{i:02d}",
                role="township_clerk",
                organisation=townships[t.code],
                full_name=t.clerk.name,
            )
        )
    for user in users:
        user.password = hashed
    User.objects.bulk_create(users)


def _summary(county: Organisation, *, created: bool) -> DemoSummary:
    summary = DemoSummary(county=county.name, created=created)
    for user in (
        User.objects.filter(organisation__county=county)
        .select_related("organisation")
        .order_by("id")
    ):
        summary.logins.append(
            (
                user.role_label.split("（")[0],
                user.organisation.name if user.organisation else "",
                user.username,
            )
        )
    return summary
