"""The scorecard's pages, API, numbers against the other parts' records, and the report job."""

import io
from datetime import date

import pytest
from django.db.models import Sum
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from jiceng.capacity import services as capacity
from jiceng.capacity.models import StaffPost
from jiceng.coordination import dispatching
from jiceng.coordination import services as coordination
from jiceng.coordination.models import Ticket
from jiceng.core.models import AuditEntry
from jiceng.ledger import services as ledger
from jiceng.ledger.models import BurdenEvent
from jiceng.scorecard import queries
from jiceng.scorecard.models import ReportJob
from tests.conftest import login

pytestmark = pytest.mark.django_db
MONTH = date(2025, 5, 1)


@pytest.fixture
def filled(world):
    """County 0 with staff, two months of ledger events and one rated ticket."""
    admin = world.user("county_admin")
    towns = world.townships[:2]
    for town, (authorised, actual, hours) in zip(
        towns, [(30, 24, 7.5), (20, 20, 2.0)], strict=True
    ):
        capacity.save_post(
            actor=admin, township=town, name="综合办", authorised=authorised, actual=actual
        )
        for day in (3, 12, 20):
            for month in (4, 5):
                ledger.create_event(
                    actor=admin,
                    township=town,
                    date=date(2025, month, day),
                    type="meeting",
                    hours=hours * month,
                    title=f"工作会议{month}-{day}",
                    source_department="县第0局",
                )
        ledger.create_event(
            actor=admin,
            township=town,
            date=date(2025, 5, 8),
            type="secondment",
            hours=160.0,
            title="借调一人",
            source_department="县第1局",
        )
    clerk = world.user("township_clerk", org=0)
    ticket = coordination.raise_ticket(
        actor=clerk,
        kind="routine",
        urgency="normal",
        category="道路积水",
        description="村道低洼处积水，需要水利和交通部门共同处理。",
    )
    ticket = dispatching.dispatch(actor=admin, ticket=ticket, lead=world.departments[0])
    dept = world.user("department_clerk", org=0)
    ticket = coordination.accept(actor=dept, ticket=ticket)
    ticket = coordination.resolve(actor=dept, ticket=ticket, note="已疏通排水沟。")
    coordination.confirm(actor=clerk, ticket=ticket, rating=5)
    return world


def month_of_ticket() -> date:
    return Ticket.objects.get().created_at.date().replace(day=1)


# --- numbers match the underlying parts ---------------------------------------------------------


def test_county_table_matches_the_ledger_and_roster(filled):
    admin = filled.user("county_admin")
    card = queries.for_user(admin, MONTH)
    assert {r.score.township for r in card.rows} == {"第0镇", "第1镇"}
    for town in filled.townships[:2]:
        row = card.row(town.pk)
        hours = (
            BurdenEvent.objects.filter(
                township=town, date__year=2025, date__month=5, status="confirmed"
            )
            .exclude(type="secondment")
            .aggregate(h=Sum("hours"))["h"]
        )
        staff = StaffPost.objects.filter(township=town).aggregate(
            a=Sum("actual"), n=Sum("authorised")
        )
        item = row.score.indicator("hours_per_staff")
        assert item.value == pytest.approx(hours / staff["a"])
        assert row.score.indicator("staffing").value == pytest.approx(staff["a"] / staff["n"])
        previous = hours_april = BurdenEvent.objects.filter(township=town, date__month=4).aggregate(
            h=Sum("hours")
        )["h"]
        assert row.score.indicator("hours_trend").value == pytest.approx(
            (hours - previous) / hours_april
        )
        assert str(town.pk) in item.source.url and "month=2025-05" in item.source.url


def test_service_results_match_the_tickets(filled):
    admin = filled.user("county_admin")
    month = month_of_ticket()
    row = queries.for_user(admin, month).row(filled.townships[0].pk)
    rated = Ticket.objects.filter(
        township=filled.townships[0], rating__isnull=False, unreasonable=False
    ).count()
    satisfaction = row.score.indicator("satisfaction")
    assert rated == 1 and satisfaction.value == 1.0
    assert satisfaction.confidence == "low"  # one ticket cannot make a top rank
    assert any(i.kind == "low_confidence" for i in row.imbalances)
    assert queries.for_user(admin, month).row(filled.townships[1].pk).score.service is None


