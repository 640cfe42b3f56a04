"""Data isolation, per role, against every organisation's records — by page, by API and by
guessed ids. Not visible means 404 (the same answer as a record that does not exist)."""

import pytest
from django.urls import reverse

from jiceng.duties.items import Category, DutyItem
from jiceng.duties.models import DutyList
from jiceng.duties.services import list_for, save_version
from jiceng.intake.models import IntakeTask
from tests.conftest import login

pytestmark = pytest.mark.django_db

ITEM = DutyItem(
    "JB-001",
    Category.BASIC,
    "社会保障",
    "开展困难群众走访排查",
    "对低收入人口走访排查。",
    "",
    "乡镇",
    "乡镇负责",
)
ROLES = ["county_admin", "observer", "department_clerk", "township_clerk"]


def make_task(world, county: int, dept: int, released: bool) -> IntakeTask:
    c = world.counties[county]
    department = [d for d in world.departments if d.county_id == c.pk][dept]
    task = IntakeTask.objects.create(
        county=c,
        department=department,
        title=f"任务{county}{dept}{released}",
        body="正文",
        submitted_by=world.user("department_clerk", county, dept),
        engine_decision="admit",
        engine_category="basic",
        released=released,
        status="confirmed" if released else "screened",
    )
    task.targets.set([t for t in world.townships if t.county_id == c.pk])
    return task


def expected_task_visible(world, user, task: IntakeTask) -> bool:
    org = user.organisation
    if org.county_id != task.county_id and org.pk != task.county_id:
        return False
    if user.role in ("county_admin", "observer"):
        return True
    if user.role == "department_clerk":
        return task.department_id == org.pk
    return task.released and task.targets.filter(pk=org.pk).exists()


@pytest.fixture
def records(world):
    tasks = [make_task(world, c, d, r) for c in range(2) for d in range(2) for r in (False, True)]
    lists = []
    for county in world.counties:
        township = [t for t in world.townships if t.county_id == county.pk][0]
        duty_list = list_for(county=county, township=township)
        save_version(actor=None, duty_list=duty_list, items=[ITEM])
        lists.append(duty_list)
    return {"tasks": tasks, "lists": lists}


def all_users(world):
    return [u for u in world.users.values()]


def test_tasks_by_page_and_api_for_every_role_and_organisation(client, world, records):
    missing = max(t.pk for t in records["tasks"]) + 1000
    for user in all_users(world):
        client.force_login(user)
        api_ids = (
            {row["id"] for row in client.get("/api/intake/tasks?limit=500").json()}
            if user.role
            else set()
        )
        for task in records["tasks"]:
            visible = expected_task_visible(world, user, task)
            page = client.get(reverse("intake:detail", args=[task.pk]))
            api = client.get(f"/api/intake/tasks/{task.pk}")
            assert page.status_code == (200 if visible else 404), (user.username, task.title)
            assert api.status_code == (200 if visible else 404), (user.username, task.title)
            assert (task.pk in api_ids) == visible, (user.username, task.title)
        # A guessed id that does not exist answers exactly like another organisation's record.
        assert client.get(reverse("intake:detail", args=[missing])).status_code == 404
        assert client.get(f"/api/intake/tasks/{missing}").json() == {
            "detail": "未找到该记录，或您无权查看。"
        }
        client.logout()


def test_tasks_cannot_be_written_across_organisations(client, world, records):
    other_county_admin = world.user("county_admin", county=1)
    client.force_login(other_county_admin)
    for task in records["tasks"]:
        if task.county_id == world.counties[0].pk:
            response = client.post(
                reverse("intake:review", args=[task.pk]),
                {"decision": "reject", "category": "none", "reason": "x"},
            )
            assert response.status_code == 404
            api = client.post(
                f"/api/intake/tasks/{task.pk}/review",
                {"decision": "reject", "reason": "x"},
                content_type="application/json",
            )
            assert api.status_code == 404
    client.logout()
    other_department = world.user("department_clerk", county=0, org=1)
    client.force_login(other_department)
    own_elsewhere = [
        t
        for t in records["tasks"]
        if t.department == world.user("department_clerk", 0, 0).organisation
    ]
    for task in own_elsewhere:
        response = client.post(reverse("intake:request_approval", args=[task.pk]), {"reason": "x"})
        assert response.status_code == 404
    assert not IntakeTask.objects.exclude(approval="").exists()
    assert not IntakeTask.objects.filter(final_decision="reject").exists()


def test_duty_lists_are_county_public_but_never_cross_county(client, world, records):
    for user in all_users(world):
        client.force_login(user)
        for duty_list in records["lists"]:
            same_county = duty_list.county_id in (user.organisation.county_id, user.organisation.pk)
            expected = 200 if same_county else 404
            assert client.get(reverse("duties:detail", args=[duty_list.pk])).status_code == expected
            assert client.get(f"/api/duties/lists/{duty_list.pk}/items").status_code == expected
        listed = {row["id"] for row in client.get("/api/duties/lists").json()}
        assert listed == {
            d.pk
            for d in DutyList.objects.filter(
                county_id=user.organisation.county_id or user.organisation.pk
            )
        }
        client.logout()


@pytest.mark.parametrize("role", ["department_clerk", "township_clerk", "observer"])
def test_only_the_county_admin_imports_duty_lists(client, world, role):
    login(client, world.user(role))
    assert client.get(reverse("duties:import")).status_code == 403
    assert (
        client.post(
            reverse("duties:copy_template"), {"township": world.townships[0].pk}
        ).status_code
        == 403
    )


def test_anonymous_gets_login_or_401_everywhere(client, world, records):
    task = records["tasks"][0]
    for url in (
        reverse("intake:detail", args=[task.pk]),
        reverse("duties:detail", args=[records["lists"][0].pk]),
        reverse("intake:inbox"),
    ):
        response = client.get(url)
        assert response.status_code == 302 and reverse("login") in response["Location"]
    for url in (f"/api/intake/tasks/{task.pk}", "/api/intake/tasks", "/api/duties/lists"):
        assert client.get(url).status_code == 401
