"""Self-paced activities: the mentor marks one done, a manager verifies it; emails both ways."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from amplify.conftest import World
from amplify.training import services
from amplify.training.models import Activity
from amplify.training.tests.factories import activity, safeguarding_module


def test_marking_done_asks_the_managers_to_verify(
    world: World, modules, as_user, django_capture_on_commit_callbacks
) -> None:
    module = safeguarding_module(world)
    with django_capture_on_commit_callbacks(execute=True):
        response = as_user(world.alice).post(
            f"/training/modules/{module.pk}/done/", {f"m{module.pk}-summary": "NSPCC course"}
        )
    assert response.status_code == 302
    a = Activity.objects.get(person=world.person(world.alice))
    assert a.status == Activity.Status.MARKED_DONE
    assert [m.to for m in mail.outbox] == [[world.harriet.email]]
    message = mail.outbox[0]
    assert "Alice Staff" in message.subject
    assert message.alternatives
    assert "NSPCC course" in message.alternatives[0][0]


def test_a_second_tab_marks_it_done_once_and_asks_once(
    world: World, modules, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        activity(world, world.alice)
    with django_capture_on_commit_callbacks(execute=True):
        activity(world, world.alice)
    assert Activity.objects.count() == 1
    assert len(mail.outbox) == 1


def test_verifying_tells_the_mentor_and_counts(
    world: World, modules, as_user, django_capture_on_commit_callbacks
) -> None:
    a = activity(world, world.alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = as_user(world.harriet).post(f"/training/activities/{a.pk}/verify/")
    assert response.status_code == 302
    a.refresh_from_db()
    assert a.status == Activity.Status.VERIFIED
    assert a.verified_by == world.harriet
    assert [m.to for m in mail.outbox] == [[world.alice.email]]
    assert "verified" in mail.outbox[0].subject
    # Verifying again (a retry) tells no one again.
    with django_capture_on_commit_callbacks(execute=True):
        as_user(world.harriet).post(f"/training/activities/{a.pk}/verify/")
    assert len(mail.outbox) == 1


def test_a_mentor_cannot_verify_her_own_activity(world: World, modules) -> None:
    # Alice also helps run the programme: still not her own activity.
    world.programme.managers.add(world.person(world.alice))
    a = activity(world, world.alice)
    with pytest.raises(ValidationError) as exc:
        services.activity_verify(activity=a, verified_by=world.alice)
    assert "cannot verify her own" in str(exc.value)
    a.refresh_from_db()
    assert a.status == Activity.Status.MARKED_DONE


def test_a_mentor_without_the_manager_role_is_refused(world: World, modules, as_user) -> None:
    a = activity(world, world.alice)
    assert as_user(world.alice).post(f"/training/activities/{a.pk}/verify/").status_code == 403
    # Carl may not even see Alice's activity.
    assert as_user(world.carl).post(f"/training/activities/{a.pk}/verify/").status_code == 404


def test_another_programme_s_manager_gets_404(world: World, modules, other, as_user) -> None:
    a = activity(world, world.alice)
    client = as_user(other.mo)
    assert client.post(f"/training/activities/{a.pk}/verify/").status_code == 404
    assert client.get("/training/programmes/positive-influence/").status_code == 404
    assert client.get(f"/training/cohorts/{world.cohort.pk}/").status_code == 404


def test_returning_needs_a_note_and_lets_her_mark_it_again(world: World, modules) -> None:
    a = activity(world, world.alice)
    with pytest.raises(ValidationError) as exc:
        services.activity_return(activity=a, returned_by=world.harriet, note=" ")
    assert "note" in exc.value.message_dict
    services.activity_return(activity=a, returned_by=world.harriet, note="Which course?")
    a = activity(world, world.alice)
    assert a.status == Activity.Status.MARKED_DONE
    assert a.note == ""


def test_only_the_programme_s_mentors_do_its_training(world: World, modules) -> None:
    with pytest.raises(ValidationError) as exc:
        activity(world, world.bea)
    assert "module" in exc.value.message_dict


def test_an_empty_summary_is_a_clear_message(world: World, modules, as_user) -> None:
    module = safeguarding_module(world)
    response = as_user(world.alice).post(f"/training/modules/{module.pk}/done/", {}, follow=True)
    assert "Say what you did" in response.content.decode()
    assert not Activity.objects.exists()
