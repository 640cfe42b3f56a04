"""Attachment files: checked by content, stored under MEDIA_ROOT (outside the web root)."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Sequence
from pathlib import Path

from django.conf import settings

from jiceng.coordination.files import FileKind, attachment_policy, sniff
from jiceng.coordination.models import Attachment, Ticket
from jiceng.core.models import User
from jiceng.errors import InputError, InputErrors

Upload = tuple[str, bytes]  # (original file name, content)


def storage_dir() -> Path:
    return Path(settings.MEDIA_ROOT) / "coordination"


def path_of(attachment: Attachment) -> Path:
    return storage_dir() / attachment.stored_name


def check_uploads(uploads: Sequence[Upload], *, already: int = 0) -> list[FileKind]:
    """Every file checked before any is stored: one bad file stores none."""
    limit = int(attachment_policy()["max_files"])
    if already + len(uploads) > limit:
        raise InputError(f"每个事项最多 {limit} 个附件。")
    kinds: list[FileKind] = []
    errors: list[InputError] = []
    for name, data in uploads:
        try:
            kinds.append(sniff(data, name))
        except InputError as exc:
            errors.append(exc)
    if errors:
        raise errors[0] if len(errors) == 1 else InputErrors(errors)
    return kinds


def store(
    ticket: Ticket, actor: User, uploads: Sequence[Upload], kinds: Sequence[FileKind]
) -> list[Attachment]:
    """Write the files and their rows; call inside the transaction that owns the ticket change."""
    directory = storage_dir()
    directory.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    rows = []
    try:
        for (name, data), kind in zip(uploads, kinds, strict=True):
            stored = f"{uuid.uuid4().hex}.{kind.extension}"
            path = directory / stored
            path.write_bytes(data)
            written.append(path)
            rows.append(
                Attachment.objects.create(
                    county_id=ticket.county_id,
                    ticket=ticket,
                    uploaded_by=actor,
                    original_name=name.replace("\\", "/").rsplit("/", 1)[-1][:200] or "附件",
                    stored_name=stored,
                    kind=kind.name,
                    mime=kind.mime,
                    size=len(data),
                    sha256=hashlib.sha256(data).hexdigest(),
                )
            )
    except Exception:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    return rows
