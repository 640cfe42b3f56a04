"""The anonymous channel: any grassroots cadre reports a formalism burden without an account.

What is stored is the burden, never the reporter: no user, no IP address, no device id, no
time of day (the date only), no session (the page uses no messages and no login), and Django's
request log is told not to log the channel's refusals (a log record would carry the request).
Flooding is held back in the cache only: a global window and a per-client window keyed by a
salted hash of the client address; the salt lives in the cache, rotates daily and is never
written anywhere, so the windows cannot be turned back into addresses or linked across days.
Reports wait as pending ledger events until the county verifies or rejects them.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from datetime import date, timedelta
from typing import Any

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from jiceng.core.audit import Action, record
from jiceng.core.models import Organisation, User
from jiceng.core.roles import Role
from jiceng.errors import ForbiddenError, InputError
from jiceng.ledger.events import EventType
from jiceng.ledger.models import TYPE_CHOICES, AnonymousReport, BurdenEvent
from jiceng.ledger.services import department_named, refresh_summaries

DEFAULT_RETENTION_DAYS = 180
WINDOW_SECONDS = 3600
PER_CLIENT_LIMIT = 5  # reports per client per hour
GLOBAL_LIMIT = 200  # reports per hour across the whole platform


def retention_days() -> int:
    """Days an anonymous report's free text is kept (settings, env, else 180)."""
    value = getattr(settings, "JICENG_ANONYMOUS_RETENTION_DAYS", None) or os.environ.get(
        "JICENG_ANONYMOUS_RETENTION_DAYS", DEFAULT_RETENTION_DAYS
    )
    return max(1, int(value))


# --------------------------------------------------------------------------------------------
# Rate limiting (cache only)
# --------------------------------------------------------------------------------------------


def _client_bucket(request: HttpRequest) -> str:
    salt = cache.get_or_set("ledger:anon:salt", lambda: secrets.token_hex(16), timeout=86400)
    raw = f"{salt}|{request.META.get('REMOTE_ADDR', '')}|{request.META.get('HTTP_USER_AGENT', '')}"
    return "ledger:anon:client:" + hashlib.sha256(raw.encode()).hexdigest()[:32]


def _hit(key: str, limit: int) -> bool:
    """Count one hit in ``key``'s window; False once the window's limit is reached."""
    cache.add(key, 0, timeout=WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=WINDOW_SECONDS)
        count = 1
    return count <= limit


def allow_report(request: HttpRequest) -> bool:
    per_client = getattr(settings, "JICENG_ANONYMOUS_PER_CLIENT_LIMIT", PER_CLIENT_LIMIT)
    overall = getattr(settings, "JICENG_ANONYMOUS_GLOBAL_LIMIT", GLOBAL_LIMIT)
    return _hit(_client_bucket(request), per_client) and _hit("ledger:anon:global", overall)


# --------------------------------------------------------------------------------------------
# Services
# --------------------------------------------------------------------------------------------


def submit_report(
    *,
    township: Organisation,
    type: str,
    happened_on: date,
    source_department: str,
    title: str,
    description: str,
    hours: float,
) -> AnonymousReport:
    """Store a report and its pending ledger event. Takes no request and no user on purpose."""
    if township.kind != Organisation.Kind.TOWNSHIP or township.county is None:
        raise InputError("请选择乡镇（街道）。")
    event_type = EventType(type)
    today = timezone.localdate()
    if happened_on > today or happened_on < today - timedelta(days=3 * 365):
        raise InputError("发生日期应在近三年内且不晚于今天。")
    county = township.county
    with transaction.atomic():
        event = BurdenEvent(
            county=county,
            township=township,
            date=happened_on,
            type=event_type.value,
            channel=event_type.usual_channel.value,
            source_department=source_department.strip()[:100],
            department=department_named(county, source_department)
            if source_department.strip()
            else None,
            title=title.strip()[:300],
            hours=round(float(hours), 1),
            origin=BurdenEvent.Origin.ANONYMOUS,
            status=BurdenEvent.Status.PENDING,
            event_key=f"anon-{secrets.token_hex(16)}",
        )
        event.save()
        report = AnonymousReport.objects.create(
            county=county,
            township=township,
            event=event,
            description=description.strip()[:4000],
            submitted_on=today,
        )
        record(
            Action.CREATE,
            actor_name="匿名反映",
            obj=report,
            county=county,
            note="收到匿名反映（不记录任何身份信息）",
        )
    return report


