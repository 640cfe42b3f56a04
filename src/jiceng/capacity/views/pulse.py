"""The pulse survey of felt burden: surveys, issuing answer codes or a link per township, the
results (small groups hidden), and the anonymous answer page — the one page without login."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from jiceng.capacity import queries
from jiceng.capacity import survey as pulse_survey
from jiceng.capacity.forms import AccessForm, PulseAnswerForm, SurveyForm
from jiceng.capacity.models import PulseSurvey
from jiceng.capacity.pulse import CHANNEL_LABELS, FEELING_LABELS, min_group
from jiceng.capacity.views.common import READERS, acting_user, user_county
from jiceng.core.roles import Role
from jiceng.core.scoping import get_visible
from jiceng.errors import JicengError
from jiceng.web.permissions import roles_required
from jiceng.web.submit import submit_form


@roles_required(*READERS)
@require_http_methods(["GET", "POST"])
def pulse(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    form = SurveyForm(request.POST or None) if user.role_enum == Role.COUNTY_ADMIN else None
    if request.method == "POST":
        survey = submit_form(
            request,
            form,
            lambda d: pulse_survey.create_survey(actor=user, **d),
            refused="只有县级管理员可以发起问卷。",
        )
        if survey is not None:
            return redirect("capacity:survey", pk=survey.pk)
    surveys = PulseSurvey.objects.visible_to(user)
    return render(request, "capacity/pulse.html", {"surveys": surveys, "form": form})


@roles_required(*READERS)
@require_http_methods(["GET", "POST"])
def survey_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    survey = get_visible(PulseSurvey, user, pk=pk)
    county = user_county(user)
    form = (
        AccessForm(request.POST or None, county=county)
        if user.role_enum == Role.COUNTY_ADMIN
        else None
    )
    issued: dict[str, Any] = {}
    if request.method == "POST":
        if form is None:
            raise JicengError("只有县级管理员可以发放答题码。", status=403)
        if form.is_valid():
            d = form.cleaned_data
            if d["mode"] == "codes":
                issued = {
                    "township": d["township"],
                    "codes": pulse_survey.issue_codes(
                        actor=user, survey=survey, township=d["township"], count=d["count"] or 20
                    ),
                }
            else:
                token = pulse_survey.open_link(actor=user, survey=survey, township=d["township"])
                issued = {
                    "township": d["township"],
                    "link": request.build_absolute_uri(f"/capacity/pulse/answer/?code={token}"),
                }
    townships = queries.visible_townships(user)
    span = survey.closes_on - survey.opens_on
    change = queries.measured_change(
        [t.pk for t in townships],
        survey.opens_on - span - timedelta(days=1),
        survey.opens_on,
        survey.closes_on,
    )
    results = queries.survey_results(survey, townships, measured_change=change)
    return render(
        request,
        "capacity/survey.html",
        {
            "survey": survey,
            "results": results,
            "form": form,
            "issued": issued,
            "channel_labels": CHANNEL_LABELS,
            "feeling_labels": FEELING_LABELS,
            "min_group": min_group(),
        },
    )


# Public by design: the anonymous answer page needs no login and records nothing about who answers.
@require_http_methods(["GET", "POST"])
def pulse_answer(request: HttpRequest) -> HttpResponse:
    initial = {"code": request.GET.get("code", "")}
    form = PulseAnswerForm(request.POST or None, initial=initial)
    done = False
    error = ""
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            pulse_survey.submit_pulse(
                token=d["code"],
                hours_lost=float(d["hours_lost"]),
                channels=d["channels"],
                feeling=d["feeling"],
            )
        except JicengError as exc:
            error = exc.message
        else:
            done = True
    response = render(
        request, "capacity/pulse_answer.html", {"form": form, "done": done, "error": error}
    )
    response["Cache-Control"] = "no-store"
    return response


pulse_answer.public = True
