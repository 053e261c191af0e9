"""Home group pages: a cohort's runs and rules, a run, its review actions."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from amplify.accounts.access import AuthedRequest, require, signed_in
from amplify.home.formerrors import add_service_errors
from amplify.matching import services
from amplify.matching.forms import GroupingForm, GroupRuleForm, MoveForm
from amplify.matching.models import GroupingRun, GroupRule, RunStatus
from amplify.matching.views._common import managed_cohort, progress_poll
from amplify.operations import heartbeat
from amplify.people.models import Person
from amplify.programmes.models import Enrolment
from amplify.programmes.views import cohort_tabs_context


@signed_in
def cohort_groups(request: AuthedRequest, pk: int) -> HttpResponse:
    cohort = managed_cohort(request, pk)
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
            run = services.grouping_run_start(
                cohort=cohort, created_by=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return redirect(run)
    if request.method == "POST" and "rule" in request.POST and rule_form.is_valid():
        try:
            services.group_rule_set(
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
        return progress_poll(request, run, "matching/grouping_detail.html#progress")
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
            services.grouping_run_publish(run=run, published_by=request.user)
            messages.success(request, _("The home groups are published."))
        elif action == "move":
            form = MoveForm(
                request.POST,
                members=Person.objects.filter(home_groups__run=run),
                groups=run.groups.all(),
            )
            if not form.is_valid():
                raise ValidationError(_("Choose a person and a group."))
            services.home_group_move(
                run=run,
                person=form.cleaned_data["person"],
                to=form.cleaned_data["group"],
                changed_by=request.user,
            )
            messages.success(request, _("Moved."))
        elif action == "discard":
            services.grouping_run_discard(run=run, changed_by=request.user)
            messages.success(request, _("The run is discarded."))
        elif action == "rerun":
            return redirect(services.grouping_run_rerun(run=run, created_by=request.user))
        else:
            raise ValidationError(_("Unknown action “%(action)s”.") % {"action": action})
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(run)
