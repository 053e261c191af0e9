"""No diversity value leaves the diversity app except as a suppressed aggregate.

A world where mentors, mentees and participants hold distinctive, consented diversity
profiles goes through a real matching run and a real grouping run; then the administrator
(Ada) and a programme manager given admin access (Harriet) open every admin changelist,
change and history page of every registered model, every API GET operation (path ids filled
with real objects) and the matching pages. None may show a diversity value: the choices'
values ("woman", "working_class"), their labels ("Non-binary"), or background tokens such as
"gender:woman" and "parental_occupation".
"""

from __future__ import annotations

import itertools
import re
from typing import Any

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from amplify.api import api
from amplify.conftest import World
from amplify.diversity.models import DiversityProfile
from amplify.diversity.services import SHAREABLE, diversity_profile_save
from amplify.matching import grouping, services
from amplify.matching.models import GroupingRun, MatchingRun
from amplify.matching.tests.cohorts import Matchable, build_matchable, profile
from amplify.matching.tests.test_grouping import PEOPLE, ZONES
from amplify.matching.tests.test_services import WEIGHTS
from amplify.people.models import PeopleImport, Person
from amplify.people.tests.factories import PersonFactory
from amplify.programmes.models import Enrolment
from amplify.programmes.tests.factories import EnrolmentFactory

# Answers too common to search for in a page ("Yes", "Other") are left out; every other value
# and label of the diversity choices, and every background attribute's name, is searched.
COMMON = {"yes", "no", "unknown", "declined", "other"}
CHOICES = (
    DiversityProfile.Gender,
    DiversityProfile.ParentalOccupation,
    DiversityProfile.SchoolType,
)


def forbidden() -> list[str]:
    words: set[str] = set(SHAREABLE) - {"gender", "lgbtq", "disability"}
    for choices in CHOICES:
        for value, label in choices.choices:
            if value not in COMMON:
                words |= {value, str(label)}
    words |= {f"{attribute}:" for attribute in SHAREABLE}
    return sorted(words)


PATTERN = re.compile(
    "|".join(
        rf"(?<![\w-]){re.escape(w)}" + ("" if w.endswith(":") else r"(?![\w-])")
        for w in forbidden()
    ),
    re.IGNORECASE,
)

# Each mentee and mentor has her own values; none is held by five people, so no fairness
# figure (which may show a group of five or more) is shown either.
BACKGROUNDS = {
    "alice": ("woman", "working_class", "yes", []),
    "carl": ("non_binary", "professional", "no", []),
    "mo": ("self_described", "intermediate", "yes", []),
    "bea": ("woman", "working_class", "yes", ["gender", "parental_occupation"]),
    "dan": ("man", "intermediate", "no", ["gender"]),
    "eve": ("non_binary", "professional", "yes", ["first_generation_university"]),
    "fay": ("woman", "professional", "yes", ["parental_occupation"]),
}


def diverse(world: World, person: Person, n: int, wants: list[str] | None = None) -> None:
    gender, occupation, first, share = BACKGROUNDS[list(BACKGROUNDS)[n % len(BACKGROUNDS)]]
    diversity_profile_save(
        person=person,
        changed_by=world.ina,
        consent_given=True,
        gender=gender,
        gender_self_description="Genderfluid" if gender == "self_described" else "",
        parental_occupation=occupation,
        school_type="independent_bursary",
        first_generation_university=first,
        consent_to_matching=True,
        share_with_mentor=share if wants is None else wants,
    )


@pytest.fixture
def runs(world: World) -> tuple[Matchable, MatchingRun, GroupingRun]:
    m = build_matchable(world)
    for name in BACKGROUNDS:
        diverse(world, getattr(m, name), list(BACKGROUNDS).index(name))
    run = services.matching_run_execute(
        run=services.matching_run_start(cohort=m.cohort, created_by=world.harriet, weights=WEIGHTS)
    )
    # A second run, published, so the people's own matches exist too.
    published = services.matching_run_execute(
        run=services.matching_run_start(cohort=m.cohort, created_by=world.harriet, weights=WEIGHTS)
    )
    services.matching_run_publish(run=published, published_by=world.harriet, notify=False)
    cohort = world.leadership_cohort
    world.leadership.managers.add(world.person(world.harriet))
    Enrolment.objects.filter(cohort=cohort).delete()
    for n, (country, family) in enumerate(PEOPLE):
        person = PersonFactory(
            name=f"Participant {n:02d}", country_id=country, time_zone=ZONES[country]
        )
        EnrolmentFactory(cohort=cohort, person=person, role=Enrolment.Role.PARTICIPANT)
        profile(person, job_family=family)
        diverse(world, person, n, wants=[])
    first, second = Person.objects.filter(enrolments__cohort=cohort).order_by("pk")[:2]
    grouping.group_rule_set(
        cohort=cohort, first=first, second=second, kind="together", created_by=world.harriet
    )
    grouped = grouping.grouping_run_execute(
        run=grouping.grouping_run_start(
            cohort=cohort, created_by=world.harriet, min_size=2, target_size=2, max_size=3
        )
    )
    PeopleImport.objects.create(uploaded_by=world.harriet, filename="x.csv", content=b"x", size=1)
    return m, run, grouped


