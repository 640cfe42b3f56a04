"""What an uploaded attachment really is, judged by its content (magic bytes). Pure.

Extensions and the browser's declared type are ignored: a renamed executable is refused, a
photo called ``.pdf`` is stored as the JPEG it is. Office files must be real OOXML packages
(no macros) and small once unzipped.
"""

from __future__ import annotations

import io
import tomllib
import zipfile
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from jiceng.errors import InputError


@cache
def attachment_policy() -> dict[str, Any]:
    text = (resources.files("jiceng.coordination") / "data" / "attachments.toml").read_text("utf-8")
    return tomllib.loads(text)


@dataclass(frozen=True)
class FileKind:
    name: str
    mime: str
    extension: str
    label: str


def _kind(name: str) -> FileKind:
    spec = attachment_policy()["kinds"][name]
    return FileKind(name, spec["mime"], spec["extension"], spec["label"])


def _ooxml_kind(data: bytes, filename: str) -> str:
    policy = attachment_policy()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            names = {info.filename for info in infos}
            if sum(info.file_size for info in infos) > policy["max_unzipped_bytes"]:
                raise InputError("Office 文件解压后过大，已拒绝。", file=filename)
    except zipfile.BadZipFile:
        raise InputError("文件已损坏，无法识别。", file=filename) from None
    if "[Content_Types].xml" not in names:
        raise InputError("压缩包不是 Word/Excel 文档，不允许上传。", file=filename)
    if any(n.lower().endswith("vbaproject.bin") for n in names):
        raise InputError("文件包含宏代码，不允许上传。", file=filename)
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    raise InputError("只允许 Word（.docx）和 Excel（.xlsx）格式的 Office 文档。", file=filename)


def sniff(data: bytes, filename: str) -> FileKind:
    """The allowed kind of ``data``, or an InputError saying why it is refused."""
    policy = attachment_policy()
    if not data:
        raise InputError("文件是空的。", file=filename)
    if len(data) > policy["max_bytes"]:
        limit_mb = policy["max_bytes"] / 1024 / 1024
        raise InputError(f"文件超过 {limit_mb:.0f} MB 的上限。", file=filename)
    if data.startswith(b"\xff\xd8\xff"):
        name = "jpeg"
    elif data.startswith(b"\x89PNG\r\n\x1a\n"):
        name = "png"
    elif data.startswith(b"%PDF-"):
        name = "pdf"
    elif data.startswith(b"PK\x03\x04"):
        name = _ooxml_kind(data, filename)
    else:
        allowed = "、".join(spec["label"] for spec in policy["kinds"].values())
        raise InputError(f"不支持的文件类型（按文件内容判断），只允许{allowed}。", file=filename)
    if name not in policy["kinds"]:
        raise InputError("该文件类型未被允许。", file=filename)
    return _kind(name)


def safe_download_name(filename: str, kind: FileKind) -> str:
    """The original base name with the extension of the real kind (no path, no control chars)."""
    base = filename.replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(ch for ch in base if ch.isprintable() and ch not in '"<>|:*?')
    stem = base.rsplit(".", 1)[0] if "." in base else base
    return f"{(stem or '附件')[:100]}.{kind.extension}"
