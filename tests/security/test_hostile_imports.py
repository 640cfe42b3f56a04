"""Hostile files through every import page: random bytes, a .docx renamed .xlsx, a zip bomb
dressed as a workbook, broken text encodings, an empty file, a 100 MB file — each refused with a
Chinese message and nothing imported (row counts before and after). Formula text that reaches
an export comes back as inert text. Oversized request bodies are refused unread."""

from __future__ import annotations

import io
import random
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from openpyxl import Workbook, load_workbook

pytestmark = pytest.mark.django_db

CJK = re.compile(r"[\u4e00-\u9fff]")
TAGS = re.compile(r"<[^>]+>")
NOT_DATA = {"django_session", "core_auditentry", "core_auditchainhead"}


@dataclass(frozen=True)
class ImportPath:
    url_name: str
    role: str
    kwargs: dict[str, Any] = field(default_factory=dict)
    extensions: tuple[str, ...] = ("xlsx",)


IMPORT_PATHS = [
    ImportPath("duties:import", "county_admin", extensions=("csv", "xlsx")),
    ImportPath("ledger:import", "township_clerk", extensions=("csv", "xlsx")),
    ImportPath("forms:register", "department_clerk", extensions=("json", "xlsx")),
    ImportPath("forms:record_import", "township_clerk", {"kind": "person"}),
    ImportPath("capacity:staff", "county_admin"),
    ImportPath("procurement:catalogue", "county_admin"),
]


def data_counts() -> dict[str, int]:
    tables = sorted(t for t in connection.introspection.table_names() if t not in NOT_DATA)
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(f"(SELECT COUNT(*) FROM {qn(t)})" for t in tables))
        return dict(zip(tables, cursor.fetchone(), strict=True))


def visible_text(html: str) -> set[str]:
    return {line.strip() for line in TAGS.sub("\n", html).splitlines() if line.strip()}


# --- the hostile files ---------------------------------------------------------------------------


def random_bytes(size: int = 8192) -> bytes:
    return random.Random(9).randbytes(size)


