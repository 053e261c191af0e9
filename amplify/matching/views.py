"""Matching and home-group pages: runs, review, publishing, and each person's own match."""

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

from amplify.accounts.access import AuthedRequest, permission, require, signed_in
from amplify.core.matching.profiles import Criterion
from amplify.home.concurrency import version_of
from amplify.home.formerrors import add_service_errors
from amplify.matching import grouping, services
from amplify.matching.announcements import announcing_statuses
from amplify.matching.criteria import LABELS
from amplify.matching.explanations import (
    PRIVATE_NOTE,
    REASONS,
    fairness_groups,
    readable,
    set_aside_reason,
)
from amplify.matching.forms import (
    GroupingForm,
    GroupRuleForm,
    MatchProfileForm,
    MoveForm,
    RunForm,
    SwapForm,
)
from amplify.matching.models import (
    GroupingRun,
    GroupRule,
    MatchingRun,
    MatchProfile,
    PairRule,
    ProposedPair,
    RunStatus,
)
from amplify.operations import heartbeat
from amplify.people.models import Person
from amplify.programmes.models import Enrolment, Pairing, Programme
from amplify.programmes.views import cohort_tabs_context, visible_cohort


def _managed_cohort(request: AuthedRequest, pk: int) -> Any:
    cohort = visible_cohort(request, pk)
    require(request.user, "programmes.manage_cohort", cohort)
    return cohort


