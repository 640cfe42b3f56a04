"""Writes of the anonymous pulse survey: surveys, access codes and links, answers.

An answer is the one write that is not audited: an audit entry (with its time and address) next
to an anonymous answer would undo the anonymity, so answers are counted, never logged. The rate
limit is per access link, never per person or address.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import date
from decimal import Decimal

from django.core.cache import cache
from django.db import transaction
from django.db.models import F, Sum

from jiceng.capacity.models import PulseAccess, PulseResponse, PulseSurvey, StaffPost
from jiceng.capacity.policy import section
from jiceng.capacity.pulse import validate_answer
from jiceng.capacity.services import require_admin
from jiceng.core.audit import Action, record, snapshot
from jiceng.core.models import Organisation, User
from jiceng.errors import InputError, NotFoundError

# --- pulse survey ----------------------------------------------------------------------------


def _hash(token: str) -> str:
    return hashlib.sha256(token.strip().upper().encode()).hexdigest()


def create_survey(*, actor: User, title: str, opens_on: date, closes_on: date) -> PulseSurvey:
    county = require_admin(actor)
    if closes_on < opens_on:
        raise InputError("截止日期不能早于开始日期。")
    if not (title or "").strip():
        raise InputError("问卷名称不能为空。")
    with transaction.atomic():
        survey = PulseSurvey.objects.create(
            county=county,
            title=title.strip()[:200],
            opens_on=opens_on,
            closes_on=closes_on,
            created_by=actor,
        )
        record(Action.CREATE, actor=actor, obj=survey, after=snapshot(survey))
    return survey


def issue_codes(
    *, actor: User, survey: PulseSurvey, township: Organisation, count: int
) -> list[str]:
    """One-time codes for a township's staff; only their hashes are kept (shown once)."""
    county = require_admin(actor)
    if (
        survey.county_id != county.pk
        or township.county_id != county.pk
        or township.kind != Organisation.Kind.TOWNSHIP
    ):
        raise NotFoundError("未找到该问卷或乡镇（街道）。")
    if not 0 < count <= 500:
        raise InputError("一次可生成 1 到 500 个答题码。")
    codes = [secrets.token_hex(5).upper() for _ in range(count)]
    with transaction.atomic():
        PulseAccess.objects.bulk_create(
            [
                PulseAccess(
                    county=county,
                    survey=survey,
                    township=township,
                    token_hash=_hash(c),
                    single_use=True,
                )
                for c in codes
            ]
        )
        record(
            Action.CREATE,
            actor=actor,
            obj=survey,
            note=f"为“{township.name}”生成 {count} 个一次性答题码",
        )
    return codes


def open_link(*, actor: User, survey: PulseSurvey, township: Organisation) -> str:
    """A reusable per-township link token, capped at the township's staff in post."""
    county = require_admin(actor)
    if (
        survey.county_id != county.pk
        or township.county_id != county.pk
        or township.kind != Organisation.Kind.TOWNSHIP
    ):
        raise NotFoundError("未找到该问卷或乡镇（街道）。")
    token = secrets.token_urlsafe(16)
    with transaction.atomic():
        PulseAccess.objects.create(
            county=county,
            survey=survey,
            township=township,
            token_hash=_hash(token),
            single_use=False,
        )
        record(Action.CREATE, actor=actor, obj=survey, note=f"为“{township.name}”生成开放答题链接")
    return token


def access_for(token: str) -> PulseAccess:
    access = (
        PulseAccess.objects.select_related("survey", "township")
        .filter(token_hash=_hash(token or ""))
        .first()
    )
    if access is None or (access.single_use and access.used):
        raise NotFoundError("答题码无效或已使用。")
    if not access.survey.is_open():
        raise InputError("该问卷不在答题期内。")
    return access


def submit_pulse(*, token: str, hours_lost: float, channels: list[str], feeling: str) -> None:
    """Store one anonymous answer. Nothing about the person, the time or the code is kept."""
    try:
        answer = validate_answer(hours_lost, channels, feeling)
    except ValueError as exc:
        raise InputError(str(exc)) from None
    rules = section("pulse")
    access = access_for(token)
    # Rate limit per access link (never per person or address): a scripted flood stops here.
    key = f"pulse-rate:{access.token_hash}"
    cache.add(key, 0, timeout=60)
    if cache.incr(key) > int(rules["per_link_per_minute"]):
        raise InputError(
            "提交过于频繁，请稍后再试。",
        )
    with transaction.atomic():
        if access.single_use:
            claimed = PulseAccess.objects.filter(pk=access.pk, used=False).update(used=True)
            if not claimed:
                raise NotFoundError("答题码无效或已使用。")
        else:
            staff = (
                StaffPost.objects.filter(township=access.township).aggregate(n=Sum(F("actual")))[
                    "n"
                ]
                or 0
            )
            cap = int(staff * float(rules["open_link_factor"]))
            answered = PulseResponse.objects.filter(
                survey=access.survey, township=access.township
            ).count()
            if answered >= cap:
                raise InputError("本乡镇（街道）的答卷数已达到在岗人数，链接已关闭。")
        PulseResponse.objects.create(
            county_id=access.county_id,
            survey=access.survey,
            township=access.township,
            hours_lost=Decimal(str(answer.hours_lost)),
            channels=list(answer.channels),
            feeling=answer.feeling,
        )
