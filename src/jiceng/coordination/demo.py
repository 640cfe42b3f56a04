"""Demo tickets: a few dozen across the demo county's townships, in every state, created through
the services (so routing, clocks, timeline, notifications and audit are the real ones), then
moved back in time so some clocks have run out, and swept once so reminders and escalations
exist when the demo opens."""

from __future__ import annotations

import datetime as dt
import random

from django.db.models import F

from jiceng.core.models import Organisation, User
from jiceng.demo.names import DemoCounty

# Generic problems a township cannot solve alone (written for the demo; not from any sample).
PROBLEMS = [
    (
        "routine",
        "道路安全",
        "村道一处路面塌陷约一米深，车辆绕行困难，夜间存在安全隐患，需交通部门维修。",
    ),
    ("routine", "河道治理", "河道内有人夜间采挖河沙并堆放在岸边，乡镇没有执法权，无法制止。"),
    (
        "hard",
        "违法建设",
        "集镇规划区内有农户未经审批加盖房屋，多次劝阻无效，需要自然资源和住建部门联合处置。",
    ),
    ("routine", "食品安全", "集市上有流动摊贩无证经营，销售来源不明的熟食，群众多次反映。"),
    ("emergency", "地质灾害", "连续降雨后山体出现裂缝，坡下有六户村民，需立即组织监测和转移。"),
    ("routine", "环境污染", "养殖场粪污直排入沟渠，下游村民反映水体发黑发臭。"),
    ("hard", "劳资纠纷", "某工地拖欠三十余名务工人员工资，人员多次聚集，需人社部门介入。"),
    ("routine", "校园周边", "学校门口早晚高峰车辆乱停，学生上下学存在安全隐患。"),
    ("emergency", "森林防火", "林区发现明火，火势蔓延较快，已组织扑救，需应急和林业部门增援。"),
    ("routine", "供水保障", "山区村集中供水设施老化，连续多日停水，需水利部门维修。"),
]


def _shift(ticket_id: int, days: float) -> None:
    from jiceng.coordination.models import (
        Notification,
        Ticket,
        TicketAssignment,
        TicketClock,
        TicketEvent,
    )

    delta = dt.timedelta(days=days)
    fields = ["created_at", "dispatched_at", "accepted_at", "resolved_at", "closed_at"]
    Ticket.objects.filter(pk=ticket_id).update(**{f: F(f) - delta for f in fields})
    TicketClock.objects.filter(ticket_id=ticket_id).update(
        started_at=F("started_at") - delta,
        due_at=F("due_at") - delta,
        remind_at=F("remind_at") - delta,
        stopped_at=F("stopped_at") - delta,
    )
    TicketEvent.objects.filter(ticket_id=ticket_id).update(at=F("at") - delta)
    TicketAssignment.objects.filter(ticket_id=ticket_id).update(
        assigned_at=F("assigned_at") - delta, accepted_at=F("accepted_at") - delta
    )
    Notification.objects.filter(ticket_id=ticket_id).update(created_at=F("created_at") - delta)


def seed(demo: DemoCounty, county: Organisation) -> list[str]:
    from jiceng.coordination import dispatching, rulings, services
    from jiceng.jobs.inprocess import run_sweep_once

    rng = random.Random(demo.seed * 7 + 5)
    admin = User.objects.get(organisation=county, role="county_admin")
    towns = list(
        User.objects.filter(organisation__county=county, role="township_clerk")
        .select_related("organisation")
        .order_by("username")
    )
    clerks = {
        u.organisation_id: u
        for u in User.objects.filter(organisation__county=county, role="department_clerk")
    }
    departments = list(
        Organisation.objects.filter(county=county, kind=Organisation.Kind.DEPARTMENT).order_by(
            "name"
        )
    )
    if not towns or not departments:
        return []
    tickets = []
    for i in range(36):
        kind, category, text = PROBLEMS[i % len(PROBLEMS)]
        town = towns[i % len(towns)]
        urgency = "urgent" if rng.random() < 0.25 else "normal"
        ticket = services.raise_ticket(
            actor=town,
            kind=kind,
            urgency=urgency,
            category=category,
            description=text,
            place=f"{town.organisation.name}辖区",
        )
        tickets.append((ticket, town))
    merged = 0
    for i, (ticket, town) in enumerate(tickets):
        stage = (
            i % 9
        )  # 0 pending, 1 dispatched, 2 accepted, 3 resolved, 4-6 closed, 7 returned, 8 declined/merged
        if stage == 0:
            continue
        if stage == 8:
            if i % 2 and i > 9:
                rulings.merge(
                    actor=admin,
                    primary=tickets[i - 9][0],
                    duplicate=ticket,
                    reason="同一问题，合并办理",
                )
                merged += 1
            elif ticket.suggestion.get("township_own") or True:
                dispatching.decline(
                    actor=admin, ticket=ticket, reason="经核实属乡镇基本履职事项，请乡镇自行办理"
                )
            continue
        lead = (
            Organisation.objects.filter(pk=ticket.suggestion.get("lead_id")).first()
            or departments[i % len(departments)]
        )
        note = (
            "" if ticket.suggestion.get("lead_id") == lead.pk else "清单未明确牵头部门，按职能指定"
        )
        coop = [
            d
            for d in departments
            if any(c.get("id") == d.pk for c in ticket.suggestion.get("cooperating", []))
        ]
        ticket = dispatching.dispatch(
            actor=admin, ticket=ticket, lead=lead, cooperating=coop, note=note
        )
        clerk = clerks.get(lead.pk)
        if clerk is None:
            continue
        if stage == 7:
            dispatching.request_return(
                actor=clerk,
                ticket=ticket,
                reason="该问题不属本部门职责，建议由相关行业主管部门牵头",
            )
            continue
        if stage >= 2:
            ticket = services.accept(actor=clerk, ticket=ticket)
            services.report_progress(actor=clerk, ticket=ticket, note="已安排人员到现场核查")
        if stage >= 3:
            ticket = services.resolve(
                actor=clerk, ticket=ticket, note="已到现场处置完毕，并建立长效管理措施"
            )
        if stage >= 4:
            rating = [5, 4, 3, 5, 2][i % 5]
            ticket = services.confirm(
                actor=town,
                ticket=ticket,
                rating=rating,
                comment="处理及时" if rating >= 4 else "效果一般",
            )
        if stage == 6 and i % 2:
            ticket = services.reopen(actor=town, ticket=ticket, reason="问题反弹，需要再次处置")
        if i == 13:
            rulings.mark_unreasonable(
                actor=admin, ticket=ticket, unreasonable=True, reason="诉求超出政策规定范围"
            )
    # Spread the tickets over the past weeks: older ones have run past their deadlines.
    for i, (ticket, _) in enumerate(tickets):
        _shift(ticket.pk, days=(len(tickets) - i) * 1.5)
    counts = run_sweep_once()
    return [
        f"协同事项 {len(tickets)} 件（各状态均有，合并重复 {merged} 件），时限扫描：临期提醒 {counts['remind']} 次、逾期升级 {counts['escalate']} 次"
    ]
