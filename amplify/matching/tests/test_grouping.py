"""Home groups from draft to published, through the services."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from amplify.conftest import World
from amplify.diversity.services import diversity_profile_save
from amplify.matching import grouping
from amplify.matching.models import GroupingRun, HomeGroup, RunStatus
from amplify.matching.tests.cohorts import profile
from amplify.people.models import Person
from amplify.people.tests.factories import PersonFactory
from amplify.programmes.models import Cohort, Enrolment
from amplify.programmes.tests.factories import EnrolmentFactory

# Twelve participants in Europe (six in marketing, six in legal) and six in the Americas.
PEOPLE = [
    ("GB", "marketing"),
    ("GB", "legal"),
    ("FR", "marketing"),
    ("FR", "legal"),
    ("DE", "marketing"),
    ("DE", "legal"),
] * 2 + [
    ("US", "data"),
    ("US", "finance"),
    ("BR", "data"),
    ("BR", "finance"),
    ("MX", "data"),
    ("CA", "finance"),
]

ZONES = {
    "GB": "Europe/London",
    "FR": "Europe/Paris",
    "DE": "Europe/Berlin",
    "US": "America/New_York",
    "CA": "America/Toronto",
    "BR": "America/Sao_Paulo",
    "MX": "America/Mexico_City",
}


@pytest.fixture
def cohort(world: World) -> Cohort:
    world.leadership.managers.add(world.person(world.harriet))
    cohort = world.leadership_cohort
    Enrolment.objects.filter(cohort=cohort).delete()
    for n, (country, family) in enumerate(PEOPLE):
        person = PersonFactory(
            name=f"Participant {n:02d}", country_id=country, time_zone=ZONES[country]
        )
        EnrolmentFactory(cohort=cohort, person=person, role=Enrolment.Role.PARTICIPANT)
        profile(person, job_family=family, seniority=3 + n % 2)
    return cohort


def start(world: World, cohort: Cohort, **sizes: int) -> GroupingRun:
    run = grouping.grouping_run_start(cohort=cohort, created_by=world.harriet, **sizes)
    return grouping.grouping_run_execute(run=run)


def test_groups_stay_within_a_region_and_mix_functions(world: World, cohort: Cohort) -> None:
    run = start(world, cohort)
    assert run.status == RunStatus.READY
    groups = list(run.groups.prefetch_related("members__country"))
    assert sorted(len(g.members.all()) for g in groups) == [6, 6, 6]
    for group in groups:
        regions = {p.country.region_id for p in group.members.all()}
        assert regions <= set(group.band.split("+"))
    # Three people in North America and three in Latin America: too few for a group each,
    # so the two regions, close in time, form one band.
    assert sorted({g.band for g in groups}) == ["EMEA", "LATAM+NA"]
    assert run.groups.get(band="LATAM+NA").name == "Latin America and North America 1"
    europe = [g for g in groups if g.band == "EMEA"]
    assert [g.name for g in europe] == [
        "Europe, Middle East & Africa 1",
        "Europe, Middle East & Africa 2",
    ]
    for group in europe:
        families = sorted(p.match_profile.job_family for p in group.members.all())
        assert families == ["legal"] * 3 + ["marketing"] * 3
    assert run.result["improvement"] > 0
    assert run.result["imbalance"] <= run.result["random"]


def test_gender_counts_only_with_consent(world: World, cohort: Cohort) -> None:
    people = list(Person.objects.filter(enrolments__cohort=cohort).order_by("name"))
    diversity_profile_save(
        person=people[0],
        changed_by=world.ina,
        consent_given=True,
        gender="woman",
        consent_to_matching=True,
    )
    diversity_profile_save(
        person=people[1],
        changed_by=world.ina,
        consent_given=True,
        gender="man",
        consent_to_matching=False,
    )
    diversity_profile_save(
        person=people[2],
        changed_by=world.ina,
        consent_given=True,
        gender="woman",
        consent_to_matching=True,
    )
    run = start(world, cohort)
    genders = {m["key"]: m["attributes"]["gender"] for m in run.inputs["members"]}
    # A per-run code, the same for the same gender, never the gender itself.
    assert genders[str(people[0].pk)] == genders[str(people[2].pk)]
    assert genders[str(people[0].pk)] not in (None, "woman")
    assert genders[str(people[1].pk)] is None
    assert "woman" not in str(run.inputs)
    again = start(world, cohort)
    codes = {m["key"]: m["attributes"]["gender"] for m in again.inputs["members"]}
    assert codes[str(people[0].pk)] != genders[str(people[0].pk)]


def test_keep_apart_and_together_are_honoured(world: World, cohort: Cohort) -> None:
    people = list(
        Person.objects.filter(enrolments__cohort=cohort, country__region="EMEA").order_by("name")
    )
    grouping.group_rule_set(
        cohort=cohort, first=people[0], second=people[2], kind="apart", created_by=world.harriet
    )
    grouping.group_rule_set(
        cohort=cohort, first=people[0], second=people[1], kind="together", created_by=world.harriet
    )
    run = start(world, cohort)
    home = HomeGroup.objects.get(run=run, members=people[0])
    members = set(home.members.all())
    assert people[1] in members
    assert people[2] not in members
    with pytest.raises(ValidationError):
        grouping.group_rule_set(
            cohort=cohort, first=people[0], second=people[0], kind="apart", created_by=world.harriet
        )
    with pytest.raises(ValidationError):
        grouping.group_rule_set(
            cohort=cohort,
            first=people[0],
            second=world.person(world.otto),
            kind="apart",
            created_by=world.harriet,
        )


def test_moves_stay_within_the_band_and_publishing_replaces_the_last(
    world: World, cohort: Cohort
) -> None:
    first = start(world, cohort)
    grouping.grouping_run_publish(run=first, published_by=world.harriet)
    run = start(world, cohort)
    europe = list(run.groups.filter(band="EMEA"))
    americas = run.groups.get(band="LATAM+NA")
    person = europe[0].members.first()
    assert person is not None
    with pytest.raises(ValidationError) as exc:
        grouping.home_group_move(run=run, person=person, to=americas, changed_by=world.harriet)
    assert "within a band" in exc.value.messages[0]
    grouping.home_group_move(run=run, person=person, to=europe[1], changed_by=world.harriet)
    assert europe[1].members.count() == 7
    run.refresh_from_db()
    assert run.result["edited"]
    grouping.grouping_run_publish(run=run, published_by=world.harriet)
    first.refresh_from_db()
    assert first.status == RunStatus.DISCARDED
    assert HomeGroup.objects.published().filter(run__cohort=cohort).count() == 3
    with pytest.raises(ValidationError):
        grouping.grouping_run_discard(run=run, changed_by=world.harriet)


def test_members_see_only_their_published_group(world: World, cohort: Cohort) -> None:
    member = Person.objects.filter(enrolments__cohort=cohort).first()
    assert member is not None
    member.user = world.otto.__class__.objects.create_user(email="member@sony.example")
    member.save()
    run = start(world, cohort)
    assert HomeGroup.objects.for_user(member.user).count() == 0
    grouping.grouping_run_publish(run=run, published_by=world.harriet)
    assert [g.pk for g in HomeGroup.objects.for_user(member.user)] == [
        HomeGroup.objects.get(run=run, members=member).pk
    ]
    assert HomeGroup.objects.for_user(world.otto).count() == 0
    assert HomeGroup.objects.for_user(world.harriet).count() == 3


def test_small_regions_join_the_nearest_in_time() -> None:
    regions = {"a": "EMEA", "b": "EMEA", "c": "APAC", "d": "NA", "e": "NA"}
    offsets = {"a": 0, "b": 1, "c": 9, "d": -5, "e": -8}
    assert grouping.bands(regions, offsets, min_size=2) == {
        "a": "EMEA",
        "b": "EMEA",
        "c": "APAC+EMEA",
        "d": "NA",
        "e": "NA",
    } | {"a": "APAC+EMEA", "b": "APAC+EMEA"}
    assert set(grouping.bands(regions, offsets, min_size=1).values()) == {"EMEA", "APAC", "NA"}
    assert set(grouping.bands(regions, offsets, min_size=9).values()) == {"APAC+EMEA+NA"}


def test_bad_sizes_are_refused(world: World, cohort: Cohort) -> None:
    with pytest.raises(ValidationError) as exc:
        start(world, cohort, min_size=6, target_size=5, max_size=8)
    assert "minimum <= target <= maximum" in exc.value.messages[0]


def test_a_cohort_smaller_than_a_group_forms_one_group(world: World, cohort: Cohort) -> None:
    Enrolment.objects.filter(cohort=cohort).exclude(
        person__in=list(Person.objects.filter(enrolments__cohort=cohort)[:3])
    ).delete()
    run = start(world, cohort)
    assert run.status == RunStatus.READY
    assert [g.members.count() for g in run.groups.all()] == [3]
    assert run.result["warnings"]


def test_a_run_no_longer_in_review_is_refused_by_every_change(world: World, cohort: Cohort) -> None:
    # Given published groups (one rule, services._lifecycle.run_lock_ready, guards each change)
    run = start(world, cohort)
    grouping.grouping_run_publish(run=run, published_by=world.harriet)
    group = run.groups.first()
    assert group is not None
    person = group.members.first()
    assert person is not None
    # Then moving someone or publishing again is refused, naming the run's status
    with pytest.raises(ValidationError, match="Only groups ready for review can be changed"):
        grouping.home_group_move(run=run, person=person, to=group, changed_by=world.harriet)
    with pytest.raises(ValidationError, match="this run is “Published”"):
        grouping.grouping_run_publish(run=run, published_by=world.harriet)
