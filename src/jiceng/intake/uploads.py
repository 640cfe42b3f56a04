"""Reading an uploaded notice (.docx or .txt) into a title and a body. Pure: no Django."""

from __future__ import annotations

import io
import zipfile

from jiceng.errors import InputError

MAX_NOTICE_BYTES = 5 * 1024 * 1024
MAX_NOTICE_CHARS = 100_000
# A .docx is a zip; refuse archives that would inflate far beyond any real notice (zip bombs).
MAX_DOCX_UNCOMPRESSED = 50 * 1024 * 1024


def read_notice(data: bytes, filename: str) -> tuple[str, str]:
    if not data:
        raise InputError("文件是空的。", file=filename)
    if len(data) > MAX_NOTICE_BYTES:
        raise InputError("文件超过 5 MB，不像是一份通知，请检查。", file=filename)
    if data[:4] == b"PK\x03\x04":
        lines = _docx_lines(data, filename)
    elif filename.lower().endswith((".docx", ".doc")):
        raise InputError(
            "文件内容不是 Word（.docx）格式；旧版 .doc 请另存为 .docx 后上传。", file=filename
        )
    else:
        lines = _text_lines(data, filename)
    lines = [line.strip() for line in lines if line.strip()]
    if not lines:
        raise InputError("文件中没有文字内容。", file=filename)
    title, body_lines = _split_title(lines)
    body = "\n".join(body_lines)
    if not body:
        raise InputError("只读到标题，没有正文。", file=filename)
    return title[:300], body[:MAX_NOTICE_CHARS]


def _docx_lines(data: bytes, filename: str) -> list[str]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_DOCX_UNCOMPRESSED:
                raise InputError("Word 文件解压后过大，已拒绝。", file=filename)
            if "word/document.xml" not in archive.namelist():
                raise InputError("文件不是有效的 Word（.docx）文档。", file=filename)
        from docx import Document

        document = Document(io.BytesIO(data))
    except InputError:
        raise
    except Exception:
        raise InputError("无法读取该 Word 文件，文件可能已损坏。", file=filename) from None
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" ".join(cell.text for cell in row.cells))
    return lines


def _text_lines(data: bytes, filename: str) -> list[str]:
    if b"\x00" in data[:4096]:
        raise InputError("文件不是文本或 Word 文档。", file=filename)
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding).splitlines()
        except UnicodeDecodeError:
            continue
    raise InputError("无法识别文件编码，请另存为 UTF-8 文本。", file=filename)


def _split_title(lines: list[str]) -> tuple[str, list[str]]:
    # Official notices put the document number (…〔2026〕12号) and the title before the body; the
    # title is the first line that reads like one (关于…的通知) or else the first line.
    for i, line in enumerate(lines[:5]):
        if line.startswith("关于") or line.endswith(("通知", "通报", "方案", "意见", "函")):
            return line, lines[i + 1 :]
    return lines[0], lines[1:]
