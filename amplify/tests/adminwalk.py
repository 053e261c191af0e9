"""Test help: one record of every model registered with the admin, for the walks over every
admin page (amplify/tests/test_admin.py, test_admin_concurrency.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import admin
from django.contrib.auth.models import Group, Permission
from django.db import models
from django.test import RequestFactory
from django.utils import timezone

from amplify.accounts.models import User
from amplify.conftest import World


def _make_group(world: World) -> Group:
    group = Group.objects.create(name="Support desk")
    group.permissions.add(Permission.objects.order_by("pk").first())
    return group


def _make_periodic(world: World) -> Any:
    from amplify.operations.periodic import periodic_run_due

    periodic_run_due()
    return None


def _make_social(world: World) -> None:
    from allauth.socialaccount.models import SocialAccount, SocialApp, SocialToken

    app = SocialApp.objects.create(provider="openid_connect", name="Sony SSO", client_id="a")
    account = SocialAccount.objects.create(
        user=world.otto, provider="openid_connect", uid="u1", extra_data={"sub": "u1"}
    )
    SocialToken.objects.create(app=app, account=account, token="t")


def _make_task(world: World) -> None:
    # The tests run tasks at once (no database backend): a queued row, as a worker sees it.
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.create(
        args_kwargs={"args": [0], "kwargs": {}},
        task_path="amplify.people.tasks.check_people_import",
        backend_name="default",
        run_after=timezone.now(),
        exception_class_path="",
        traceback="",
    )


def _make_email(world: World) -> None:
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(user=world.otto, email=world.otto.email, verified=True)


def _make_token(world: World) -> None:
    from amplify.accounts.services import api_token_create

    api_token_create(user=world.harriet, name="Reports")


def _make_access_record(world: World) -> None:
    from amplify.diversity.models import AccessRecord
    from amplify.diversity.services import diversity_access_record

    person = world.person(world.bea)
    diversity_access_record(
        reader=world.ina, person_ids=[person.pk], route=AccessRecord.Route.EXPORT
    )


def _make_phase(world: World) -> None:
    from amplify.programmes.models import Phase

    today = timezone.localdate()
    Phase.objects.create(cohort=world.cohort, name="Coaching", starts_on=today, ends_on=today)


def _make_pair_rule(world: World) -> None:
    from amplify.matching.services import pair_rule_set

    pair_rule_set(
        cohort=world.cohort,
        mentor=world.person(world.alice),
        mentee=world.person(world.dan),
        kind="exclude",
        created_by=world.harriet,
    )


def _make_erasure(world: World) -> None:
    from amplify.privacy.services import erasure_request

    erasure_request(
        person=world.person(world.otto), requested_by=world.otto, email=world.otto.email
    )


def _make_safeguarding(world: World) -> None:
    from amplify.safeguarding.tests.factories import make_everything

    make_everything(world)


def _make_mentoring(world: World) -> None:
    from amplify.mentoring.tests.factories import make_everything

    make_everything(world)


def _make_application(world: World) -> None:
    from amplify.applications.models import ApplicationSettings, ApplicationTally
    from amplify.applications.tests.factories import make_application

    make_application(world.cohort, email="applicant@example.com")
    ApplicationSettings.objects.get_or_create(cohort=world.cohort)
    ApplicationTally.objects.get_or_create(
        cohort=world.cohort,
        measure="stage",
        value="eligible",
        defaults={"count": 1, "counted_at": timezone.now()},
    )


def _make_outcomes(world: World) -> None:
    from amplify.outcomes.tests.factories import make_everything

    make_everything(world)


def _make_meetings(world: World) -> None:
    from amplify.meetings.tests.factories import make_everything

    make_everything(world)


def _make_coaching(world: World) -> None:
    from amplify.coaching.models import CoachingSession
    from amplify.coaching.tests.factories import make_everything

    if not CoachingSession.objects.exists():
        make_everything(world)


def _make_showcase(world: World) -> None:
    from amplify.showcase.tests.factories import make_everything

    make_everything(world)


def _make_mentor_offer(world: World) -> None:
    from amplify.volunteering.models import MentorOffer

    MentorOffer.objects.create(
        cohort=world.cohort, person=world.person(world.otto), why="To give back.", tags=["A&R"]
    )


def _make_ranking(world: World) -> None:
    from amplify.matching.models import Ranking

    Ranking.objects.create(
        cohort=world.cohort,
        person=world.person(world.bea),
        side=Ranking.Side.MENTEE,
        ranked=world.person(world.alice),
        position=1,
    )


def _make_training(world: World) -> None:
    from amplify.training.models import Module
    from amplify.training.tests.factories import make_everything

    if not Module.objects.exists():
        make_everything(world)


def _make_nominations(world: World) -> None:
    from amplify.nominations.models import Nomination
    from amplify.nominations.tests.factories import make_everything

    if not Nomination.objects.exists():
        make_everything(world)


def _make_experiments(world: World) -> None:
    from amplify.experiments.models import Experiment
    from amplify.experiments.tests.factories import make_everything

    if not Experiment.objects.exists():
        make_everything(world)


def _make_talentbook(world: World) -> None:
    from amplify.talentbook.tests.factories import make_everything

    make_everything(world)


def _make_surveys(world: World) -> None:
    from amplify.surveys.tests.builder_factories import make_everything

    make_everything(world)


def _make_events(world: World) -> None:
    from amplify.events.tests.factories import make_everything

    make_everything(world)


def _make_giving(world: World) -> None:
    from amplify.giving.models import Gift
    from amplify.giving.tests.factories import make_everything

    if not Gift.objects.exists():
        make_everything(world)


def _make_benefits(world: World) -> None:
    from amplify.benefits.models import Benefit
    from amplify.benefits.tests.factories import make_everything

    if not Benefit.objects.exists():
        make_everything(world)


def _make_impact(world: World) -> None:
    from amplify.impact.tests.factories import make_everything

    make_everything(world)


# Records the world and its runs do not hold; each maker may create several at once.
MAKERS: dict[str, Callable[[World], object]] = {
    "account.emailaddress": _make_email,
    "accounts.apitoken": _make_token,
    "diversity.accessrecord": _make_access_record,
    "programmes.phase": _make_phase,
    "matching.pairrule": _make_pair_rule,
    "privacy.erasure": _make_erasure,
    "auth.group": _make_group,
    "operations.periodiclease": _make_periodic,
    "socialaccount.socialapp": _make_social,
    "socialaccount.socialaccount": _make_social,
    "socialaccount.socialtoken": _make_social,
    "django_tasks_database.dbtaskresult": _make_task,
    **{
        f"safeguarding.{name}": _make_safeguarding
        for name in (
            "safeguardingteam",
            "concern",
            "concernaction",
            "escalation",
            "concernview",
            "contactsharing",
            "pairmessage",
        )
    },
    "applications.application": _make_application,
    "applications.applicationevidence": _make_application,
    "applications.applicationsettings": _make_application,
    "applications.applicationtally": _make_application,
    **{
        f"outcomes.{name}": _make_outcomes
        for name in ("outcome", "outcomerequest", "showcaseproject")
    },
    "volunteering.mentoroffer": _make_mentor_offer,
    "matching.ranking": _make_ranking,
    **{
        f"training.{name}": _make_training
        for name in (
            "trainingsettings",
            "module",
            "activity",
            "codeofconduct",
            "codeacceptance",
            "backgroundcheck",
        )
    },
    **{
        f"mentoring.{name}": _make_mentoring
        for name in (
            "agreementversion",
            "relationship",
            "agreementacceptance",
            "endrequest",
            "goal",
            "goalupdate",
            "goalcomment",
        )
    },
    **{
        f"meetings.{name}": _make_meetings
        for name in ("meetingsettings", "meetingslot", "meeting", "cadencenotice")
    },
    "nominations.nomination": _make_nominations,
    **{
        f"coaching.{name}": _make_coaching
        for name in ("coachingsettings", "coachingsession", "peerround", "coachingnotice")
    },
    **{
        f"experiments.{name}": _make_experiments
        for name in ("experiment", "comment", "evidence", "story")
    },
    **{
        f"showcase.{name}": _make_showcase
        for name in (
            "rubric",
            "criterion",
            "slot",
            "judgeassignment",
            "score",
            "publication",
            "audiencevote",
        )
    },
    **{
        f"talentbook.{name}": _make_talentbook
        for name in ("talentpage", "book", "bookentry", "interest")
    },
    **{f"impact.{name}": _make_impact for name in ("indicator", "snapshot", "reportpdf")},
    **{
        f"surveys.{name}": _make_surveys
        for name in (
            "item",
            "surveysettings",
            "template",
            "templatewave",
            "templatequestion",
            "wave",
            "wavequestion",
            "invitation",
            "response",
            "answer",
        )
    },
    **{
        f"events.{name}": _make_events
        for name in ("eventsession", "sessionattendance", "activitygroup")
    },
    **{f"giving.{name}": _make_giving for name in ("fund", "recipient", "gift")},
    "benefits.benefit": _make_benefits,
}


def admin_records(world: World, user: User) -> dict[type[models.Model], models.Model]:
    """The first record of every registered model this user may see in the admin, made if
    there is none. A model without a maker and without records fails: add a maker."""
    request = RequestFactory().get("/admin/")
    request.user = user
    found: dict[type[models.Model], models.Model] = {}
    missing = []
    for model, model_admin in admin.site._registry.items():
        if not model_admin.has_view_or_change_permission(request):
            continue
        queryset = model_admin.get_queryset(request).order_by("pk")
        if not queryset.exists() and model._meta.label_lower in MAKERS:
            MAKERS[model._meta.label_lower](world)
        obj = queryset.first()
        if obj is None:
            missing.append(model._meta.label_lower)
        else:
            found[model] = obj
    assert missing == [], f"No record to walk: add a maker to MAKERS for {missing}"
    return found


def admin_base(model: type[models.Model]) -> str:
    return f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