def test_township_page_shows_trend_explanations_and_links(client, filled):
    town = filled.townships[0]
    login(client, filled.user("township_clerk", org=0))
    html = client.get(
        reverse("scorecard:township", args=[town.pk]) + "?month=2025-05"
    ).content.decode()
    assert 'data-chart-for="trend"' in html
    assert "本月变化的原因" in html and "负担指数由" in html
    assert f"/ledger/events/?township={town.pk}&amp;month=2025-05" in html
    assert "人均负担工时" in html and "依据" in html


def test_county_page_sorts_and_draws_the_quadrant(client, filled):
    login(client, filled.user("county_admin"))
    html = client.get(
        reverse("scorecard:county") + "?month=2025-05&sort=burden&dir=asc"
    ).content.decode()
    assert 'data-chart-for="quadrant"' in html and "小马拉大车" in html
    # 第1镇 carries fewer hours per person, so it comes first when sorted by burden ascending
    assert html.index(">第1镇</a>") < html.index(">第0镇</a>")
    html = client.get(
        reverse("scorecard:county") + "?month=2025-05&sort=burden&dir=desc"
    ).content.decode()
    assert html.index(">第0镇</a>") < html.index(">第1镇</a>")


# --- access ---------------------------------------------------------------------------------------


def test_page_access_per_role(client, world):
    own, other_town, foreign = world.townships[0], world.townships[1], world.townships[2]
    county_url = reverse("scorecard:county")
    assert client.get(county_url).status_code == 302  # anonymous → login
    assert "/login" in client.get(county_url)["Location"]
    for role in ("county_admin", "observer"):
        login(client, world.user(role))
        assert client.get(county_url).status_code == 200
        assert client.get(reverse("scorecard:township", args=[own.pk])).status_code == 200
        assert client.get(reverse("scorecard:township", args=[foreign.pk])).status_code == 404
        client.logout()
    login(client, world.user("township_clerk", org=0))
    response = client.get(county_url)
    assert response.status_code == 302 and response["Location"].startswith(
        reverse("scorecard:township", args=[own.pk])
    )
    assert client.get(reverse("scorecard:township", args=[own.pk])).status_code == 200
    assert client.get(reverse("scorecard:township", args=[other_town.pk])).status_code == 404
    client.logout()
    login(client, world.user("department_clerk"))
    assert client.get(county_url).status_code == 403
    assert client.get(reverse("scorecard:township", args=[own.pk])).status_code == 403


def test_api_access_per_role(client, world):
    own, other_town, foreign = world.townships[0], world.townships[1], world.townships[2]
    assert client.get("/api/scorecard/townships").status_code == 401
    login(client, world.user("county_admin"))
    rows = client.get("/api/scorecard/townships?month=2025-05").json()
    assert {r["township"] for r in rows} == {"第0镇", "第1镇"}
    detail = client.get(f"/api/scorecard/townships/{own.pk}?month=2025-05").json()
    assert {i["key"] for i in detail["indicators"]} >= {
        "hours_per_staff",
        "satisfaction",
        "powers_resourced",
    }
    assert client.get(f"/api/scorecard/townships/{foreign.pk}").status_code == 404
    client.logout()
    login(client, world.user("township_clerk", org=0))
    assert [r["township_id"] for r in client.get("/api/scorecard/townships").json()] == [own.pk]
    assert client.get(f"/api/scorecard/townships/{other_town.pk}").status_code == 404
    client.logout()
    login(client, world.user("department_clerk"))
    assert client.get("/api/scorecard/townships").status_code == 403


# --- the report job -------------------------------------------------------------------------------


@pytest.fixture
def inprocess(monkeypatch):
    monkeypatch.setenv("JICENG_JOBS_MODE", "inprocess")


