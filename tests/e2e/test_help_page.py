"""The in-app user guide: the shipped copy matches docs/, it renders safely, links per role/part."""

from __future__ import annotations

from pathlib import Path

import pytest

from jiceng.web import help as guide

REPO = Path(__file__).resolve().parents[2]


def test_shipped_guide_is_identical_to_docs():
    shipped = REPO / "src" / "jiceng" / "web" / "guide" / "user-guide.md"
    assert shipped.read_bytes() == (REPO / "docs" / "user-guide.md").read_bytes()


def test_every_role_has_a_chapter_and_every_screenshot_exists():
    rendered = guide.render_markdown(guide.guide_text())
    for chapter in [*guide.ROLE_CHAPTERS.values(), guide.ANONYMOUS_CHAPTER]:
        assert chapter in rendered.anchors
    for name in __import__("re").findall(r"\(screenshots/([a-z0-9-]+\.png)\)", guide.guide_text()):
        assert (REPO / "docs" / "screenshots" / name).is_file(), name


def test_renderer_escapes_markup_and_drops_external_links():
    rendered = guide.render_markdown(
        "## 标题 {#t}\n\n<script>alert(1)</script> **粗体** `代码`\n\n"
        "[外部](https://example.com/x) [内部](#t) ![图](screenshots/a-b.png) ![坏](../../etc.png)\n\n"
        "| 甲 | 乙 |\n| --- | --- |\n| 1 | 2 |\n\n- 一\n- 二\n  续行\n"
    )
    html = rendered.html
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<strong>粗体</strong>" in html and "<code>代码</code>" in html
    assert "example.com" not in html and "外部" in html
    assert '<a href="#t">内部</a>' in html
    assert 'src="/help/screenshots/a-b.png"' in html and "etc.png" not in html
    assert "<th>甲</th>" in html and "<td>2</td>" in html
    assert "<li>二 续行</li>" in html
    assert rendered.anchors == {"t"} and rendered.contents == (("t", "标题"),)


@pytest.mark.parametrize(
    ("role", "part", "anchor"),
    [
        ("township_clerk", "ledger", "township-ledger"),
        ("department_clerk", "intake", "department-intake"),
        ("county_admin", "forms", "county-admin-forms"),
        ("observer", "ledger", "observer"),  # no section of its own: the role's chapter
        (None, "ledger", "anonymous"),
        ("township_clerk", None, "township"),
    ],
)
def test_help_link_points_at_the_role_and_part(role, part, anchor):
    assert guide.chapter_for(role, part) == anchor


@pytest.mark.django_db
def test_help_page_renders_for_anyone_and_pages_link_to_their_chapter(client, world):
    from tests.conftest import login

    response = client.get("/help/")
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="township-ledger"' in body and "使用帮助" in body
    login(client, world.user("township_clerk"))
    page = client.get("/ledger/events/new/")
    assert 'href="/help/#township-ledger"' in page.content.decode()
    assert client.get("/help/screenshots/../settings.py").status_code == 404
    assert client.get("/help/screenshots/nope.png").status_code == 404
