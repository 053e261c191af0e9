"""The demo's nominations: past participants came from nominations; the recruiting cohort's
board holds every state."""

import pytest

from amplify.demo.tests.conftest import demo  # noqa: F401  (the module's built demo)
from amplify.nominations.models import Nomination
from amplify.programmes.models import Cohort, Enrolment


@pytest.mark.django_db
def test_it_selected_every_past_participant_from_a_nomination(demo) -> None:  # noqa: F811
    participants = Enrolment.objects.filter(
        cohort__programme__name="Amplify", role=Enrolment.Role.PARTICIPANT
    ).exclude(cohort__status=Cohort.Status.RECRUITING)
    selected = Nomination.objects.filter(status=Nomination.Status.SELECTED)
    for e in participants:
        assert selected.filter(cohort=e.cohort, nominee=e.person).exists()


@pytest.mark.django_db
def test_it_has_every_state_in_the_recruiting_cohort(demo) -> None:  # noqa: F811
    cohort = Cohort.objects.get(programme__name="Amplify", status=Cohort.Status.RECRUITING)
    states = set(cohort.nominations.values_list("status", flat=True))
    assert states == set(Nomination.Status.values)
    # The selected are enrolled, and one waits for a demo login's endorsement
    for n in cohort.nominations.filter(status=Nomination.Status.SELECTED):
        assert cohort.enrolments.filter(person=n.nominee).exists()
    assert cohort.nominations.filter(
        status=Nomination.Status.AWAITING_ENDORSEMENT, nominee__manager__user__isnull=False
    ).exists()
