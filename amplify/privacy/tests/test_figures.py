"""Erasing someone changes no figure the product shows: cohort and programme counts, the
impact admin's home totals, a manager's home, event replies, a partner's referrals, matching
runs. (Diversity figures are the exception by design: her diversity profile is deleted.)"""

from __future__ import annotations

from typing import Any

import pytest

from amplify.conftest import World
from amplify.diversity.services import diversity_profile_save
from amplify.events.models import Event
from amplify.matching import grouping
from amplify.matching.models import HomeGroup, MatchingRun
from amplify.matching.tests.cohorts import profile
from amplify.matching.tests.test_grouping import PEOPLE, ZONES
from amplify.people.models import PeopleImport
from amplify.people.tests.factories import PersonFactory
from amplify.privacy import services
from amplify.privacy.tests.conftest import Traces
from amplify.programmes.models import Cohort, Enrolment, Programme
from amplify.programmes.tests.factories import EnrolmentFactory


def figures(world: World, traces: Traces, as_user) -> dict[str, Any]:
    out: dict[str, Any] = {}
    ina = as_user(world.ina).get("/")
    out["impact home"] = ina.context["org"]
    out["open cohorts"] = [(c.pk, c.people_count) for c in ina.context["all_cohorts"]]
    harriet = as_user(world.harriet).get("/")
    out["managed"] = [(c.pk, c.people_count) for c in harriet.context["managed"]]
    out["referrals"] = as_user(world.pat).get("/").context["referral_totals"]
    for cohort in Cohort.objects.all():
        page = as_user(world.harriet if cohort.programme == world.programme else world.ina)
        detail = page.get(f"/programmes/cohorts/{cohort.pk}/")
        out[f"cohort {cohort.pk}"] = (detail.context["roles"], detail.context["active_count"])
    out["cohort counts"] = list(Cohort.objects.with_counts().values_list("pk", "people_count"))
    for programme in Programme.objects.all():
        detail = as_user(world.ina).get(f"/programmes/{programme.slug}/")
        cohorts = detail.context["cohorts"]
        out[f"programme {programme.slug}"] = [(c.pk, c.people_count) for c in cohorts]
    out["events"] = list(
        Event.objects.with_rsvp_counts().values_list("pk", "going_count", "attended_count")
    )
    event = as_user(world.harriet).get(f"/events/{world.event.pk}/")
    out["event replies"] = event.context["counts"]
    out["runs"] = list(
        MatchingRun.objects.values_list(
            "pk", "matched_count", "mentee_count", "total_score", "certified", "status"
        )
    )
    run = MatchingRun.objects.get(pk=traces.run.pk)
    out["run pairs"] = sorted(run.pairs.values_list("mentor_id", "mentee_id", "score"))
    out["run fairness"] = run.result["fairness"]
    out["run unmatched"] = run.result["unmatched"]
    run_page = as_user(world.harriet).get(f"/matching/runs/{run.pk}/")
    assert run_page.status_code == 200
    out["run page"] = (len(run_page.context["pairs"]), run_page.context["reasons"])
    out["imports"] = list(
        PeopleImport.objects.values_list("pk", "rows_total", "create_count", "error_count")
    )
    return out


@pytest.mark.parametrize("who", ["bea", "alice"])
def test_every_figure_stays_the_same(world: World, traces: Traces, as_user, who: str) -> None:
    before = figures(world, traces, as_user)
    services.person_erase(person=world.person(getattr(world, who)), erased_by=world.ina)
    after = figures(world, traces, as_user)
    assert after == before


def test_home_group_figures_stay_the_same(world: World, as_user) -> None:
    # Given a published grouping run of the leadership cohort, one participant with consent
    # to the use of her gender.
    world.leadership.managers.add(world.person(world.harriet))
    cohort = world.leadership_cohort
    Enrolment.objects.filter(cohort=cohort).delete()
    people = []
    for n, (country, family) in enumerate(PEOPLE):
        person = PersonFactory(
            name=f"Participant {n:02d}", country_id=country, time_zone=ZONES[country]
        )
        EnrolmentFactory(cohort=cohort, person=person, role=Enrolment.Role.PARTICIPANT)
        profile(person, job_family=family, seniority=3 + n % 2)
        people.append(person)
    diversity_profile_save(
        person=people[0],
        changed_by=world.ina,
        consent_given=True,
        gender="woman",
        consent_to_matching=True,
    )
    run = grouping.grouping_run_start(cohort=cohort, created_by=world.harriet)
    run = grouping.grouping_run_execute(run=run)
    grouping.grouping_run_publish(run=run, published_by=world.harriet)

    def group_figures() -> object:
        groups = HomeGroup.objects.filter(run=run).order_by("pk")
        page = as_user(world.harriet).get(f"/matching/groups/{run.pk}/")
        assert page.status_code == 200
        return (
            [(g.name, g.band, g.members.count(), g.balance) for g in groups],
            run.__class__.objects.get(pk=run.pk).result,
        )

    before = group_figures()
    services.person_erase(person=people[0], erased_by=world.ina)
    assert group_figures() == before
    entry = next(m for m in run.__class__.objects.get(pk=run.pk).inputs["members"])
    assert entry["key"] == str(people[0].pk)
    assert set(entry["attributes"].values()) == {None}
