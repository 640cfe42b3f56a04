"""Screenshots of the main pages for the README and the user guide (``make screenshots``).

Seeds the demo county into a temporary folder, serves it, and saves 1366×768 viewport PNGs (not
full pages, to keep them small) to ``docs/screenshots/``. Not part of the test run.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from tests.e2e.browser import CHARTS_DRAWN, Browsing, launch_browser
from tests.e2e.server import REPO, seed_once, serve

# (file name, user or None for anonymous, path, CSS selector to scroll to or "")
SHOTS: list[tuple[str, str | None, str, str]] = [
    ("login", None, "/login/", ""),
    ("county-home", "county_admin", "/", ""),
    ("intake-list", "county_admin", "/intake/", ""),
    ("intake-detail", "county_admin", "@first-intake", ""),
    ("department-submit", "dept01", "/intake/submit/", ""),
    ("township-home", "town01", "/", ""),
    ("township-inbox", "town01", "/intake/inbox/", ""),
    ("ledger-dashboard", "county_admin", "/ledger/", ".chart"),
    ("ledger-new-event", "town01", "/ledger/events/new/", ""),
    ("forms-elements", "county_admin", "/forms/elements/", ""),
    ("coordination-list", "town01", "/coordination/", ""),
    ("capacity", "county_admin", "/capacity/", ""),
    ("scorecard", "county_admin", "/scorecard/", ""),
    ("audit-log", "observer", "/audit/", ""),
    ("anonymous-report", None, "/ledger/report/", ""),
]


def _resolve(tab, path: str) -> str:
    if path == "@first-intake":  # the first task waiting for review
        tab.page.goto(tab.url("/intake/?status=screened"))
        return str(tab.page.locator("main table tbody tr a").first.get_attribute("href"))
    return path


def take(browsing: Browsing, out: Path) -> list[Path]:
    out = out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    saved = []
    for name, user, path, anchor in SHOTS:
        with browsing.tab(user) as tab:
            tab.page.goto(tab.url(_resolve(tab, path)))
            tab.page.wait_for_function(CHARTS_DRAWN, timeout=30000)
            if anchor:  # bring the first chart's card to the top of the window
                tab.page.locator(anchor).first.evaluate(
                    "el => (el.closest('.card') || el).scrollIntoView({block: 'start'})"
                )
            tab.page.wait_for_timeout(1500)  # let ECharts finish its entry animation
            target = out / f"{name}.png"
            tab.page.screenshot(path=str(target))
            saved.append(target)
            print(
                f"{target.relative_to(REPO)}  {target.stat().st_size // 1024} KB", file=sys.stderr
            )
    return saved


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="生成主要页面的截图（docs/screenshots/）")
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="jiceng-shots-") as tmp:
        root = Path(tmp)
        seeded = seed_once(root)
        with serve(seeded, log=root / "server.log") as url, launch_browser() as browser:
            take(Browsing(browser, url, root), args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