def review_report(
    *, actor: User, report: AnonymousReport, accept: bool, reason: str, hours: float | None = None
) -> AnonymousReport:
    """County admin verifies (the event enters the ledger) or rejects the report, with a reason."""
    if actor.role_enum != Role.COUNTY_ADMIN:
        raise ForbiddenError("只有县级管理员可以核实匿名反映。")
    if report.status != AnonymousReport.Status.PENDING:
        raise InputError("该反映已核实处理。")
    reason = (reason or "").strip()
    if not reason:
        raise InputError("请填写核实意见。")
    with transaction.atomic():
        report.status = (
            AnonymousReport.Status.VERIFIED if accept else AnonymousReport.Status.REJECTED
        )
        report.reviewed_by = actor
        report.reviewed_on = timezone.localdate()
        report.review_reason = reason[:2000]
        report.save()
        event = report.event
        if event is not None:
            event.status = BurdenEvent.Status.CONFIRMED if accept else BurdenEvent.Status.REJECTED
            if accept and hours is not None:
                event.hours = round(float(hours), 1)
            event.save()
            refresh_summaries(event.county_id, [event.month])
        record(
            Action.REVIEW,
            actor=actor,
            obj=report,
            before={"status": "pending"},
            after={"status": report.status, "hours": event.hours if event else None},
            note=("核实属实，记入台账：" if accept else "核实不属实：") + reason,
        )
    return report


def purge_expired(*, today: date | None = None, days: int | None = None) -> tuple[int, int]:
    """Apply the retention period: clear old reports' free text, delete old rejected ones.

    Returns (reports whose text was cleared, rejected reports deleted). Verified reports keep
    their ledger event; pending ones keep their structured event for the county to decide.
    """
    cutoff = (today or timezone.localdate()) - timedelta(days=days or retention_days())
    old = AnonymousReport.objects.filter(submitted_on__lt=cutoff)
    with transaction.atomic():
        rejected = list(
            old.filter(status=AnonymousReport.Status.REJECTED).values_list("pk", "event_id")
        )
        BurdenEvent.objects.filter(pk__in=[e for _, e in rejected if e]).delete()
        AnonymousReport.objects.filter(pk__in=[r for r, _ in rejected]).delete()
        cleared = old.filter(purged=False).update(description="", purged=True)
        if cleared or rejected:
            record(
                Action.DELETE,
                actor_name="系统（保存期限）",
                note=f"匿名反映保存期限 {days or retention_days()} 天：清除 {cleared} 条描述，删除 {len(rejected)} 条不属实反映",
            )
    return cleared, len(rejected)


# --------------------------------------------------------------------------------------------
# The public page
# --------------------------------------------------------------------------------------------


class AnonymousReportForm(forms.Form):
    township = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), label="乡镇（街道）", empty_label="请选择"
    )
    type = forms.ChoiceField(choices=TYPE_CHOICES, label="负担类型")
    happened_on = forms.DateField(label="发生日期", widget=forms.DateInput(attrs={"type": "date"}))
    source_department = forms.CharField(label="来源部门（可不填）", max_length=100, required=False)
    title = forms.CharField(label="事由（一句话）", max_length=300)
    description = forms.CharField(
        label="情况描述",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=4000,
        required=False,
        help_text="请只写事情本身，不要写您的姓名、电话等能识别您身份的信息。",
    )
    hours = forms.FloatField(label="大约耗用工时（小时）", min_value=0, max_value=1000, initial=1)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["township"]
        field.queryset = (
            Organisation.objects.filter(kind=Organisation.Kind.TOWNSHIP)
            .select_related("county")
            .order_by("county__name", "name")
        )  # type: ignore[attr-defined]
        field.label_from_instance = lambda o: f"{o.county.name if o.county else ''} · {o.name}"  # type: ignore[attr-defined]


def _quiet(response: HttpResponse) -> HttpResponse:
    # django.request logs 4xx responses with the request attached (its META holds the address);
    # this channel's refusals are not logged at all.
    response._has_been_logged = True  # type: ignore[attr-defined]
    return response


@require_http_methods(["GET", "POST"])
def report_view(request: HttpRequest) -> HttpResponse:
    """``/ledger/report/``: no login; renders its own thank-you page (no session, no messages)."""
    form = AnonymousReportForm(request.POST or None)
    context: dict[str, Any] = {"form": form, "retention_days": retention_days()}
    if request.method == "POST":
        if not allow_report(request):
            context["error"] = "提交过于频繁，请一小时后再试。"
            return _quiet(render(request, "ledger/report.html", context, status=429))
        if form.is_valid():
            data = form.cleaned_data
            try:
                submit_report(
                    township=data["township"],
                    type=data["type"],
                    happened_on=data["happened_on"],
                    source_department=data["source_department"],
                    title=data["title"],
                    description=data["description"],
                    hours=data["hours"],
                )
            except InputError as exc:
                context["error"] = exc.message
            else:
                return render(
                    request, "ledger/report_thanks.html", {"retention_days": retention_days()}
                )
    return render(request, "ledger/report.html", context)
