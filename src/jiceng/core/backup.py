"""Backup and restore: the database content, uploaded files and the audit chain in one file.

A backup is a gzip'd tar holding ``data.json`` (Django's serialised rows of every app table),
``uploads/…`` (the files under MEDIA_ROOT) and ``manifest.json`` listing the SHA-256 of every
member, signed with an HMAC of the installation's secret key. ``restore`` checks the signature
(a file from another installation is refused), every hash (a corrupted file is refused) and only
then replaces the database content in one transaction and the uploads folder.
"""

from __future__ import annotations

import datetime as dt
import decimal
import hashlib
import hmac
import io
import json
import shutil
import tarfile
import tempfile
import uuid
import zlib
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

from jiceng.errors import JicengError

FORMAT = "jiceng-backup"
FORMAT_VERSION = 1
# Rebuilt by migrate on the target; their ids differ between databases.
EXCLUDED_MODELS = {"contenttypes.contenttype", "auth.permission", "sessions.session"}


class BackupError(JicengError):
    pass


@dataclass(frozen=True)
class BackupSummary:
    path: Path
    rows: int
    files: int
    tables: dict[str, int]


def _models() -> list:
    return [
        m
        for m in apps.get_models()
        if m._meta.label_lower not in EXCLUDED_MODELS and not m._meta.proxy and m._meta.managed
    ]


def _sign(payload: bytes) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), payload, hashlib.sha256).hexdigest()


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def dump_rows() -> tuple[bytes, dict[str, int]]:
    """Every row of every app table, in a stable order, as JSON bytes."""
    objects = []
    counts: dict[str, int] = {}
    for model in _models():
        rows = list(model._base_manager.order_by("pk"))
        counts[model._meta.label_lower] = len(rows)
        objects.extend(rows)
    # Django's JSON encoder cuts datetimes to milliseconds; serialise to Python first and keep
    # full precision, so a restore gives back exactly what was there (and audit hashes hold).
    rows_data = serializers.serialize("python", objects)
    return json.dumps(rows_data, ensure_ascii=False, default=_full_precision).encode(
        "utf-8"
    ), counts


def _full_precision(value: object) -> str:
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    raise TypeError(f"cannot serialise {type(value).__name__}")


def create_backup(out: Path) -> BackupSummary:
    media = Path(settings.MEDIA_ROOT)
    data, counts = dump_rows()
    members: dict[str, bytes] = {"data.json": data}
    if media.exists():
        for file in sorted(p for p in media.rglob("*") if p.is_file()):
            members[f"uploads/{file.relative_to(media).as_posix()}"] = file.read_bytes()
    manifest = {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "created_at": timezone.now().isoformat(),
        "database": connection.vendor,
        "tables": counts,
        "members": {name: _sha256(content) for name, content in members.items()},
    }
    manifest_bytes = json.dumps(manifest, ensure_ascii=False, sort_keys=True).encode("utf-8")
    envelope = json.dumps(
        {"manifest": manifest, "signature": _sign(manifest_bytes)}, ensure_ascii=False
    ).encode("utf-8")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".part")
    with tarfile.open(tmp, "w:gz") as tar:
        for name, content in [("manifest.json", envelope), *members.items()]:
            info = tarfile.TarInfo(name)
            info.size = len(content)
            info.mtime = int(timezone.now().timestamp())
            tar.addfile(info, io.BytesIO(content))
    tmp.replace(out)  # a half-written backup never carries the final name
    return BackupSummary(out, sum(counts.values()), len(members) - 1, counts)


def read_backup(path: Path) -> tuple[dict, dict[str, bytes]]:
    """Open and verify a backup; raise BackupError in Chinese for anything wrong with it."""
    try:
        with tarfile.open(path, "r:gz") as tar:
            members: dict[str, bytes] = {}
            for info in tar.getmembers():
                if not info.isfile() or info.name.startswith("/") or ".." in Path(info.name).parts:
                    raise BackupError(f"备份文件含有不安全的条目“{info.name}”，已拒绝。")
                handle = tar.extractfile(info)
                members[info.name] = handle.read() if handle else b""
    except BackupError:
        raise
    except FileNotFoundError:
        raise BackupError(f"找不到备份文件“{path}”。") from None
    except (tarfile.TarError, OSError, EOFError, zlib.error, ValueError):
        raise BackupError("备份文件已损坏或不是本系统的备份文件（无法解压）。") from None
    try:
        envelope = json.loads(members.pop("manifest.json"))
        manifest = envelope["manifest"]
        signature = envelope["signature"]
    except (KeyError, ValueError, TypeError):
        raise BackupError("备份文件缺少有效的清单（manifest），不是本系统的备份文件。") from None
    if manifest.get("format") != FORMAT:
        raise BackupError("这不是本系统的备份文件。")
    manifest_bytes = json.dumps(manifest, ensure_ascii=False, sort_keys=True).encode("utf-8")
    if not hmac.compare_digest(_sign(manifest_bytes), str(signature)):
        raise BackupError(
            "备份文件的签名不符：它来自另一套部署（密钥不同），或清单被改动，拒绝恢复。"
        )
    expected = manifest.get("members", {})
    if set(expected) != set(members):
        raise BackupError("备份文件的内容与清单不一致（缺少或多出文件），拒绝恢复。")
    for name, content in members.items():
        if _sha256(content) != expected[name]:
            raise BackupError(f"备份文件中的“{name}”已损坏（校验值不符），拒绝恢复。")
    return manifest, members


def restore_backup(path: Path) -> BackupSummary:
    manifest, members = read_backup(path)
    data = members.pop("data.json")
    with transaction.atomic():
        call_command("flush", interactive=False, verbosity=0)
        with tempfile.NamedTemporaryFile("wb", suffix=".json", delete=False) as fixture:
            fixture.write(data)
            fixture_path = fixture.name
        try:
            call_command("loaddata", fixture_path, verbosity=0)
        finally:
            Path(fixture_path).unlink(missing_ok=True)
    media = Path(settings.MEDIA_ROOT)
    staging = Path(tempfile.mkdtemp(prefix="jiceng-restore-"))
    for name, content in members.items():
        target = staging / name.removeprefix("uploads/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    if media.exists():
        shutil.rmtree(media)
    media.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(str(staging), str(media))
    tables = manifest.get("tables", {})
    return BackupSummary(path, sum(tables.values()), len(members), tables)
