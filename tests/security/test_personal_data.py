"""Personal data (ID and phone numbers) in the one base table: masked in every list (page and
API) and in the audit trail, whole only where the role needs it (the owning township's record,
the sending department's report), every report export audited, and no other county or township
reaching it. The anonymous channel keeps no identity and has a retention period with a purge."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from jiceng.core.models import AuditEntry

pytestmark = pytest.mark.django_db

NAME, PHONE = "测试对象甲", "13912345678"


def _id_number() -> str:
    from jiceng.forms.validators import id_check_character

    first = "110101" + "19600101" + "123"
    return first + id_check_character(first)


@pytest.fixture
def person(world):
    from jiceng.forms import records, services
    from jiceng.forms.models import DataElement
    from jiceng.forms.schema import load_forms_json

    spec = {"id": "GR01", "department": "", "title": "困难对象花名册", "period": "月报",
            "fields": [{"name": "姓名", "type": "text"}, {"name": "身份证号", "type": "id_number"},
                       {"name": "联系电话", "type": "phone"}]}  # fmt: skip
    services.register_forms(actor=world.user("department_clerk"), forms=load_forms_json([spec]))
    admin = world.user("county_admin")
    services.run_matching(actor=admin)
    elements = list(DataElement.objects.filter(county=world.counties[0]))
    for element in elements:
        services.accept_element(actor=admin, element=element)
    by_type = {e.field_type: e for e in elements}
    values = {
        by_type["text"].pk: NAME,
        by_type["id_number"].pk: _id_number(),
        by_type["phone"].pk: PHONE,
    }
    return records.save_record(actor=world.user("township_clerk"), kind="person", values=values)


def test_lists_and_audit_show_masked_numbers(client, world, person):
    id_number = _id_number()
    client.force_login(world.user("township_clerk"))
    page = client.get(reverse("forms:base") + "?kind=person").content.decode()
    assert NAME in page and id_number not in page and PHONE not in page
    assert id_number[:4] + "*" in page and "139****5678" in page
    listed = json.dumps(client.get("/api/forms/records?kind=person").json(), ensure_ascii=False)
    assert NAME in listed and id_number not in listed and PHONE not in listed
    # The owning township's own record, opened on purpose, is whole.
    detail = json.dumps(client.get(f"/api/forms/records/{person.pk}").json(), ensure_ascii=False)
    assert id_number in detail
    for entry in AuditEntry.objects.all():
        text = f"{entry.before} {entry.after} {entry.note}"
        assert id_number not in text and PHONE not in text


def test_no_other_organisation_reaches_the_record(client, world, person):
    for user in (world.user("township_clerk", 0, 1), world.user("township_clerk", 1, 0)):
        client.force_login(user)
        assert client.get(f"/api/forms/records/{person.pk}").status_code == 404
        assert _id_number() not in client.get("/api/forms/records?kind=person").content.decode()
    for role in ("county_admin", "observer", "department_clerk"):
        client.force_login(world.user(role))
        assert client.get(f"/api/forms/records/{person.pk}").status_code == 403


def test_report_with_personal_data_is_for_the_sender_only_and_audited(client, world, person):
    from jiceng.forms.models import ReportForm

    form = ReportForm.objects.get(code="GR01", is_current=True)
    for role in ("county_admin", "observer"):
        client.force_login(world.user(role))
        assert client.get(reverse("forms:report", args=[form.pk])).status_code == 403
    client.force_login(world.user("department_clerk", 0, 1))  # another department
    assert client.get(reverse("forms:report", args=[form.pk])).status_code == 404
    client.force_login(world.user("department_clerk"))
    before = AuditEntry.objects.filter(action="export").count()
    response = client.get(reverse("forms:report", args=[form.pk]))
    assert response.status_code == 200
    cells = [
        str(c.value)
        for ws in load_workbook(io.BytesIO(response.content))
        for row in ws.iter_rows()
        for c in row
    ]
    assert _id_number() in cells  # the sending department needs the whole number
    assert AuditEntry.objects.filter(action="export").count() == before + 1


def test_anonymous_reports_store_no_identity_and_are_purged_after_retention(
    client, world, settings
):
    from jiceng.ledger.anonymous import purge_expired, retention_days
    from jiceng.ledger.models import AnonymousReport

    town = world.townships[0]
    field_names = {f.name for f in AnonymousReport._meta.get_fields()}
    assert not field_names & {"user", "submitted_by", "ip", "ip_address", "user_agent", "session"}
    assert retention_days() > 0
    from jiceng.ledger.anonymous import submit_report

    old = submit_report(township=town, type="meeting", happened_on=dt.date.today() - dt.timedelta(days=200), source_department="县第0局",
                        title="陪会", description="一周三次陪会。", hours=3)  # fmt: skip
    AnonymousReport.objects.filter(pk=old.pk).update(
        submitted_on=dt.date.today() - dt.timedelta(days=200)
    )
    fresh = submit_report(township=town, type="meeting", happened_on=dt.date.today(), source_department="县第0局",
                          title="陪会", description="本周又陪会。", hours=2)  # fmt: skip
    purge_expired(today=dt.date.today(), days=30)
    remaining = {r.pk: r for r in AnonymousReport.objects.all()}
    assert fresh.pk in remaining
    assert old.pk not in remaining or not remaining[old.pk].description
