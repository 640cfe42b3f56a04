"""The platform's main paths, each walked in Chromium by the role that walks it.

Every page these tests land on goes through ``Tab.check`` (console, network, charts, Chinese text,
1366 px and 390 px layouts). The texts typed in are this file's own, not demo or sample data.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid

import openpyxl
import pytest

pytestmark = pytest.mark.e2e

DECISIONS = {"准入": "admit", "修改后准入": "revise", "退回": "reject"}


def _tag() -> str:
    return uuid.uuid4().hex[:6]


def _org_name(browsing, username: str) -> str:
    """The organisation a demo user belongs to, as the top bar shows it."""
    with browsing.tab(username) as tab:
        tab.visit("/")
        who = tab.page.inner_text(".userbox .who")
    return who.split(" · ")[0].strip()


def _decision_on_detail(tab) -> str:
    match = re.search(r"审查结论：(修改后准入|准入|退回)", tab.main_text())
    assert match, tab.main_text()[:300]
    return DECISIONS[match.group(1)]


def test_department_submits_county_overrides_township_receives(browsing):
    title = f"关于组织开展独居老人冬季走访的通知（{_tag()}）"
    body = (
        "各乡镇（街道）：入冬后请组织村（社区）对辖区独居老人开展一次上门走访，了解取暖、用药和"
        "生活照料需求，发现困难的及时纳入帮扶。每户走访须拍摄照片上传工作群，每日下班前报送走访"
        "进度截图，并签订走访工作责任书。"
    )
    # Department clerk: submits and sees the screening with its reasons straight away.
    with browsing.tab("dept07") as tab:
        tab.visit("/intake/submit/")
        tab.page.fill("input[name=title]", title)
        tab.page.fill("textarea[name=body]", body)
        tab.page.fill("input[name=deadline_days]", "15")
        tab.submit()
        assert "任务已提交，审查结论" in tab.main_text()
        assert title in tab.main_text()
        engine = _decision_on_detail(tab)
        assert tab.page.locator("main ol.reasons li, main .reasons li").count() >= 1
        task_path = tab.page.url.removeprefix(tab.base)

    # County reviewer: overrides the engine with a recorded reason.
    final = "revise" if engine != "revise" else "admit"
    reason = f"经与民政部门核实，走访属配合职责，改判以便按时下达（{_tag()}）"
    with browsing.tab("county_admin") as tab:
        tab.visit(task_path)
        tab.page.select_option("select[name=decision]", final)
        tab.page.fill("textarea[name=reason]", reason)
        tab.submit("form[action$='/review/'] button[type=submit]")
        assert "复核结果已保存" in tab.main_text()
        assert _decision_on_detail(tab) == final
        assert reason in tab.main_text()
        assert "已改判" in tab.main_text()
        # A task the county rejected, to check the township never sees it.
        tab.visit("/intake/?status=confirmed&decision=reject")
        rejected = tab.page.locator("main table tbody tr a").first
        rejected_title = rejected.inner_text().strip()
        rejected_path = rejected.get_attribute("href")

    # Township clerk: only admitted (or revised) tasks arrive; a rejected one is not even reachable.
    with browsing.tab("town01") as tab:
        tab.visit("/intake/inbox/")
        inbox = tab.main_text()
        assert title in inbox
        assert rejected_title not in inbox
        tab.page.click(f"text={title}")
        tab.check()
        assert body[:20] in tab.main_text()
        tab.expect_status(rejected_path, 404)


def test_township_burden_and_coordination_answered_by_department(browsing):
    tag = _tag()
    lead_name = _org_name(browsing, "dept14")
    today = dt.date.today().isoformat()

    with browsing.tab("town02") as tab:
        # Record a burden: a phone notice that cost the staff two hours.
        event_title = f"电话通知当日报送汛情排查照片（{tag}）"
        tab.visit("/ledger/events/new/")
        tab.page.fill("input[name=date]", today)
        tab.page.select_option("select[name=type]", "phone_notice")
        tab.page.fill("input[name=source_department]", lead_name)
        tab.page.fill("input[name=title]", event_title)
        tab.page.fill("input[name=hours]", "2")
        tab.submit()
        assert "负担事件已登记" in tab.main_text()
        assert event_title in tab.main_text()
        # The page's help link opens the guide at this role's chapter on the ledger.
        tab.page.click("footer a:has-text('帮助')")
        tab.page.wait_for_load_state()
        tab.check()
        assert tab.page.url.endswith("/help/#township-ledger")
        assert tab.page.locator("#township-ledger").is_visible()

        # Raise a coordination ticket the township cannot solve alone.
        category = f"河道堵塞（{tag}）"
        tab.visit("/coordination/new/")
        tab.page.select_option("select[name=kind]", "routine")
        tab.page.fill("input[name=category]", category)
        tab.page.fill(
            "textarea[name=description]",
            "村口河道被上游冲下的树枝和垃圾堵塞，雨季来临前需清理并疏浚，乡镇没有清淤设备。",
        )
        tab.page.fill("input[name=place]", "三组河段")
        tab.submit()
        assert "等待县级调度员派单" in tab.main_text()
        ticket_path = tab.page.url.removeprefix(tab.base)

    # County dispatcher routes it to the lead department.
    with browsing.tab("county_admin") as tab:
        tab.visit(ticket_path)
        tab.page.select_option("select[name=lead]", label=lead_name)
        tab.page.fill("form[action$='/dispatch/'] textarea[name=note]", "河道清理由水利部门牵头。")
        tab.submit("form[action$='/dispatch/'] button[type=submit]")
        assert "已派单" in tab.main_text()

    # The department accepts and answers.
    answer = f"已安排清淤队伍三日内完成疏浚（{tag}）"
    with browsing.tab("dept14") as tab:
        tab.visit(ticket_path)
        tab.submit("form[action$='/accept/'] button[type=submit]")
        assert "已接单" in tab.main_text()
        tab.page.fill("form[action$='/resolve/'] textarea[name=note]", answer)
        tab.submit("form[action$='/resolve/'] button[type=submit]")
        assert "已办结，等待乡镇确认" in tab.main_text()

    # Back at the township the answer is there to confirm; another township cannot open it.
    with browsing.tab("town02") as tab:
        tab.visit(ticket_path)
        assert answer in tab.main_text()
        assert tab.page.locator("form[action$='/confirm/']").count() == 1
    with browsing.tab("town03") as tab:
        tab.expect_status(ticket_path, 404)


def test_county_admin_reviews_a_forms_merge_and_downloads_a_report(browsing, tmp_path):
    with browsing.tab("county_admin") as tab:
        tab.page.on("dialog", lambda dialog: dialog.accept())
        tab.visit("/forms/elements/")
        card = (
            tab.page.locator("main section.card[id^=e]")
            .filter(has=tab.page.locator("form[action$='/split/']"))
            .first
        )
        card_id = card.get_attribute("id")
        field_name = card.locator("tbody tr").last.locator("td").nth(1).inner_text().strip()
        members_before = card.locator("tbody tr").count()

        # Split one field out of the element, then merge it back after review.
        card.locator("form[action$='/split/'] button").last.click()
        tab.page.wait_for_load_state()
        tab.check()
        assert "已拆分出数据元素" in tab.main_text()
        card = tab.page.locator(f"#{card_id}")
        assert card.locator("tbody tr").count() == members_before - 1
        split_off = (
            tab.page.locator("main section.card[id^=e]")
            .filter(has=tab.page.locator("td", has_text=re.compile(f"^{re.escape(field_name)}$")))
            .filter(has_not=tab.page.locator(f"#{card_id}"))
        )
        new_id = next(
            cid for cid in split_off.evaluate_all("cards => cards.map(c => c.id)") if cid != card_id
        )
        card.locator("form[action$='/merge/'] select[name=other]").select_option(new_id[1:])
        card.locator("form[action$='/merge/'] button").click()
        tab.page.wait_for_load_state()
        tab.check()
        assert "合并到" in tab.main_text()
        assert tab.page.locator(f"#{card_id} tbody tr").count() == members_before
        assert tab.page.locator(f"#{new_id}").count() == 0

        # Generate the county's monthly scorecard report and download its XLSX appendix.
        tab.visit("/scorecard/")
        tab.submit("form[action$='/reports/new/'] button[type=submit]")
        link = tab.page.locator("a[href$='/xlsx/']")
        link.wait_for(timeout=120000)
        tab.check()
        with tab.page.expect_download() as download:
            link.click()
        saved = tmp_path / download.value.suggested_filename
        download.value.save_as(saved)
    assert saved.suffix == ".xlsx"
    book = openpyxl.load_workbook(saved)
    assert book.sheetnames
    cells = [
        c for ws in book.worksheets for row in ws.iter_rows(values_only=True) for c in row if c
    ]
    assert any(isinstance(c, str) and re.search(r"[\u4e00-\u9fff]", c) for c in cells)
    assert any(isinstance(c, int | float) for c in cells)


def test_observer_reads_the_audit_log_and_cannot_write(browsing, tmp_path):
    with browsing.tab("observer") as tab:
        tab.visit("/audit/?action=login")
        rows = tab.page.locator("main table tbody tr")
        assert rows.count() >= 1
        assert "登录成功" in rows.first.inner_text()
        with tab.page.expect_download() as download:
            tab.page.click("a[href*='/audit/export.xlsx']")
        saved = tmp_path / "audit.xlsx"
        download.value.save_as(saved)
        book = openpyxl.load_workbook(saved)
        sheet = book.worksheets[0]
        assert sheet.max_row >= 2
        header = [c.value for c in sheet[1]]
        assert any(isinstance(h, str) and "操作" in h for h in header), header
        tab.expect_status("/intake/submit/", 403)
        tab.expect_status("/ledger/events/new/", 403)


def test_anonymous_report_needs_no_login_and_keeps_no_identity(browsing):
    with browsing.tab(None) as tab:
        response = tab.page.goto(tab.url("/intake/"))
        assert response is not None
        assert urlsplit_path(tab.page.url) == "/login/"
        tab.visit("/ledger/report/")
        tab.page.select_option("select[name=township]", index=1)
        tab.page.select_option("select[name=type]", "app_or_group")
        tab.page.fill("input[name=happened_on]", dt.date.today().isoformat())
        tab.page.fill("input[name=title]", "要求每天在三个工作群里打卡并截图")
        tab.page.fill(
            "textarea[name=description]",
            "上级要求每天早晚在工作群签到，并把截图汇总后再报一次，占用大量时间。",
        )
        tab.page.fill("input[name=hours]", "1.5")
        tab.submit()
        assert "感谢" in tab.main_text() or "已收到" in tab.main_text()
        assert tab.context.cookies() == [] or all(
            c["name"] == "csrftoken" for c in tab.context.cookies()
        )


def urlsplit_path(url: str) -> str:
    from urllib.parse import urlsplit

    return urlsplit(url).path
