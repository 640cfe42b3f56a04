"""Capacity pages, services and API: imports, workload, powers, training, pulse anonymity, isolation."""

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from jiceng.capacity import queries, services
from jiceng.capacity import survey as surveys
from jiceng.capacity.models import DelegatedPower, PulseResponse, Secondment, StaffPost
from jiceng.capacity.signals import secondment_recorded
from jiceng.core.models import AuditEntry
from jiceng.errors import ForbiddenError, InputErrors, NotFoundError
from jiceng.intake.models import IntakeTask
from tests.capacity.helpers import xlsx
from tests.conftest import login

pytestmark = pytest.mark.django_db
HEADER = ["乡镇（街道）", "岗位", "核定编制", "实有人数", "借调外出"]


def towns(world, county=0):
    return [t for t in world.townships if t.county_id == world.counties[county].pk]


def roster(world, county=0, actual=10, seconded=0):
    rows = [["名册"], HEADER]
    for t in towns(world, county):
        rows.append([t.name, "党政办", actual + 2, actual, seconded])
    return xlsx(rows)


def test_roster_import_page_is_atomic_and_audited(client, world):
    admin = world.user("county_admin")
    login(client, admin)
    good = SimpleUploadedFile("名册.xlsx", roster(world))
    response = client.post(reverse("capacity:staff"), {"file": good}, follow=True)
    assert response.status_code == 200 and StaffPost.objects.count() == 2
    assert AuditEntry.objects.filter(action="import", note__contains="干部名册").exists()
    bad = xlsx(
        [
            HEADER,
            [towns(world)[0].name, "党政办", 5, 4, 0],
            ["不存在镇", "党政办", 5, 4, 0],
            [towns(world)[1].name, "综治办", "x", 1, 0],
        ]
    )
    response = client.post(
        reverse("capacity:staff"), {"file": SimpleUploadedFile("坏.xlsx", bad)}, follow=True
    )
    html = response.content.decode()
    assert "不存在镇" in html and "第 3 行" in html and "“核定编制”列" in html
    assert StaffPost.objects.count() == 2 and not StaffPost.objects.filter(name="综治办").exists()


def test_township_clerk_imports_only_its_own_township(world):
    clerk = world.user("township_clerk", org=0)
    with pytest.raises(InputErrors, match="只能导入本乡镇"):
        services.import_roster(actor=clerk, data=roster(world), filename="名册.xlsx")
    own = xlsx([HEADER, [clerk.organisation.name, "党政办", 8, 7, 1]])
    assert services.import_roster(actor=clerk, data=own, filename="名册.xlsx").posts == 1
    with pytest.raises(ForbiddenError):
        services.import_roster(actor=world.user("observer"), data=own, filename="名册.xlsx")


def test_workload_ratio_from_released_tasks_ledger_and_secondments(world):
    admin = world.user("county_admin")
    services.import_roster(actor=admin, data=roster(world, actual=2), filename="名册.xlsx")
    heavy, light = towns(world)
    now = timezone.now()
    for i in range(12):
        task = IntakeTask.objects.create(
            county=world.counties[0],
            department=world.departments[0],
            title=f"任务{i}",
            body="正文",
            submitted_by=world.user("department_clerk"),
            engine_decision="admit",
            engine_category="basic",
            status="confirmed",
            final_decision="admit",
            final_category="basic",
            final_flags=[{"code": "excessive_traces"}] if i < 4 else [],
            released=True,
            reviewed_at=now,
        )
        task.targets.set([heavy])
    # A task not yet released is not work for the township.
    waiting = IntakeTask.objects.create(
        county=world.counties[0],
        department=world.departments[0],
        title="待复核",
        body="正文",
        submitted_by=world.user("department_clerk"),
        engine_decision="admit",
        engine_category="basic",
        released=False,
    )
    waiting.targets.set([light])
    services.record_secondment(
        actor=admin,
        township=heavy,
        borrower_name="县某局",
        persons=1,
        start=now.date().replace(day=1),
        reason="专班",
    )
    rows = dict(
        (t.name, r) for t, r in queries.county_workload(admin, now.date(), ledger={heavy.pk: 30.0})
    )
    h = rows[heavy.name]
    # 12 basic tasks × 16 h + 4 × 6 h for traces = 216 h; ledger 30 h; 1 person left × 174 h.
    assert h.task_hours == pytest.approx(216) and h.ledger_hours == 30
    assert h.available_staff == pytest.approx(1.0) and h.level == "over"
    assert rows[light.name].task_hours == 0 and rows[light.name].level == "normal"
    summary = queries.township_capacity_summary(heavy, now.date(), ledger={heavy.pk: 30.0})
    assert summary.workload.level == "over" and summary.actual == 2 and summary.vacancies == 2