def leaks(client: Client, url: str) -> list[str]:
    response = client.get(url)
    assert response.status_code < 500, url
    body = (
        b"".join(response.streaming_content)  # type: ignore[attr-defined]
        if response.streaming
        else response.content
    )
    text = body.decode(errors="replace")
    return [f"{url}: {found.group(0)!r}" for found in PATTERN.finditer(text)]


def admin_urls() -> list[str]:
    urls = []
    for model, model_admin in admin.site._registry.items():
        base = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        urls.append(base)
        obj = model._default_manager.order_by("pk").first()
        if obj is not None:
            urls.append(f"{base}{obj.pk}/change/")
            if isinstance(model_admin, SimpleHistoryAdmin):
                urls.append(f"{base}{obj.pk}/history/")
    return urls


def api_urls(world: World, m: Matchable, run: MatchingRun, grouped: GroupingRun) -> list[str]:
    """Every GET operation, each path id filled with the real objects it names."""
    from amplify.applications.models import Application
    from amplify.mentoring.tests.factories import goal_for
    from amplify.mentoring.tests.factories import make_everything as make_mentoring
    from amplify.outcomes.models import Outcome
    from amplify.outcomes.tests.factories import make_everything
    from amplify.safeguarding.tests.factories import alice_and_bea, concern_for

    people = [m.bea.pk, m.alice.pk]
    Application.objects.create(cohort=m.cohort, name="Young Applicant", email="ya@example.com")
    make_everything(world)
    from amplify.volunteering.tests.factories import offer_for

    offer_for(world, m.cohort)
    from amplify.talentbook.models import Book, TalentPage
    from amplify.talentbook.tests.factories import make_everything as make_talentbook

    make_talentbook(world)
    from amplify.events.models import EventSession
    from amplify.events.tests.factories import make_everything as make_week
    from amplify.experiments.models import Experiment
    from amplify.experiments.tests.factories import make_everything as make_experiments
    from amplify.showcase.models import Slot
    from amplify.showcase.tests.factories import make_everything as make_showcase

    if not Experiment.objects.exists():
        make_experiments(world)
    make_week(world)
    make_showcase(world)
    ids: dict[str, list[Any]] = {
        "experiments": list(Experiment.objects.values_list("pk", flat=True)[:3]),
        "sessions": list(EventSession.objects.values_list("pk", flat=True)[:3]),
        "slots": list(Slot.objects.values_list("pk", flat=True)[:3]),
        "books": list(Book.objects.values_list("pk", flat=True)),
        "pages": list(TalentPage.objects.values_list("pk", flat=True)),
        "outcomes": list(Outcome.objects.values_list("pk", flat=True)),
        "concerns": [concern_for(world).pk],
        "pairs": [alice_and_bea(world).pk],
        "applications": list(Application.objects.values_list("pk", flat=True)),
        "goals": [goal_for(world).pk],
        "people": people,
        "profiles": people,
        "imports": list(PeopleImport.objects.values_list("pk", flat=True)),
        "programmes": [world.programme.slug, world.leadership.slug, world.programme.pk],
        "cohorts": [m.cohort.pk, world.leadership_cohort.pk],
        "events": [world.event.pk],
        "matching-runs": list(MatchingRun.objects.values_list("pk", flat=True)),
        "grouping-runs": [grouped.pk],
        # Home groups (coaching's group pages): the grouping run's, published or not.
        "groups": list(grouped.groups.values_list("pk", flat=True)[:3]),
        **_impact_ids(world),
    }
    make_mentoring(world)
    urls = []
    for path, methods in api.get_openapi_schema()["paths"].items():
        if "get" not in methods:
            continue
        parts = path.strip("/").split("/")
        choices = []
        for i, part in enumerate(parts):
            if part.startswith("{"):
                assert parts[i - 1] in ids, f"No objects to fill {path}: add them to this test."
                choices.append([str(x) for x in ids[parts[i - 1]]])
            else:
                choices.append([part])
        urls += ["/" + "/".join(combo) + "?limit=500" for combo in itertools.product(*choices)]
    return urls


