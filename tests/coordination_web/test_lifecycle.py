"""The ticket lifecycle per role: raise, route from the duty list, dispatch, answer, confirm,
reopen, misrouting and the first-receiver rule, duplicates, unreasonable demands."""

import pytest

from jiceng.coordination import dispatching, rulings, services
from jiceng.coordination.models import Notification, Ticket, TicketClock
from jiceng.core.models import AuditEntry
from jiceng.errors import ForbiddenError, InputError
from tests.coordination_web.conftest import FOOD, SAND, dept

pytestmark = pytest.mark.django_db


def raise_sand(world, township=0, **extra):
    return services.raise_ticket(actor=world.user("township_clerk", 0, township), **(SAND | extra))


def audited(ticket, note_part):
    return AuditEntry.objects.filter(
        object_type="coordination.Ticket", object_id=str(ticket.pk), note__contains=note_part
    ).exists()


def test_raise_routes_from_the_duty_list_and_starts_the_dispatch_clock(duty_world):
    ticket = raise_sand(duty_world)
    s = ticket.suggestion
    assert s["lead"] == "县第0局" and s["lead_id"] == dept(duty_world, 0, 0).pk
    assert [c["org"] for c in s["cooperating"]] == ["县第1局"]
    assert s["matches"][0]["id"] == "C-01" and any("牵头" in r for r in s["reasons"])
    assert ticket.status == "pending" and ticket.owner_id == duty_world.counties[0].pk
    clock = TicketClock.objects.get(ticket=ticket)
    assert clock.clock == "dispatch" and clock.responsible_id == duty_world.counties[0].pk
    assert Notification.objects.filter(
        recipient=duty_world.user("county_admin"), ticket=ticket
    ).exists()
    assert audited(ticket, "发起")


def test_returned_item_and_basic_item_reasons(duty_world):
    food = services.raise_ticket(actor=duty_world.user("township_clerk"), **FOOD)
    assert food.suggestion["lead"] == "县第1局" and any(
        "收回事项" in r for r in food.suggestion["reasons"]
    )
    own = services.raise_ticket(
        actor=duty_world.user("township_clerk"),
        kind="routine",
        urgency="normal",
        category="矛盾纠纷",
        description="两户邻居因家庭琐事和宅基地边界长期争吵，需要调解。",
    )
    assert own.suggestion["township_own"] and any(
        "自身职责" in r for r in own.suggestion["reasons"]
    )
    admin = duty_world.user("county_admin")
    dispatching.decline(actor=admin, ticket=own, reason="属基本履职事项，由乡镇自行调解")
    own.refresh_from_db()
    assert own.status == "declined" and own.owner_id == own.township_id
    assert not TicketClock.objects.filter(ticket=own, stopped_at__isnull=True).exists()


def test_full_lifecycle_with_reopen(duty_world):
    admin, town = duty_world.user("county_admin"), duty_world.user("township_clerk")
    lead_user, coop_user = (
        duty_world.user("department_clerk", 0, 0),
        duty_world.user("department_clerk", 0, 1),
    )
    ticket = raise_sand(duty_world)
    with pytest.raises(ForbiddenError):
        dispatching.dispatch(actor=lead_user, ticket=ticket, lead=dept(duty_world))
    ticket = dispatching.dispatch(
        actor=admin,
        ticket=ticket,
        lead=dept(duty_world, 0, 0),
        cooperating=[dept(duty_world, 0, 1)],
    )
    assert ticket.status == "dispatched" and ticket.owner == dept(duty_world, 0, 0)
    assert set(
        TicketClock.objects.filter(ticket=ticket, stopped_at__isnull=True).values_list(
            "clock", flat=True
        )
    ) == {"response", "resolution"}
    with pytest.raises(ForbiddenError):
        services.resolve(actor=coop_user, ticket=ticket, note="x")
    with pytest.raises(InputError, match="请先接单"):
        services.resolve(actor=lead_user, ticket=ticket, note="x")
    services.accept(actor=coop_user, ticket=ticket)
    ticket.refresh_from_db()
    assert ticket.status == "dispatched"  # only the lead's acceptance answers the response clock
    ticket = services.accept(actor=lead_user, ticket=ticket)
    assert (
        ticket.status == "accepted"
        and ticket.response_on_time is True
        and ticket.response_seconds is not None
    )
    services.report_progress(actor=coop_user, ticket=ticket, note="已安排联合巡查")
    ticket = services.resolve(actor=lead_user, ticket=ticket, note="已联合执法，清运河沙")
    assert ticket.status == "resolved" and ticket.resolution_on_time is True
    with pytest.raises(ForbiddenError):
        services.confirm(actor=duty_world.user("township_clerk", 0, 1), ticket=ticket, rating=5)
    ticket = services.reopen(actor=town, ticket=ticket, reason="河沙未清运完毕")
    assert ticket.status == "accepted" and ticket.reopen_count == 1
    ticket = services.resolve(actor=lead_user, ticket=ticket, note="已全部清运")
    with pytest.raises(InputError, match="1—5"):
        services.confirm(actor=town, ticket=ticket, rating=9)
    ticket = services.confirm(actor=town, ticket=ticket, rating=4, comment="处理及时")
    assert ticket.status == "closed" and ticket.rating == 4
    actions = list(ticket.events.values_list("action", flat=True))
    assert actions == [
        "raise",
        "dispatch",
        "accept",
        "accept",
        "progress",
        "resolve",
        "reopen",
        "resolve",
        "confirm",
    ]
    for note in ("派单", "接单", "办结", "重新办理", "确认办结"):
        assert audited(ticket, note), note
    # Every party heard about the result.
    for user in (lead_user, coop_user):
        assert Notification.objects.filter(
            recipient=user, ticket=ticket, text__contains="确认办结"
        ).exists()