def test_secondment_is_sent_to_the_ledger_after_commit(world, django_capture_on_commit_callbacks):
    received = []
    handler = lambda sender, **kw: received.append(kw)  # noqa: E731
    secondment_recorded.connect(handler)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            item = services.record_secondment(
                actor=world.user("county_admin"),
                township=towns(world)[0],
                borrower=world.departments[0],
                borrower_name="",
                persons=2,
                start=date(2025, 1, 1),
                end=date(2025, 2, 28),
                reason="抽调专班",
            )
    finally:
        secondment_recorded.disconnect(handler)
    assert received and received[0]["secondment"] == item
    assert [e["type"] for e in received[0]["events"]] == ["secondment", "secondment"]
    assert item.borrower_name == world.departments[0].name
    assert AuditEntry.objects.filter(
        object_type="capacity.Secondment", object_id=str(item.pk)
    ).exists()


def test_power_without_resources_is_flagged_and_fixed_when_they_arrive(world):
    admin = world.user("county_admin")
    power = services.delegate_power(
        actor=admin,
        township=towns(world)[0],
        name="违法建设查处",
        delegated_on=date.today() - timedelta(days=200),
    )
    assert power.hidden_burden and any("隐性负担" in r for r in power.reasons)
    power = services.update_power_resources(
        actor=admin, power=power, staff_added=2, budget_added="50000", training_given=True
    )
    assert not power.hidden_burden
    assert AuditEntry.objects.filter(
        object_type="capacity.DelegatedPower", action="update"
    ).exists()
    with pytest.raises(ForbiddenError):
        services.delegate_power(
            actor=world.user("township_clerk"),
            township=towns(world)[0],
            name="x",
            delegated_on=date.today(),
        )


def test_training_coverage_page_shows_left_behind(client, world):
    admin = world.user("county_admin")
    services.import_roster(actor=admin, data=roster(world, actual=10), filename="名册.xlsx")
    first, second = towns(world)
    today = timezone.localdate()
    for topic in ("policy_law", "skills", "mass_work"):
        session = services.schedule_training(
            actor=admin,
            title=f"{topic}培训",
            topic=topic,
            format="lecture",
            date=today.replace(day=1),
            hours=40,
            held=True,
        )
        services.record_attendance(actor=admin, session=session, township=first, attendees=10)
    report = queries.training_report([first, second], date(today.year, 1, 1), today)
    rows = {r.township: r for r in report.townships}
    assert not rows[first.name].left_behind and rows[second.name].left_behind
    assert report.topics_left_behind["skills"] == [second.name]
    login(client, admin)
    html = client.get(reverse("capacity:training")).content.decode()
    assert (
        "被落下的培训主题" in html and second.name in html and 'data-chart-for="training"' in html
    )


def survey_with_answers(world, per_town):
    admin = world.user("county_admin")
    services.import_roster(actor=admin, data=roster(world, actual=20), filename="名册.xlsx")
    today = timezone.localdate()
    survey = surveys.create_survey(
        actor=admin,
        title="季度问卷",
        opens_on=today - timedelta(days=1),
        closes_on=today + timedelta(days=5),
    )
    for town, n in zip(towns(world), per_town, strict=True):
        for code in (
            surveys.issue_codes(actor=admin, survey=survey, township=town, count=n) if n else []
        ):
            surveys.submit_pulse(token=code, hours_lost=4, channels=["meeting"], feeling="lighter")
    return survey


def test_pulse_answer_stores_no_identity_and_codes_are_single_use(client, world):
    admin = world.user("county_admin")
    survey = survey_with_answers(world, [0, 0])
    code = surveys.issue_codes(actor=admin, survey=survey, township=towns(world)[0], count=1)[0]
    login(client, world.user("township_clerk"))  # even a logged-in clerk answers anonymously
    audit_before = AuditEntry.objects.count()
    response = client.post(
        reverse("capacity:pulse_answer"),
        {
            "code": code,
            "hours_lost": "3.5",
            "channels": ["meeting", "app_or_group"],
            "feeling": "same",
        },
        REMOTE_ADDR="10.1.2.3",
    )
    assert response.status_code == 200 and "匿名保存" in response.content.decode()
    answer = PulseResponse.objects.get()
    fields = {f.name for f in PulseResponse._meta.get_fields()}
    assert fields == {"id", "county", "survey", "township", "hours_lost", "channels", "feeling"}
    assert "10.1.2.3" not in str(answer.__dict__)
    assert (
        AuditEntry.objects.count() == audit_before
    )  # no log line that could be matched to the answer
    again = client.post(
        reverse("capacity:pulse_answer"), {"code": code, "hours_lost": "1", "feeling": "same"}
    )
    assert "无效或已使用" in again.content.decode() and PulseResponse.objects.count() == 1