def test_report_job_runs_and_files_download(
    client, filled, inprocess, django_capture_on_commit_callbacks
):
    admin = filled.user("county_admin")
    login(client, admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("scorecard:report_new"), {"month": "2025-05"})
    job = ReportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "scorecard:job", args=[job.pk]
    )
    assert job.status == "done" and job.progress == 100
    status = client.get(reverse("scorecard:job_status", args=[job.pk])).content.decode()
    assert "hx-trigger" not in status and "下载报告" in status
    docx = client.get(reverse("scorecard:download", args=[job.pk, "docx"]))
    assert docx.status_code == 200
    doc = Document(io.BytesIO(b"".join(docx.streaming_content)))
    assert doc.paragraphs[0].text.startswith("测试0县基层减负赋能统筹评估报告（2025年5月）")
    assert len(doc.inline_shapes) == 3
    assert doc.tables[0].rows[1].cells[1].text in {"第0镇", "第1镇"}
    xlsx = client.get(reverse("scorecard:download", args=[job.pk, "xlsx"]))
    wb = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content)))
    summary = list(wb["总表"].iter_rows(values_only=True))
    card = queries.for_user(admin, MONTH)
    assert {r[1]: r[6] for r in summary[1:]} == {r.score.township: r.score.index for r in card.rows}
    assert (
        AuditEntry.objects.filter(object_type="scorecard.ReportJob", action="create").count() == 1
    )
    assert (
        AuditEntry.objects.filter(object_type="scorecard.ReportJob", action="export").count() == 2
    )


def test_running_job_page_polls_with_htmx(client, world):
    admin = world.user("county_admin")
    job = ReportJob.objects.create(
        county=world.counties[0], month=MONTH, requested_by=admin, status="running", progress=45
    )
    login(client, admin)
    html = client.get(reverse("scorecard:job", args=[job.pk])).content.decode()
    assert 'hx-get="' + reverse("scorecard:job_status", args=[job.pk]) + '"' in html
    assert 'hx-trigger="every 2s"' in html and 'value="45"' in html
    assert client.get(reverse("scorecard:download", args=[job.pk, "docx"])).status_code == 400


def test_report_access_per_role(client, world):
    job = ReportJob.objects.create(county=world.counties[0], month=MONTH, status="done")
    for role, expected in (("township_clerk", 403), ("department_clerk", 403)):
        login(client, world.user(role))
        assert (
            client.post(reverse("scorecard:report_new"), {"month": "2025-05"}).status_code
            == expected
        )
        assert client.get(reverse("scorecard:job", args=[job.pk])).status_code == expected
        client.logout()
    login(client, world.user("county_admin", county=1))
    assert client.get(reverse("scorecard:job", args=[job.pk])).status_code == 404
    assert client.get(reverse("scorecard:download", args=[job.pk, "docx"])).status_code == 404
    assert client.get(f"/api/scorecard/reports/{job.pk}").status_code == 404
    client.logout()
    assert client.get(reverse("scorecard:job", args=[job.pk])).status_code == 302
    assert client.get(f"/api/scorecard/reports/{job.pk}").status_code == 401
    assert ReportJob.objects.count() == 1


def test_cli_report_writes_both_files(filled, tmp_path, capsys):
    from jiceng.cli import main

    assert (
        main(["report", "--month", "2025-05", "--county", "测试0县", "--out", str(tmp_path)]) == 0
    )
    printed = capsys.readouterr().out.split()
    assert [p.rsplit(".", 1)[1] for p in printed] == ["docx", "xlsx"]
    assert Document(printed[0]).paragraphs[0].text.startswith("测试0县")
    assert main(["report", "--month", "2025-5x", "--out", str(tmp_path)]) == 1
    assert "YYYY-MM" in capsys.readouterr().err
    assert (
        main(["report", "--month", "2025-05", "--out", str(tmp_path)]) == 1
    )  # two counties: must choose
    assert "--county" in capsys.readouterr().err
