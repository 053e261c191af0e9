"""A judge hears once which presentations wait for her; the cohort hears when the results
are out."""

from __future__ import annotations

from django.core import mail

from amplify.conftest import World
from amplify.showcase import services
from amplify.showcase.tests.factories import showcase_for


def test_it_tells_a_judge_once_however_many_slots_she_is_given(
    world: World, django_capture_on_commit_callbacks
) -> None:
    show = showcase_for(world)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.judges_assign_sponsors(event=show.event, changed_by=world.max)
    to = [m.to[0] for m in mail.outbox]
    assert len(to) == len(set(to))
    assert all("judging" in m.subject for m in mail.outbox)


def test_it_tells_the_cohort_when_the_results_are_published(
    world: World, django_capture_on_commit_callbacks
) -> None:
    from amplify.showcase.models import Publication
    from amplify.showcase.tests.factories import make_everything

    # Given a judged showcase (the factory publishes it: taken back, to publish here)
    show = make_everything(world)
    Publication.objects.filter(event=show.event).update(published_at=None)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.results_publish(event=show.event, published_by=world.person(world.max))
    told = {m.to[0] for m in mail.outbox}
    assert world.lena.email in told
    assert world.sam.email in told
    assert world.otto.email not in told
    assert all("published" in m.subject for m in mail.outbox)