def docx_bytes() -> bytes:
    from docx import Document

    document = Document()
    document.add_paragraph("这是一份通知，不是表格。")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def zip_bomb(inflated: int = 1 << 30) -> bytes:
    """A workbook-shaped zip whose sheet XML inflates to ``inflated`` bytes (1 GiB) from ~1 MB."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        )
        archive.writestr(
            "xl/workbook.xml",
            '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="清单" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        chunk = b" " * (1 << 20)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(b'<?xml version="1.0"?><worksheet><sheetData>')
            for _ in range(inflated // len(chunk)):
                sheet.write(chunk)
            sheet.write(b"</sheetData></worksheet>")
    return buffer.getvalue()


BROKEN_CSV = (
    b"township,date,type,channel,source_department,title,hours\n"
    + b"\xe7\xac\xac0\xe9\x95\x87,2025-03-03,meeting,formal,\xc3\x28\xa0\xa1,\x00\x00title,2\n"
)
GB18030_WRONG = "编号,事项名称\n1,走访\n".encode("utf-16")  # a UTF-16 file with a BOM


@pytest.fixture(scope="module")
def bomb() -> bytes:
    return zip_bomb()


def hostile_files(ext: str, bomb: bytes) -> list[tuple[str, bytes]]:
    files = [(f"随机.{ext}", random_bytes()), (f"空.{ext}", b"")]
    if ext == "xlsx":
        files += [
            ("通知.xlsx", docx_bytes()),
            ("炸弹.xlsx", bomb),
            ("文本.xlsx", b"id,name\n1,x\n"),
        ]
    if ext == "csv":
        files += [
            ("乱码.csv", BROKEN_CSV),
            ("宽字符.csv", GB18030_WRONG),
            ("表格.csv", docx_bytes()),
        ]
    if ext == "json":
        files += [
            ("坏.json", b'{"id": "A1", "fields": [' + b"[" * 100000),
            ("表格.json", docx_bytes()),
        ]
    return files


def _post(client: Any, path: ImportPath, name: str, data: bytes) -> Any:
    url = reverse(path.url_name, kwargs=path.kwargs)
    return client.post(url, {"file": SimpleUploadedFile(name, data)}, follow=True)


@pytest.mark.parametrize("path", IMPORT_PATHS, ids=lambda p: p.url_name)
def test_hostile_files_are_refused_in_chinese_and_import_nothing(client, world, path, bomb):
    client.force_login(world.user(path.role))
    page = client.get(reverse(path.url_name, kwargs=path.kwargs))
    assert page.status_code == 200
    baseline = visible_text(page.content.decode())
    for ext in path.extensions:
        for name, data in hostile_files(ext, bomb):
            before = data_counts()
            response = _post(client, path, name, data)
            assert response.status_code < 500, (path.url_name, name, response.status_code)
            assert data_counts() == before, f"{path.url_name} imported something from {name}"
            new_text = visible_text(response.content.decode()) - baseline
            assert any(CJK.search(t) for t in new_text), (path.url_name, name, sorted(new_text)[:5])


@pytest.mark.parametrize("path", IMPORT_PATHS, ids=lambda p: p.url_name)
def test_a_100_mb_file_is_refused_by_size(client, world, path, tmp_path: Path):
    big = tmp_path / f"大文件.{path.extensions[-1]}"
    with big.open("wb") as out:
        out.write(b"PK\x03\x04")  # looks like a zip to a name- or magic-only check
        out.truncate(100 * 1000 * 1000)
    client.force_login(world.user(path.role))
    before = data_counts()
    with big.open("rb") as handle:
        response = client.post(
            reverse(path.url_name, kwargs=path.kwargs), {"file": handle}, follow=True
        )
    assert response.status_code in {200, 400, 413}
    assert data_counts() == before
    html = response.content.decode()
    assert re.search(r"过大|超过|不能超过", html), path.url_name


def test_request_bodies_over_the_cap_are_refused_unread(client, world, settings):
    settings.JICENG_MAX_REQUEST_BYTES = 1024 * 1024
    client.force_login(world.user("county_admin"))
    before = data_counts()
    response = client.post(
        reverse("procurement:catalogue"),
        {"file": SimpleUploadedFile("目录.xlsx", b"x" * (2 * 1024 * 1024))},
    )
    assert response.status_code == 413 and "过大" in response.content.decode()
    api = client.post(
        "/api/procurement/check",
        b"{" + b" " * (2 * 1024 * 1024) + b"}",
        content_type="application/json",
    )
    assert api.status_code == 413 and "过大" in api.json()["detail"]
    assert data_counts() == before


# --- formula injection: imported text comes back inert -------------------------------------------

FORMULA = '=HYPERLINK("http://example.invalid/x","点此")'


def _formula_cells(content: bytes) -> list[str]:
    wb = load_workbook(io.BytesIO(content))
    return [
        f"{ws.title}!{c.coordinate}={c.value}"
        for ws in wb
        for row in ws.iter_rows()
        for c in row
        if c.data_type == "f"
    ]


def _texts(content: bytes) -> list[str]:
    wb = load_workbook(io.BytesIO(content))
    return [str(c.value) for ws in wb for row in ws.iter_rows() for c in row if c.value is not None]


def test_formula_in_an_imported_base_record_is_inert_in_the_department_report(client, world):
    from jiceng.forms import services
    from jiceng.forms.models import DataElement, ReportForm
    from jiceng.forms.schema import load_forms_json

    dept = world.user("department_clerk")
    spec = {"id": "ZF01", "department": "", "title": "走访对象名册", "period": "月报",
            "fields": [{"name": "姓名", "type": "text"}, {"name": "住址", "type": "text"}]}  # fmt: skip
    services.register_forms(actor=dept, forms=load_forms_json([spec]))
    services.run_matching(actor=world.user("county_admin"))
    for element in DataElement.objects.filter(county=world.counties[0]):
        services.accept_element(actor=world.user("county_admin"), element=element)

    town = world.user("township_clerk")
    client.force_login(town)
    wb = Workbook()
    wb.active.append(["姓名", "住址"])
    wb.active.append([FORMULA, "一村"])
    wb.active["A2"].data_type = "s"  # text that looks like a formula (a formula cell has no value)
    buffer = io.BytesIO()
    wb.save(buffer)
    response = client.post(
        reverse("forms:record_import", kwargs={"kind": "person"}),
        {"file": SimpleUploadedFile("名册.xlsx", buffer.getvalue())},
        follow=True,
    )
    assert "已导入 1 条" in response.content.decode(), [
        t for t in visible_text(response.content.decode()) if "导入" in t or "错" in t or "行" in t
    ]

    client.force_login(dept)
    form = ReportForm.objects.get(code="ZF01", is_current=True)
    report = client.get(reverse("forms:report", args=[form.pk]))
    assert report.status_code == 200
    assert not _formula_cells(report.content)
    assert any("HYPERLINK" in t for t in _texts(report.content)), _texts(report.content)


def test_formula_in_imported_ledger_titles_is_inert_in_every_ledger_and_audit_export(client, world):
    town = world.user("township_clerk")
    client.force_login(town)
    csv = (
        "township,date,type,channel,source_department,title,hours\n"
        f'{town.organisation.name},2025-03-03,meeting,formal,县第0局,"{FORMULA.replace(chr(34), chr(34) * 2)}",2\n'
        f"{town.organisation.name},2025-03-04,document,formal,县第0局,+cmd|' /C calc'!A0,1\n"
    ).encode()
    response = client.post(
        reverse("ledger:import"), {"file": SimpleUploadedFile("台账.csv", csv)}, follow=True
    )
    assert response.status_code == 200
    from jiceng.ledger.models import BurdenEvent

    assert BurdenEvent.objects.filter(title__startswith="=HYPERLINK").exists()
    exports = [client.get(reverse("ledger:report_xlsx") + "?month=2025-03")]
    client.force_login(world.user("county_admin"))
    exports += [
        client.get(reverse("ledger:report_xlsx") + "?month=2025-03"),
        client.get(reverse("audit_export")),
    ]
    for export in exports:
        assert export.status_code == 200
        assert not _formula_cells(export.content)


def test_safe_cell_neutralises_every_formula_prefix():
    from jiceng.web.exports import workbook_bytes

    values = ["=1+1", "+1+1", "-1+1", "@SUM(A1)", "\t=1", "\r=1", "普通文字", "１２"]
    content = workbook_bytes([("表", ["值"], [[v] for v in values])])
    assert not _formula_cells(content)
    wb = Workbook()
    wb.active["A1"] = "=1+1"
    buffer = io.BytesIO()
    wb.save(buffer)
    assert _formula_cells(buffer.getvalue())  # the check itself sees a real formula