@signed_in
def cohort_runs(request: AuthedRequest, pk: int) -> HttpResponse:
    cohort = _managed_cohort(request, pk)
    kind = services._kind_for(cohort)
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
    cohort = _managed_cohort(request, pk)
    latest = cohort.matching_runs.filter(status=RunStatus.PUBLISHED).first()
    try:
        run = services.matching_run_start(
            cohort=cohort,
            created_by=request.user,
            rematch=True,
            weights=latest.weights if latest else {c.value: 1 for c in Criterion},
            objective=latest.objective if latest else "most_matched",
            required_training_hours=latest.required_training_hours if latest else None,
            min_shared_slots=latest.min_shared_slots if latest else 1,
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("matching:cohort", pk=cohort.pk)
    return redirect(run)


@require_POST
@signed_in
def rule_remove(request: AuthedRequest, pk: int) -> HttpResponse:
    rule = get_object_or_404(PairRule.objects.for_user(request.user), pk=pk)
    require(request.user, "programmes.manage_cohort", rule.cohort)
    services.pair_rule_remove(rule=rule)
    messages.success(request, _("The rule is removed; it applies from the next run."))
    return redirect("matching:cohort", pk=rule.cohort_id)


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


def _poll(request: AuthedRequest, run: Any, partial: str) -> HttpResponse:
    """The progress bar's poll: the bar while the run works, else reload the whole page."""
    if run.is_working:
        return render(request, partial, {"run": run})
    response = HttpResponse()
    response["HX-Refresh"] = "true"
    return response


@signed_in
def run_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    run = _run(request, pk)
    heartbeat.job_fail_if_stopped(run)
    if request.htmx:
        return _poll(request, run, "matching/run_detail.html#progress")
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


@require_POST
@signed_in
def pair_action(request: AuthedRequest, pk: int, action: str) -> HttpResponse:
    pair = get_object_or_404(
        ProposedPair.objects.for_user(request.user).select_related(
            "run__cohort", "mentor", "mentee"
        ),
        pk=pk,
    )
    require(request.user, "programmes.manage_cohort", pair.run.cohort)
    run = pair.run
    try:
        if action in ("lock", "unlock"):
            services.proposed_pair_lock(pair=pair, locked=action == "lock", changed_by=request.user)
        elif action == "exclude":
            services.proposed_pair_exclude(pair=pair, changed_by=request.user)
            messages.success(
                request,
                _("%(mentor)s and %(mentee)s will never be paired; re-run to match them elsewhere.")
                % {"mentor": pair.mentor, "mentee": pair.mentee},
            )
        else:
            raise ValidationError(_("Unknown action “%(action)s”.") % {"action": action})
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    if request.htmx and action in ("lock", "unlock"):
        pair.refresh_from_db()
        return render(request, "matching/_pair_lock.html", {"pair": pair, "run": run})
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


# ---------- Home groups ----------


@signed_in
def cohort_groups(request: AuthedRequest, pk: int) -> HttpResponse:
    cohort = _managed_cohort(request, pk)
    participants = Person.objects.filter(
        enrolments__cohort=cohort,
        enrolments__role=Enrolment.Role.PARTICIPANT,
        enrolments__status=Enrolment.Status.ACTIVE,
    ).order_by("name")
    form = (
        GroupingForm(request.POST or None)
        if "run" in request.POST or request.method == "GET"
        else GroupingForm()
    )
    rule_form = GroupRuleForm(
        request.POST if "rule" in request.POST else None, participants=participants
    )
    if request.method == "POST" and "run" in request.POST and form.is_valid():
        try:
            run = grouping.grouping_run_start(
                cohort=cohort, created_by=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return redirect(run)
    if request.method == "POST" and "rule" in request.POST and rule_form.is_valid():
        try:
            grouping.group_rule_set(
                cohort=cohort, created_by=request.user, **rule_form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(rule_form, exc)
        else:
            messages.success(request, _("Saved; it applies from the next run."))
            return redirect("matching:groups", pk=cohort.pk)
    context = cohort_tabs_context(request, cohort, "groups")
    context.update(
        form=form,
        rule_form=rule_form,
        runs=GroupingRun.objects.for_user(request.user).filter(cohort=cohort),
        rules=GroupRule.objects.filter(cohort=cohort).select_related("first", "second"),
    )
    return render(request, "matching/cohort_groups.html", context)


def _grouping(request: AuthedRequest, pk: int) -> GroupingRun:
    return get_object_or_404(
        GroupingRun.objects.for_user(request.user).select_related("cohort__programme"), pk=pk
    )


@signed_in
def grouping_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    run = _grouping(request, pk)
    heartbeat.job_fail_if_stopped(run)
    if request.htmx:
        return _poll(request, run, "matching/grouping_detail.html#progress")
    groups = list(run.groups.prefetch_related("members"))
    members = Person.objects.filter(home_groups__run=run).order_by("name")
    context = cohort_tabs_context(request, run.cohort, "groups")
    context.update(
        run=run,
        groups=groups,
        move=MoveForm(members=members, groups=run.groups.all())
        if run.status == RunStatus.READY
        else None,
    )
    return render(request, "matching/grouping_detail.html", context)


@require_POST
@signed_in
def grouping_action(request: AuthedRequest, pk: int, action: str) -> HttpResponse:
    run = _grouping(request, pk)
    require(request.user, "programmes.manage_cohort", run.cohort)
    try:
        if action == "publish":
            grouping.grouping_run_publish(run=run, published_by=request.user)
            messages.success(request, _("The home groups are published."))
        elif action == "move":
            form = MoveForm(
                request.POST,
                members=Person.objects.filter(home_groups__run=run),
                groups=run.groups.all(),
            )
            if not form.is_valid():
                raise ValidationError(_("Choose a person and a group."))
            grouping.home_group_move(
                run=run,
                person=form.cleaned_data["person"],
                to=form.cleaned_data["group"],
                changed_by=request.user,
            )
            messages.success(request, _("Moved."))
        elif action == "discard":
            grouping.grouping_run_discard(run=run, changed_by=request.user)
            messages.success(request, _("The run is discarded."))
        elif action == "rerun":
            return redirect(grouping.grouping_run_rerun(run=run, created_by=request.user))
        else:
            raise ValidationError(_("Unknown action “%(action)s”.") % {"action": action})
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(run)


# ---------- Everyone: their own profile and match ----------


@permission("matching.keep_own_profile")
def my_profile(request: AuthedRequest) -> HttpResponse:
    person = get_object_or_404(Person, user=request.user)
    giver = Enrolment.objects.filter(
        person=person, role__in=[Enrolment.Role.MENTOR, Enrolment.Role.COACH]
    ).exists()
    profile = MatchProfile.objects.filter(person=person).first()
    initial = (
        {
            "tags": profile.tags,
            "job_family": profile.job_family,
            "aspired_division": profile.aspired_division,
            "seniority": profile.seniority,
            "availability": profile.availability,
            "meeting_format": profile.meeting_format,
            "capacity": profile.capacity,
            "share_background_match_with_mentee": profile.share_background_match_with_mentee,
        }
        if profile
        else {"meeting_format": "either"}
    )
    initial["version"] = version_of(profile, services.PROFILE_FIELDS)
    form = MatchProfileForm(request.POST or None, initial=initial, giver=giver)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.match_profile_save(
                person=person, changed_by=request.user, tags=data.pop("tags"), **data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Your matching profile is saved."))
            return redirect("matching:profile")
    return render(
        request, "matching/my_profile.html", {"form": form, "giver": giver, "person": person}
    )


@permission("matching.keep_own_profile")
def my_match(request: AuthedRequest) -> HttpResponse:
    return render(
        request,
        "matching/my_match.html",
        {
            "matches": services.my_matches(request.user),
            "kinds": dict(Programme.Kind.choices),
            "private_note": PRIVATE_NOTE,
        },
    )
