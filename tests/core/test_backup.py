import io
import tarfile
from pathlib import Path

import pytest
from django.core.files.storage import default_storage

from jiceng.core.audit import record, verify_chain
from jiceng.core.backup import BackupError, create_backup, dump_rows, read_backup, restore_backup
from jiceng.core.models import Organisation
from jiceng.duties.items import Category, DutyItem
from jiceng.duties.services import list_for, save_version

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def filled(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    item = DutyItem("JB-001", Category.BASIC, "民生", "走访排查", "内容", "", "乡镇", "负责")
    save_version(
        actor=world.user("county_admin"),
        duty_list=list_for(county=world.counties[0], township=None),
        items=[item],
    )
    record("create", actor=world.user("county_admin"), note="备份前的记录")
    default_storage.save("tickets/1/照片.png", io.BytesIO(b"\x89PNG\r\n\x1a\nfake"))
    return world


def media_files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_round_trip_loses_and_changes_nothing(filled, settings, tmp_path):
    before, counts = dump_rows()
    files_before = media_files(Path(settings.MEDIA_ROOT))
    archive = tmp_path / "b.tar.gz"
    summary = create_backup(archive)
    assert summary.rows == sum(counts.values()) and summary.files == 1
    # Damage the live system: delete and add records, change a file.
    Organisation.objects.create(kind="department", name="备份后新增的局", parent=filled.counties[0])
    Path(settings.MEDIA_ROOT, "tickets/1/照片.png").write_bytes(b"changed")
    restore_backup(archive)
    after, _ = dump_rows()
    assert after == before
    assert media_files(Path(settings.MEDIA_ROOT)) == files_before
    assert verify_chain().ok


def test_corrupted_backup_is_refused(filled, tmp_path):
    archive = tmp_path / "b.tar.gz"
    create_backup(archive)
    raw = bytearray(archive.read_bytes())
    raw[len(raw) // 2] ^= 0xFF
    archive.write_bytes(bytes(raw))
    with pytest.raises(BackupError):
        read_backup(archive)


def test_tampered_member_is_refused(filled, tmp_path):
    archive = tmp_path / "b.tar.gz"
    create_backup(archive)
    rebuilt = tmp_path / "t.tar.gz"
    with tarfile.open(archive, "r:gz") as src, tarfile.open(rebuilt, "w:gz") as dst:
        for info in src.getmembers():
            content = src.extractfile(info).read()
            if info.name == "data.json":
                content = content.replace("备份前的记录".encode(), "被篡改的记录".encode())
                info.size = len(content)
            dst.addfile(info, io.BytesIO(content))
    with pytest.raises(BackupError, match="校验值不符"):
        read_backup(rebuilt)


def test_backup_from_another_installation_is_refused(filled, settings, tmp_path):
    archive = tmp_path / "b.tar.gz"
    create_backup(archive)
    settings.SECRET_KEY = "another-installation-secret-key-0123456789"
    with pytest.raises(BackupError, match="签名不符"):
        read_backup(archive)


def test_not_a_backup_is_refused(tmp_path, db):
    junk = tmp_path / "junk.tar.gz"
    junk.write_bytes(b"not a tarball at all")
    with pytest.raises(BackupError, match="损坏"):
        read_backup(junk)


def test_round_trip_keeps_microseconds(filled, tmp_path):
    from jiceng.core.models import AuditEntry

    stamps = list(AuditEntry.objects.order_by("id").values_list("at", flat=True))
    assert any(s.microsecond % 1000 for s in stamps), "the test needs sub-millisecond timestamps"
    archive = tmp_path / "b.tar.gz"
    create_backup(archive)
    restore_backup(archive)
    assert list(AuditEntry.objects.order_by("id").values_list("at", flat=True)) == stamps
