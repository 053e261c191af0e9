"""Matching run pages: a cohort's runs, a rematch, a run and its actions, two runs compared."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from amplify.accounts.access import AuthedRequest, require, signed_in
from amplify.core.matching.profiles import Criterion
from amplify.home.formerrors import add_service_errors
from amplify.matching import services
from amplify.matching.announcements import announcing_statuses
from amplify.matching.criteria import LABELS
from amplify.matching.explanations import (
    PRIVATE_NOTE,
    REASONS,
    fairness_groups,
    readable,
    set_aside_reason,
)
from amplify.matching.forms import RunForm, SwapForm
from amplify.matching.models import MatchingRun, PairRule, RunStatus
from amplify.matching.views._common import managed_cohort, progress_poll
from amplify.operations import heartbeat
from amplify.programmes.models import Pairing
from amplify.programmes.views import cohort_tabs_context


@signed_in
def cohort_runs(request: AuthedRequest, pk: int) -> HttpResponse:
    cohort = managed_cohort(request, pk)
    kind = services.run_kind_for(cohort)
    form = RunForm(request.POST or None, kind=kind)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            run = services.matching_run_start(
                cohort=cohort,
                created_by=request.user,
                weights=form.weights(),
                mode=data["mode"],
                objective=data["objective"],
                required_training_hours=data["required_training_hours"],
                min_shared_slots=data["min_shared_slots"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return redirect(run)
    context = cohort_tabs_context(request, cohort, "matching")
    context.update(
        form=form,
        kind=kind,
        runs=MatchingRun.objects.for_user(request.user).filter(cohort=cohort),
        rules=PairRule.objects.filter(cohort=cohort).select_related("mentor", "mentee"),
        published=Pairing.objects.active().filter(cohort=cohort, kind=kind).count(),
    )
    return render(request, "matching/cohort_runs.html", context)


@require_POST
@signed_in
def rematch(request: AuthedRequest, pk: int) -> HttpResponse:
    cohort = managed_cohort(request, pk)
    try:
        # The settings are the service's to choose, as for a run started through the API.
        run = services.matching_run_start_defaulted(
            cohort=cohort, created_by=request.user, rematch=True
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("matching:cohort", pk=cohort.pk)
    return redirect(run)


def _run(request: AuthedRequest, pk: int) -> MatchingRun:
    return get_object_or_404(
        MatchingRun.objects.for_user(request.user).select_related("cohort__programme"), pk=pk
    )


def _run_context(request: AuthedRequest, run: MatchingRun) -> dict[str, Any]:
    pairs = list(run.pairs.select_related("mentor", "mentee"))
    for pair in pairs:
        pair.reasons = readable(pair.breakdown)  # type: ignore[attr-defined]
    names = run.inputs.get("names", {})
    unmatched = sorted(
        (
            (names.get(k, k), REASONS.get(reason, reason))
            for k, reason in run.result.get("unmatched", {}).items()
        ),
        key=lambda x: x[0],
    )
    mentors = {p["key"]: p for p in run.inputs.get("mentors", [])}
    required = float(run.required_training_hours)
    set_aside = sorted(
        (
            (names.get(k, k), set_aside_reason(reason, mentors.get(k), required))
            for k, reason in run.result.get("excluded_mentors", {}).items()
        ),
        key=lambda x: x[0],
    )
    context = cohort_tabs_context(request, run.cohort, "matching")
    context.update(
        run=run,
        pairs=pairs,
        unmatched=unmatched,
        set_aside=set_aside,
        reasons=Counter(reason for _, reason in unmatched).most_common(),
        weights=[(LABELS[Criterion(k)], v) for k, v in run.weights.items() if v],
        fairness=run.result.get("fairness", {}),
        fairness_groups=fairness_groups(run.result),
        others=MatchingRun.objects.for_user(request.user)
        .filter(cohort=run.cohort, status__in=[RunStatus.READY, RunStatus.PUBLISHED])
        .exclude(pk=run.pk),
        swap=SwapForm(run=run) if run.status == RunStatus.READY and len(pairs) > 1 else None,
        private_note=PRIVATE_NOTE if any(p.private_breakdown for p in pairs) else None,
        max_score=max((p.score for p in pairs), default=1) or 1,
    )
    return context


@signed_in
def run_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    run = _run(request, pk)
    heartbeat.job_fail_if_stopped(run)
    if request.htmx:
        return progress_poll(request, run, "matching/run_detail.html#progress")
    return render(request, "matching/run_detail.html", _run_context(request, run))


@require_POST
@signed_in
def run_action(request: AuthedRequest, pk: int, action: str) -> HttpResponse:
    run = _run(request, pk)
    require(request.user, "programmes.manage_cohort", run.cohort)
    try:
        if action == "publish":
            undelivered: list[str] = []
            created = services.matching_run_publish(
                run=run, published_by=request.user, undelivered=undelivered
            )
            if run.cohort.announces_pairs or not created:
                told = ngettext(
                    "Published: %(count)d new pair; both people are told.",
                    "Published: %(count)d new pairs; both people are told.",
                    len(created),
                )
            else:
                told = ngettext(
                    "Published: %(count)d new pair. The cohort is %(status)s: both people "
                    "are told when it moves to one of: %(statuses)s.",
                    "Published: %(count)d new pairs. The cohort is %(status)s: both people "
                    "are told when it moves to one of: %(statuses)s.",
                    len(created),
                )
            status = run.cohort.get_status_display().lower()
            messages.success(
                request,
                told % {"count": len(created), "status": status, "statuses": announcing_statuses()},
            )
            if undelivered:
                messages.warning(
                    request,
                    _(
                        "The email to %(people)s could not be sent; tell them yourself (the "
                        "failure is in the server log)."
                    )
                    % {"people": ", ".join(undelivered)},
                )
        elif action == "rerun":
            new = services.matching_run_rerun(run=run, created_by=request.user)
            messages.success(request, _("Re-running with today's profiles and every lock."))
            return redirect(new)
        elif action == "discard":
            services.matching_run_discard(run=run, changed_by=request.user)
            messages.success(request, _("The run is discarded."))
        elif action == "swap":
            form = SwapForm(request.POST, run=run)
            if not form.is_valid():
                raise ValidationError(_("Choose two pairs to swap."))
            services.proposed_pairs_swap(
                first=form.cleaned_data["first"],
                second=form.cleaned_data["second"],
                changed_by=request.user,
            )
            messages.success(request, _("The mentees are swapped, and both pairs locked."))
        else:
            raise ValidationError(_("Unknown action “%(action)s”.") % {"action": action})
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(run)


@signed_in
def compare(request: AuthedRequest, pk: int, other_pk: int) -> HttpResponse:
    run, other = _run(request, pk), _run(request, other_pk)
    if run.cohort_id != other.cohort_id:
        return redirect(run)
    mine = {p.mentee_id: p for p in run.pairs.select_related("mentor", "mentee")}
    theirs = {p.mentee_id: p for p in other.pairs.select_related("mentor", "mentee")}
    rows: list[dict[str, Any]] = []
    for mentee in sorted(
        set(mine) | set(theirs), key=lambda m: (mine.get(m) or theirs[m]).mentee.name
    ):
        a, b = mine.get(mentee), theirs.get(mentee)
        same = a is not None and b is not None and a.mentor_id == b.mentor_id
        rows.append({"mentee": (a or b).mentee, "a": a, "b": b, "same": same})  # type: ignore[union-attr]
    context = cohort_tabs_context(request, run.cohort, "matching")
    context.update(
        run=run,
        other=other,
        rows=rows,
        same=sum(r["same"] for r in rows),
        differ=sum(not r["same"] for r in rows),
    )
    return render(request, "matching/compare.html", context)
