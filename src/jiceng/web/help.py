"""The user guide inside the platform: ``/help/`` renders the guide shipped with the package.

The guide is ``jiceng/web/guide/user-guide.md``, an exact copy of ``docs/user-guide.md`` (a test
keeps them identical). It is rendered by the small Markdown subset below rather than a library:
everything is HTML-escaped first, so the guide can never inject markup, and links may only point
inside the platform (an intranet page must not send users to the internet).

Every page's "帮助" link points at the chapter for the user's role and, where the guide has one,
the section for the part being viewed: ``#<role>-<part>`` (e.g. ``#township-ledger``), else
``#<role>``.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path

# The chapter anchor of each role in the guide (the headings carry these ids).
ROLE_CHAPTERS = {
    "county_admin": "county-admin",
    "department_clerk": "department",
    "township_clerk": "township",
    "observer": "observer",
}
ANONYMOUS_CHAPTER = "anonymous"
SCREENSHOT_NAME = re.compile(r"^[a-z0-9-]+\.png$")
# Screenshots live in the source checkout (docs/screenshots/), not in the installed package.
SCREENSHOTS_DIR = Path(__file__).resolve().parents[3] / "docs" / "screenshots"


def guide_text() -> str:
    return (resources.files("jiceng.web") / "guide" / "user-guide.md").read_text(encoding="utf-8")


@dataclass(frozen=True)
class Guide:
    html: str
    anchors: frozenset[str]
    contents: tuple[tuple[str, str], ...]  # (anchor, title) of the chapters, for the page's index


@lru_cache(maxsize=1)
def rendered_guide() -> Guide:
    return render_markdown(guide_text())


def chapter_for(role: str | None, part: str | None) -> str:
    """The guide anchor for a user of ``role`` looking at a page of ``part``."""
    chapter = ROLE_CHAPTERS.get(role or "", ANONYMOUS_CHAPTER)
    anchors = rendered_guide().anchors
    section = f"{chapter}-{part}" if part else ""
    return section if section in anchors else chapter


def help_url(request: HttpRequest) -> str:
    user = getattr(request, "user", None)
    role = getattr(user, "role", None) if user is not None and user.is_authenticated else None
    match = getattr(request, "resolver_match", None)
    part = match.app_name if match is not None and match.app_name else None
    return f"/help/#{chapter_for(role, part)}"


# --- a small, escaping Markdown renderer ---------------------------------------------------------

HEADING = re.compile(r"^(#{1,4})\s+(.*?)(?:\s+\{#([a-z0-9-]+)\})?\s*$")
ORDERED = re.compile(r"^\d+\.\s+(.*)$")
IMAGE = re.compile(r"!\[([^\]]*)\]\(([^)\s]+)\)")
LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
BOLD = re.compile(r"\*\*(.+?)\*\*")
CODE = re.compile(r"`([^`]+)`")


def _href(target: str) -> str | None:
    """Only links inside the platform or the guide; anything else becomes plain text."""
    if target.startswith("#"):
        return target
    if target.startswith("/") and not target.startswith("//"):
        return target
    return None


def _inline(raw: str) -> str:
    text = html.escape(raw, quote=True)
    codes: list[str] = []

    def keep_code(m: re.Match[str]) -> str:
        codes.append(f"<code>{m.group(1)}</code>")
        return f"\x00{len(codes) - 1}\x00"

    text = CODE.sub(keep_code, text)

    def image(m: re.Match[str]) -> str:
        alt, src = m.group(1), html.unescape(m.group(2))
        name = src.rsplit("/", 1)[-1]
        if src.startswith("screenshots/") and SCREENSHOT_NAME.match(name):
            return f'<img src="/help/screenshots/{name}" alt="{alt}" loading="lazy" style="max-width:100%;height:auto;border:1px solid #d9dde3">'
        return alt

    def link(m: re.Match[str]) -> str:
        label, target = m.group(1), _href(html.unescape(m.group(2)))
        return f'<a href="{html.escape(target)}">{label}</a>' if target else label

    text = IMAGE.sub(image, text)
    text = LINK.sub(link, text)
    text = BOLD.sub(r"<strong>\1</strong>", text)
    return re.sub(r"\x00(\d+)\x00", lambda m: codes[int(m.group(1))], text)


def _table(rows: list[str]) -> str:
    cells = [[c.strip() for c in row.strip().strip("|").split("|")] for row in rows]
    body = [r for r in cells[1:] if not all(re.fullmatch(r":?-{3,}:?", c) for c in r)]
    head = "".join(f"<th>{_inline(c)}</th>" for c in cells[0])
    lines = "".join("<tr>" + "".join(f"<td>{_inline(c)}</td>" for c in r) + "</tr>" for r in body)
    return f'<div class="tablewrap"><table class="table"><thead><tr>{head}</tr></thead><tbody>{lines}</tbody></table></div>'


def render_markdown(text: str) -> Guide:
    """Headings (with ``{#id}``), paragraphs, lists, tables, quotes, images, links, bold, code."""
    out: list[str] = []
    anchors: set[str] = set()
    contents: list[tuple[str, str]] = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        heading = HEADING.match(line)
        if heading:
            level, title, anchor = len(heading.group(1)), heading.group(2), heading.group(3)
            attr = f' id="{anchor}"' if anchor else ""
            if anchor:
                anchors.add(anchor)
                if level == 2:
                    contents.append((anchor, title))
            out.append(f"<h{level}{attr}>{_inline(title)}</h{level}>")
            i += 1
            continue
        block: list[str] = []
        if line.startswith("|"):
            while i < len(lines) and lines[i].startswith("|"):
                block.append(lines[i])
                i += 1
            out.append(_table(block))
        elif line.startswith("- ") or ORDERED.match(line):
            ordered = not line.startswith("- ")
            while i < len(lines) and (lines[i].startswith(("- ", "  ")) or ORDERED.match(lines[i])):
                item = lines[i]
                if item.startswith("  ") and block:  # a wrapped continuation of the last item
                    block[-1] += " " + item.strip()
                else:
                    block.append(
                        item[2:] if item.startswith("- ") else ORDERED.match(item).group(1)
                    )  # type: ignore[union-attr]
                i += 1
            tag = "ol" if ordered else "ul"
            out.append(f"<{tag}>" + "".join(f"<li>{_inline(b)}</li>" for b in block) + f"</{tag}>")
        elif line.startswith(">"):
            while i < len(lines) and lines[i].startswith(">"):
                block.append(lines[i].lstrip(">").strip())
                i += 1
            out.append(f'<blockquote class="card">{_inline(" ".join(block))}</blockquote>')
        else:
            while i < len(lines) and lines[i].strip() and not _starts_block(lines[i]):
                block.append(lines[i].strip())
                i += 1
            out.append(f"<p>{_inline(''.join(block))}</p>")
    return Guide("\n".join(out), frozenset(anchors), tuple(contents))


def _starts_block(line: str) -> bool:
    return bool(HEADING.match(line) or line.startswith(("|", "- ", ">")) or ORDERED.match(line))


# --- views -----------------------------------------------------------------------------------------


def help_page(request: HttpRequest) -> HttpResponse:
    """The guide, readable without signing in (the anonymous channel's chapter is for everyone)."""
    guide = rendered_guide()
    return render(request, "web/help.html", {"guide": guide})


def help_screenshot(request: HttpRequest, name: str) -> FileResponse:
    if not SCREENSHOT_NAME.match(name):
        raise Http404
    file = SCREENSHOTS_DIR / name
    if not file.is_file():
        raise Http404
    return FileResponse(file.open("rb"), content_type="image/png")


urlpatterns = [
    path("", help_page, name="help"),
    path("screenshots/<str:name>", help_screenshot, name="help_screenshot"),
]