def test_pulse_results_need_five_answers_and_block_differencing(client, world):
    survey = survey_with_answers(world, [6, 3])
    admin = world.user("county_admin")
    results = queries.survey_results(survey, towns(world))
    shown = {t.name: s for t, s in results.townships}
    assert shown[towns(world)[0].name].shown and not shown[towns(world)[1].name].shown
    assert shown[towns(world)[1].name].mean_hours is None
    # Total minus the shown township would reveal the group of 3, so no total is given.
    assert results.county is None and not results.merged_rest.shown
    login(client, admin)
    data = client.get(f"/api/capacity/surveys/{survey.pk}/results").json()
    small = next(g for g in data["townships"] if g["group"] == towns(world)[1].name)
    assert small["shown"] is False and small["mean_hours"] is None and small["channels"] == {}
    assert data["county"] is None


def test_open_link_is_capped_at_staff_in_post(world):
    admin = world.user("county_admin")
    survey = survey_with_answers(world, [0, 0])
    StaffPost.objects.filter(township=towns(world)[0]).update(actual=2)
    token = surveys.open_link(actor=admin, survey=survey, township=towns(world)[0])
    surveys.submit_pulse(token=token, hours_lost=1, channels=[], feeling="same")
    surveys.submit_pulse(token=token, hours_lost=1, channels=[], feeling="same")
    with pytest.raises(Exception, match="已达到在岗人数"):
        surveys.submit_pulse(token=token, hours_lost=1, channels=[], feeling="same")


def test_isolation_of_powers_by_page_and_api(client, world):
    powers = {}
    for c in range(2):
        admin = world.user("county_admin", county=c)
        for i, town in enumerate(towns(world, c)):
            powers[(c, i)] = services.delegate_power(
                actor=admin, township=town, name=f"赋权{c}{i}", delegated_on=date.today()
            )
    for (c, _i), power in powers.items():
        for user in world.users.values():
            same_county = (
                user.organisation.county_id == world.counties[c].pk
                or user.organisation_id == world.counties[c].pk
            )
            if user.role in ("county_admin", "observer"):
                visible = same_county
            elif user.role == "township_clerk":
                visible = user.organisation_id == power.township_id
            else:
                visible = False
            client.force_login(user)
            expected_page = (200 if visible else 404) if user.role != "department_clerk" else 403
            assert (
                client.get(reverse("capacity:power", args=[power.pk])).status_code == expected_page
            ), (user.username, power.name)
            assert client.get(f"/api/capacity/powers/{power.pk}").status_code == (
                200 if visible else 404
            ), (user.username, power.name)
            ids = {p["id"] for p in client.get("/api/capacity/powers").json()}
            assert (power.pk in ids) == visible
            client.logout()


def test_township_clerk_cannot_write_for_another_township(world):
    clerk = world.user("township_clerk", org=0)
    other = towns(world)[1]
    with pytest.raises(ForbiddenError):
        services.record_secondment(
            actor=clerk,
            township=other,
            borrower_name="县某局",
            persons=1,
            start=date.today(),
            reason="x",
        )
    with pytest.raises(NotFoundError):
        services.record_movement(
            actor=clerk, township=towns(world, 1)[0], kind="left", date=date.today()
        )
    assert not Secondment.objects.exists()


def test_roles_anonymous_and_pages(client, world):
    for name in (
        "capacity:dashboard",
        "capacity:staff",
        "capacity:powers",
        "capacity:training",
        "capacity:retention",
        "capacity:pulse",
    ):
        response = client.get(reverse(name))
        assert response.status_code == 302 and reverse("login") in response["Location"]
    assert client.get("/api/capacity/powers").status_code == 401
    assert (
        client.get(reverse("capacity:pulse_answer")).status_code == 200
    )  # the anonymous survey page
    login(client, world.user("department_clerk"))
    assert client.get(reverse("capacity:dashboard")).status_code == 403
    assert client.get("/api/capacity/workload").status_code == 403
    client.logout()
    login(client, world.user("observer"))
    for name in (
        "capacity:dashboard",
        "capacity:staff",
        "capacity:powers",
        "capacity:training",
        "capacity:retention",
        "capacity:pulse",
    ):
        assert client.get(reverse(name)).status_code == 200, name
    assert client.post(reverse("capacity:powers"), {"name": "x"}).status_code == 403
    client.logout()
    login(client, world.user("township_clerk"))
    html = client.get(reverse("capacity:dashboard")).content.decode()
    assert towns(world)[0].name in html and towns(world)[1].name not in html
    assert DelegatedPower.objects.count() == 0
