import io

import pytest
from django.db import connection
from django.urls import reverse
from openpyxl import load_workbook

from jiceng.core.audit import record, verify_chain
from jiceng.core.models import AuditEntry, Organisation
from jiceng.core.services import create_record, delete_record, update_record
from tests.conftest import login

pytestmark = pytest.mark.django_db


def test_entries_cannot_be_edited_or_deleted_through_the_app(world):
    entry = record("create", actor=world.user("county_admin"), note="x")
    entry.note = "changed"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().update(note="y")
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().delete()


def test_create_update_delete_record_before_and_after(world):
    admin = world.user("county_admin")
    village = create_record(
        Organisation, actor=admin, kind="village", name="新村", parent=world.townships[0]
    )
    created = AuditEntry.objects.filter(action="create").latest("id")
    assert created.after["name"] == "新村" and created.object_id == str(village.pk)
    update_record(village, actor=admin, name="更名村")
    updated = AuditEntry.objects.filter(action="update").latest("id")
    assert updated.before == {"name": "新村"} and updated.after == {"name": "更名村"}
    delete_record(village, actor=admin)
    deleted = AuditEntry.objects.filter(action="delete").latest("id")
    assert deleted.before["name"] == "更名村"
    assert not Organisation.objects.filter(pk=village.pk).exists()


def test_chain_verifies_and_detects_a_direct_database_edit(world):
    admin = world.user("county_admin")
    for i in range(5):
        record("create", actor=admin, note=f"n{i}")
    assert verify_chain().ok
    target = AuditEntry.objects.order_by("id")[2]
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {AuditEntry._meta.db_table} SET note = %s WHERE id = %s",
            ["tampered", target.pk],
        )
    report = verify_chain()
    assert not report.ok and report.first_broken_id == target.pk


def test_chain_detects_a_deleted_entry(world):
    admin = world.user("county_admin")
    for i in range(4):
        record("create", actor=admin, note=f"n{i}")
    victim = AuditEntry.objects.order_by("id")[1]
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {AuditEntry._meta.db_table} WHERE id = %s", [victim.pk])
    report = verify_chain()
    assert (
        not report.ok and report.first_broken_id is not None and report.first_broken_id > victim.pk
    )


def test_audit_page_filters_and_exports_xlsx(client, world):
    admin = world.user("county_admin")
    record("create", actor=admin, note="第一条")
    record("update", actor=admin, note='=HYPERLINK("x")')
    login(client, world.user("observer"))
    page = client.get(reverse("audit"), {"action": "update"})
    text = page.content.decode()
    assert page.status_code == 200 and "HYPERLINK" in text and "第一条" not in text
    response = client.get(reverse("audit_export"), {"action": "update"})
    assert response.status_code == 200
    ws = load_workbook(io.BytesIO(response.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][0] == "序号" and len(rows) == 2
    # A formula in user data is exported as inert text.
    assert rows[1][10].startswith("'=")
    assert AuditEntry.objects.filter(action="export", actor=world.user("observer")).exists()


def test_audit_log_is_scoped_to_the_county(client, world):
    record("create", actor=world.user("county_admin", county=1), note="另一个县的记录")
    login(client, world.user("county_admin", county=0))
    assert "另一个县的记录" not in client.get(reverse("audit")).content.decode()


@pytest.mark.parametrize("role", ["department_clerk", "township_clerk"])
def test_audit_log_is_closed_to_clerks(client, world, role):
    login(client, world.user(role))
    assert client.get(reverse("audit")).status_code == 403
    assert client.get(reverse("audit_export")).status_code == 403


def test_cli_audit_verify_exit_codes(world, capsys):
    from jiceng.cli import main

    record("create", actor=world.user("county_admin"), note="a")
    record("create", actor=world.user("county_admin"), note="b")
    assert main(["audit", "verify"]) == 0
    assert "完整" in capsys.readouterr().out
    first = AuditEntry.objects.order_by("id").first()
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {AuditEntry._meta.db_table} SET note = %s WHERE id = %s", ["x", first.pk]
        )
    assert main(["audit", "verify"]) == 1
    assert "被改动" in capsys.readouterr().err