def test_rerouting_against_the_suggestion_needs_a_reason(duty_world):
    admin = duty_world.user("county_admin")
    ticket = raise_sand(duty_world)
    with pytest.raises(InputError, match="理由"):
        dispatching.dispatch(actor=admin, ticket=ticket, lead=dept(duty_world, 0, 1))
    other_county = duty_world.user("department_clerk", 1, 0).organisation
    with pytest.raises(InputError, match="不是本县"):
        dispatching.dispatch(actor=admin, ticket=ticket, lead=other_county, note="x")
    ticket = dispatching.dispatch(
        actor=admin, ticket=ticket, lead=dept(duty_world, 0, 1), note="该河段由第1局管辖"
    )
    assert ticket.lead_department == dept(duty_world, 0, 1)


def test_misrouted_ticket_stays_with_the_first_receiver_until_the_dispatcher_decides(duty_world):
    admin = duty_world.user("county_admin")
    first, second = (
        duty_world.user("department_clerk", 0, 0),
        duty_world.user("department_clerk", 0, 1),
    )
    ticket = dispatching.dispatch(
        actor=admin, ticket=raise_sand(duty_world), lead=dept(duty_world, 0, 0)
    )
    ticket = dispatching.request_return(actor=first, ticket=ticket, reason="采砂执法属第1局")
    assert ticket.return_pending and ticket.owner == dept(duty_world, 0, 0)
    running = TicketClock.objects.filter(ticket=ticket, stopped_at__isnull=True)
    assert running.filter(responsible=dept(duty_world, 0, 0)).count() == 2  # clocks keep running
    with pytest.raises(InputError, match="新的牵头部门"):
        dispatching.decide_return(
            actor=admin,
            ticket=ticket,
            department=dept(duty_world, 0, 0),
            uphold=True,
            reason="同意",
        )
    # Rejected: the department keeps it.
    ticket = dispatching.decide_return(
        actor=admin,
        ticket=ticket,
        department=dept(duty_world, 0, 0),
        uphold=False,
        reason="清单规定由其牵头",
    )
    assert not ticket.return_pending and ticket.owner == dept(duty_world, 0, 0)
    # Asked again and upheld: rerouted, never owned by nobody.
    dispatching.request_return(actor=first, ticket=ticket, reason="确属第1局")
    ticket = dispatching.decide_return(
        actor=admin,
        ticket=ticket,
        department=dept(duty_world, 0, 0),
        uphold=True,
        reason="核实属实",
        new_lead=dept(duty_world, 0, 1),
    )
    assert (
        ticket.owner == dept(duty_world, 0, 1)
        and ticket.status == "dispatched"
        and not ticket.return_pending
    )
    assert set(
        TicketClock.objects.filter(ticket=ticket, stopped_at__isnull=True).values_list(
            "responsible", flat=True
        )
    ) == {dept(duty_world, 0, 1).pk}
    assert (
        TicketClock.objects.filter(
            ticket=ticket, responsible=dept(duty_world, 0, 0), outcome="cancelled"
        ).count()
        == 2
    )
    services.accept(actor=second, ticket=ticket)
    with pytest.raises(ForbiddenError):
        services.accept(actor=first, ticket=ticket)
    assert audited(ticket, "申请退回") and audited(ticket, "驳回")


def test_duplicates_merge_keeping_reporters(duty_world):
    admin = duty_world.user("county_admin")
    a = raise_sand(duty_world, township=0)
    b = services.raise_ticket(
        actor=duty_world.user("township_clerk", 0, 1),
        kind="routine",
        urgency="normal",
        category="河道治理",
        description="河道里夜里有人偷挖河沙，堆在河岸，我们乡镇没有执法权。",
    )
    primary = rulings.merge(actor=admin, primary=a, duplicate=b, reason="同一河段")
    b.refresh_from_db()
    assert b.status == "merged" and b.merged_into == primary
    assert set(primary.reporters.values_list("township", flat=True)) == {
        a.township_id,
        b.township_id,
    }
    assert not TicketClock.objects.filter(ticket=b, stopped_at__isnull=True).exists()
    # The second township now follows the primary ticket.
    assert (
        Ticket.objects.visible_to(duty_world.user("township_clerk", 0, 1))
        .filter(pk=primary.pk)
        .exists()
    )
    with pytest.raises(InputError):
        rulings.merge(actor=admin, primary=a, duplicate=b)


def test_only_the_county_rules_a_demand_unreasonable(duty_world):
    ticket = raise_sand(duty_world)
    with pytest.raises(ForbiddenError):
        rulings.mark_unreasonable(
            actor=duty_world.user("department_clerk"), ticket=ticket, unreasonable=True, reason="x"
        )
    with pytest.raises(ForbiddenError):
        rulings.mark_unreasonable(
            actor=duty_world.user("county_admin", 1), ticket=ticket, unreasonable=True, reason="x"
        )
    ticket = rulings.mark_unreasonable(
        actor=duty_world.user("county_admin"),
        ticket=ticket,
        unreasonable=True,
        reason="诉求超出政策范围",
    )
    assert ticket.unreasonable and audited(ticket, "不合理诉求")


def test_observer_and_other_roles_cannot_raise(duty_world):
    for role in ("observer", "county_admin", "department_clerk"):
        with pytest.raises(ForbiddenError):
            services.raise_ticket(actor=duty_world.user(role), **SAND)
