"""Caps with their clauses, disguised documents, hidden shifts on the stored ledger, open work
groups and 减牌不减事 — as alerts with evidence."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from jiceng.core.models import AuditEntry, Organisation
from jiceng.ledger import caps, importing, queries, registers, services
from jiceng.ledger.events import Channel, Event, EventType
from jiceng.ledger.generator import generate_county
from tests.conftest import login
from tests.ledger_web.conftest import csv_bytes

pytestmark = pytest.mark.django_db


def ev(town, day, type_, dept, title, hours=1.0):
    t = EventType(type_)
    return Event(town, day, t, t.usual_channel, dept, title, hours)


def load(world, events, county=0):
    rows = list(enumerate(events, start=2))
    importing.import_events(actor=None, county=world.counties[county], rows=rows, filename="t.csv")


def test_caps_are_judged_with_their_clause(world):
    d0 = "县第0局"
    events = [ev("第0镇", date(2024, 2, i + 1), "document", d0, f"旧文{i}") for i in range(2)]
    events += [
        ev("第0镇", date(2025, 2, i + 1), "document", d0, f"新文{i}") for i in range(4)
    ]  # 2 → 4 documents
    events += [
        ev("第1镇", date(2025, 3, 1), "meeting", d0, "全县综合性工作会议"),
        ev("第1镇", date(2025, 6, 1), "meeting", d0, "年中综合性工作会议"),
    ]
    events += [ev("第0镇", date(2025, 3, 5), "meeting", "县第1局", "防汛专题会")]
    events += [ev("第1镇", date(2025, 4, 1), "secondment", "县第1局", "借调2人参加专项整治", 80)]
    load(world, events)
    uses = {(u.cap, u.party): u for u in queries.cap_uses(world.counties[0].pk, 2025, 6)}
    docs = uses[("documents_yoy", d0)]
    assert docs.broken and docs.used == 4 and docs.limit == 2 and "只减不增" in docs.reasons[0]
    assert "严控文件数量" in docs.clause
    meetings = uses[("comprehensive_meetings", d0)]
    assert meetings.broken and meetings.used == 2 and "严控会议数量" in meetings.clause
    assert (
        "comprehensive_meetings",
        "县第1局",
    ) not in uses  # an ordinary meeting is not comprehensive
    second = uses[("secondment", "全县")]
    assert second.broken and "借调第1镇人员" in second.reasons[0]


def test_cap_evaluation_is_pure_and_orders_broken_first():
    inputs = caps.CapInputs(
        year=2025,
        months=12,
        documents={"甲局": (10, 9), "乙局": (3, 3)},
        long_documents=[("甲局", "长文", 6200)],
        comprehensive_inspections={"甲局": ["年度考核"]},
    )
    result = caps.evaluate_caps(inputs)
    assert (
        result[0].status == caps.RED
        and result[0].cap == "document_length"
        and "6200 字" in result[0].reasons[0]
    )
    statuses = {(r.cap, r.party): r.status for r in result}
    assert statuses[("documents_yoy", "甲局")] == caps.GREEN
    assert statuses[("documents_yoy", "乙局")] == caps.YELLOW
    assert statuses[("comprehensive_inspections", "甲局")] == caps.YELLOW  # 1 of 1: at the limit
    assert statuses[("secondment", "全县")] == caps.GREEN
    assert caps.is_comprehensive("2025年度考核") and not caps.is_comprehensive("防汛检查")


def test_disguised_documents_are_flagged(world):
    d0 = "县第0局"
    events = []
    for m in range(1, 7):
        events += [ev("第0镇", date(2024, m, d), "document", d0, f"文{m}-{d}", 2.0) for d in (1, 2)]
        events += [ev("第0镇", date(2024, m, 3), "phone_notice", d0, "电话", 1.0)]
        events += [ev("第0镇", date(2025, m, 1), "document", d0, f"新文{m}", 2.0)]
        events += [
            ev("第0镇", date(2025, m, d), "phone_notice", d0, "电话", 1.0) for d in (3, 4, 5)
        ]
        events += [
            ev("第1镇", date(y, m, 1), "document", "县第1局", f"乙{y}{m}", 2.0)
            for y in (2024, 2025)
        ]
    load(world, events)
    alerts = queries.disguised_documents(world.counties[0].pk, 2025, 6)
    assert [a.department for a in alerts] == [d0]
    assert "12 件减至 6 件" in alerts[0].evidence and "变相发文" in alerts[0].evidence


def test_hidden_shift_found_on_the_stored_ledger(client, world):
    county = world.counties[0]
    names = [f"测{c}镇" for c in "甲乙丙丁戊己庚"]
    for name in names:
        Organisation.objects.create(kind="township", name=name, parent=county)
    patterns = dict.fromkeys(names, "plain") | {names[2]: "shift"}
    plan, events = generate_county(
        names, ["县第0局", "县第1局"], date(2024, 1, 1), 24, 11, patterns
    )
    load(world, events)
    found = {f.township: f for f in queries.findings(county.pk)}
    assert found[names[2]].pattern == "hidden_shift"
    shift_start = plan.truth()["shift_start"][names[2]]
    assert (
        abs(
            int(found[names[2]].month[5:])
            + 12 * int(found[names[2]].month[:4])
            - int(shift_start[5:])
            - 12 * int(shift_start[:4])
        )
        <= 2
    )
    login(client, world.user("observer"))
    html = client.get(reverse("ledger:alerts")).content.decode()
    assert "明减暗不减" in html and names[2] in html and "非正式渠道" in html
    assert "hidden_shift" in {r["pattern"] for r in client.get("/api/ledger/findings").json()}


def test_open_group_after_task_end_is_flagged(client, world):
    admin = world.user("county_admin")
    today = date.today()
    towns = world.townships[:2]
    stale = registers.register_work_group(
        actor=admin,
        name="迎检工作群",
        kind="chat_group",
        purpose="迎接检查",
        opened_on=today - timedelta(days=90),
        townships=towns,
        task_ends_on=today - timedelta(days=30),
    )
    registers.register_work_group(
        actor=admin,
        name="新开群",
        kind="chat_group",
        purpose="新任务",
        opened_on=today - timedelta(days=5),
        townships=towns,
        task_ends_on=today - timedelta(days=2),
    )
    closed = registers.register_work_group(
        actor=admin,
        name="已解散群",
        kind="chat_group",
        purpose="旧任务",
        opened_on=today - timedelta(days=90),
        townships=towns,
        task_ends_on=today - timedelta(days=40),
    )
    registers.update_work_group(actor=admin, group=closed, closed_on=today - timedelta(days=38))
    flagged = queries.open_groups_past_task(queries.WorkGroup.objects.all(), today)
    assert list(flagged) == [stale]
    assert AuditEntry.objects.filter(object_type="ledger.WorkGroup", action="update").count() == 1
    clerk = world.user("township_clerk", 0, 0)
    login(client, clerk)
    alerts = client.get("/api/ledger/alerts").json()
    assert [a["title"] for a in alerts if a["kind"] == "group"] == ["工作群任务结束未关闭"]
    assert "迎检工作群" in alerts[0]["evidence"] and "超期 30 天" in alerts[0]["evidence"]
    html = client.get(reverse("ledger:groups")).content.decode()
    assert "任务结束未关闭" in html
    client.logout()
    login(client, world.user("township_clerk", 1, 0))  # other county: sees nothing of it
    assert client.get("/api/ledger/alerts").json() == []


def test_signboard_removed_while_work_goes_on(client, world):
    admin = world.user("county_admin")
    town = world.townships[0]
    board = registers.register_signboard(
        actor=admin,
        township=town,
        name="综治服务站",
        work="矛盾纠纷排查",
        put_up_on=date(2024, 1, 1),
    )
    quiet = registers.register_signboard(
        actor=admin, township=town, name="文明实践站", work="文明实践", put_up_on=date(2024, 1, 1)
    )
    services.create_event(
        actor=admin,
        township=town,
        date=date(2024, 5, 1),
        type="data_report",
        hours=3,
        title="排查月报",
        signboard=board,
    )
    registers.remove_signboard(actor=admin, board=board, removed_on=date(2024, 6, 30))
    registers.remove_signboard(actor=admin, board=quiet, removed_on=date(2024, 6, 30))
    assert not queries.boards_with_work_after_removal(queries.Signboard.objects.all()).exists()
    services.create_event(
        actor=admin,
        township=town,
        date=date(2024, 8, 1),
        type="data_report",
        hours=4,
        title="排查月报",
        signboard=board,
    )
    services.create_event(
        actor=admin,
        township=town,
        date=date(2024, 9, 1),
        type="inspection",
        hours=5,
        title="排查检查",
        signboard=board,
    )
    flagged = list(queries.boards_with_work_after_removal(queries.Signboard.objects.all()))
    assert flagged == [board] and flagged[0].after_events == 2 and flagged[0].after_hours == 9
    login(client, world.user("township_clerk", 0, 0))
    html = client.get(reverse("ledger:signboards")).content.decode()
    assert "减牌不减事" in html
    alerts = client.get("/api/ledger/alerts").json()
    assert any(a["title"] == "减牌不减事" and "2 项负担、9.0 小时" in a["evidence"] for a in alerts)


def test_contract_csv_helper_roundtrip():
    assert csv_bytes([["a"]]).startswith(b"township,")
    assert Channel.INFORMAL.value == "informal"


def test_cached_results_follow_every_change_of_the_ledger(world):
    from jiceng.ledger.models import TownshipMonthTotal

    admin = world.user("county_admin")
    county_id = world.counties[0].pk
    town = world.townships[0]
    services.create_event(
        actor=admin,
        township=town,
        date=date(2025, 3, 1),
        type="secondment",
        hours=8,
        title="借调一人",
    )
    assert [u.used for u in queries.cap_uses(county_id, 2025, 12) if u.cap == "secondment"] == [1]
    before = queries.ledger_version(county_id)
    services.create_event(
        actor=admin,
        township=town,
        date=date(2025, 3, 2),
        type="secondment",
        hours=8,
        title="再借调一人",
    )
    assert queries.ledger_version(county_id) != before
    assert [u.used for u in queries.cap_uses(county_id, 2025, 12) if u.cap == "secondment"] == [2]
    assert TownshipMonthTotal.objects.get().hours == 16


def test_version_moves_when_an_edit_leaves_every_sum_unchanged(world):
    """A sender or title corrected in place keeps every hour and count: the version still moves,
    so the county page's kept figures (the department ranking) cannot go stale."""
    from jiceng.ledger.models import BurdenEvent

    admin = world.user("county_admin")
    county_id = world.counties[0].pk
    event = services.create_event(
        actor=admin,
        township=world.townships[0],
        date=date(2025, 3, 1),
        type="meeting",
        hours=2,
        title="例会",
    )
    before = queries.ledger_version(county_id)
    BurdenEvent.objects.filter(pk=event.pk).update(title="例会（更正）")
    services.refresh_summaries(county_id, [event.month])
    after = queries.ledger_version(county_id)
    assert after != before
    services.refresh_summaries(county_id, [event.month])
    assert queries.ledger_version(county_id) not in (before, after)
    assert queries.ledger_version(world.counties[1].pk) == "0"  # other counties untouched