def _impact_ids(world: World) -> dict[str, list[Any]]:
    """One of each surveys, impact, giving and benefits record, for their API reads."""
    from amplify.benefits.models import Benefit
    from amplify.benefits.tests.factories import make_everything as make_benefits
    from amplify.giving.models import Fund, Gift, Recipient
    from amplify.giving.tests.factories import make_everything as make_giving
    from amplify.impact.models import Indicator, ReportPDF, Snapshot
    from amplify.impact.tests.factories import make_everything as make_impact
    from amplify.surveys.models import Invitation, Item, Template, Wave
    from amplify.surveys.tests.builder_factories import make_everything as make_surveys

    make_surveys(world)
    make_impact(world)
    make_giving(world)
    make_benefits(world)
    return {
        "items": list(Item.objects.values_list("pk", flat=True)[:3]),
        "templates": list(Template.objects.values_list("pk", flat=True)[:3]),
        "waves": list(Wave.objects.values_list("pk", flat=True)[:3]),
        "surveys": list(Invitation.objects.values_list("pk", flat=True)[:3]),
        "indicators": list(Indicator.objects.values_list("key", flat=True)[:3]),
        "snapshots": list(Snapshot.objects.values_list("pk", flat=True)[:3]),
        "report-pdfs": list(ReportPDF.objects.values_list("pk", flat=True)[:3]),
        "funds": list(Fund.objects.values_list("pk", flat=True)[:3]),
        "recipients": list(Recipient.objects.values_list("pk", flat=True)[:3]),
        "gifts": list(Gift.objects.values_list("pk", flat=True)[:3]),
        "benefits": list(Benefit.objects.values_list("pk", flat=True)[:3]),
    }


def page_urls(m: Matchable, run: MatchingRun, grouped: GroupingRun) -> list[str]:
    other = MatchingRun.objects.exclude(pk=run.pk).get()
    return [
        reverse("matching:cohort", args=[m.cohort.pk]),
        reverse("matching:run", args=[run.pk]),
        reverse("matching:run", args=[other.pk]),
        reverse("matching:compare", args=[run.pk, other.pk]),
        reverse("matching:groups", args=[grouped.cohort_id]),
        reverse("matching:grouping", args=[grouped.pk]),
        reverse("outcomes:cohort", args=[m.cohort.pk]),
        reverse("outcomes:showcase", args=[m.cohort.pk]),
        reverse("volunteering:queue", args=[m.cohort.pk]),
        reverse("training:cohort", args=[m.cohort.pk]),
        reverse("training:programme", args=[m.cohort.programme.slug]),
        reverse("meetings:health", args=[m.cohort.pk]),
        reverse("impact:organisation"),
        reverse("impact:organisation") + f"?cohort={m.cohort.pk}",
        reverse("impact:cohort-report", args=[m.cohort.pk]),
        reverse("surveys:cohort", args=[m.cohort.pk]),
        reverse("talentbook:cohort", args=[grouped.cohort_id]),
    ]


def test_it_shows_no_diversity_value_to_the_administrator_or_a_manager(
    world: World, runs: tuple[Matchable, MatchingRun, GroupingRun], as_user
) -> None:
    m, run, grouped = runs
    assert run.status == grouped.status == "ready"
    # Harriet is given admin access and every view permission: the admin's own checks, not
    # her missing access, must keep the values from her.
    world.harriet.is_staff = True
    world.harriet.save()
    world.harriet.user_permissions.set(Permission.objects.filter(codename__startswith="view_"))
    urls = admin_urls() + api_urls(world, m, run, grouped) + page_urls(m, run, grouped)
    found = []
    for user in (world.ada, world.harriet):
        client = as_user(user)
        for url in urls:
            found += [f"{user.email} {leak}" for leak in leaks(client, url)]
    assert found == [], "\n".join(sorted({f.split(": ")[0] for f in found}))


def test_the_search_finds_a_diversity_value_where_one_is_shown(world: World, as_user) -> None:
    """The walk above would see a leak: an impact admin with admin access reads the values."""
    diverse(world, world.person(world.bea), 3)
    world.ina.is_staff = True
    world.ina.save()
    profile_pk = DiversityProfile.objects.get().pk
    found = leaks(as_user(world.ina), f"/admin/diversity/diversityprofile/{profile_pk}/change/")
    assert found
