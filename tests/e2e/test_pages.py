"""Every navigation entry, as the county admin and as a township clerk, passes the page checks."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("username", ["county_admin", "town01"])
def test_every_nav_entry_renders_cleanly(browsing, username):
    problems: list[str] = []
    with browsing.tab(username) as tab:
        tab.page.goto(tab.url("/"))
        entries = tab.page.eval_on_selector_all(
            ".mainnav a", "links => links.map(a => [a.textContent.trim(), a.getAttribute('href')])"
        )
        assert len(entries) >= 8, entries
        for _label, href in entries:
            response = tab.page.goto(tab.url(href))
            assert response is not None and response.status == 200, href
            problems += tab.problems()
    assert not problems, "\n".join(problems)
