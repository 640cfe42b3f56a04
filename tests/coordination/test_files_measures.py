"""Attachment sniffing by content, and the whistle-rate band."""

import io
import zipfile

import pytest

from jiceng.coordination.files import safe_download_name, sniff
from jiceng.coordination.measures import whistle_rate
from jiceng.errors import InputError


def ooxml(main: str, extra: dict | None = None) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr(main, "<x/>")
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return buf.getvalue()


def test_kinds_by_content_not_by_name():
    assert sniff(b"\xff\xd8\xff\xe0" + b"0" * 100, "现场.pdf").name == "jpeg"
    assert sniff(b"\x89PNG\r\n\x1a\n" + b"0" * 10, "a.png").mime == "image/png"
    assert sniff(b"%PDF-1.7\n...", "x.jpg").extension == "pdf"
    assert sniff(ooxml("word/document.xml"), "a.docx").name == "docx"
    assert sniff(ooxml("xl/workbook.xml"), "a.xlsx").name == "xlsx"


@pytest.mark.parametrize(
    "data, message",
    [
        (b"MZ\x90\x00" + b"0" * 50, "不支持的文件类型"),
        (b"<html><script>", "不支持的文件类型"),
        (b"", "空的"),
        (b"PK\x03\x04garbage", "损坏"),
    ],
)
def test_refused_content(data, message):
    with pytest.raises(InputError, match=message) as info:
        sniff(data, "照片.jpg")
    assert "照片.jpg" in str(info.value)


def test_macro_office_files_and_other_zips_are_refused():
    with pytest.raises(InputError, match="宏"):
        sniff(ooxml("word/document.xml", {"word/vbaProject.bin": "x"}), "a.docm")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("evil.exe", "x")
    with pytest.raises(InputError, match="不是 Word/Excel"):
        sniff(buf.getvalue(), "a.zip")


def test_size_limit():
    with pytest.raises(InputError, match="上限"):
        sniff(b"%PDF-" + b"0" * (11 * 1024 * 1024), "big.pdf")


def test_download_name_uses_real_extension_and_no_path():
    kind = sniff(b"%PDF-1.4", "x")
    assert safe_download_name("../../etc/现场照片.exe", kind) == "现场照片.pdf"


def test_whistle_rate_bands():
    assert whistle_rate(0, population=30000, staff=40, months=3).band == "low"
    normal = whistle_rate(9, population=30000, staff=40, months=3)
    assert normal.band == "normal" and normal.rate == 1.0 and "合理区间" in normal.reason
    high = whistle_rate(60, population=30000, staff=40, months=3)
    assert high.band == "high" and "基本履职事项" in high.reason
    by_staff = whistle_rate(3, population=0, staff=30, months=1)
    assert by_staff.basis.startswith("每10名") and by_staff.rate == 1.0
    assert whistle_rate(3, population=0, staff=0, months=1).band == "unknown"
