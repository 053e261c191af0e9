"""The surveys admin opens for an administrator and keeps the privacy design: no draft, no
link key, responses and answers read-only and joined to nobody outside attributed waves."""

from __future__ import annotations

from django.contrib import admin
from django.test import RequestFactory

from amplify.conftest import World
from amplify.surveys.models import Answer, Invitation, Mode, Response, Wave
from amplify.surveys.tests.builder_factories import make_everything
from amplify.tests.adminwalk import admin_base
from amplify.tests.test_admin import admin_pages


def test_every_surveys_admin_page_opens(world: World, as_user) -> None:
    make_everything(world)
    client = as_user(world.ada)
    request = RequestFactory().get("/admin/")
    request.user = world.ada
    failures = []
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label != "surveys":
            continue
        obj = model_admin.get_queryset(request).order_by("pk").first()
        assert obj is not None, model
        for url in admin_pages(model, model_admin, obj, request):
            response = client.get(url)
            if response.status_code != 200:
                failures.append(f"{url}: {response.status_code}")
    assert failures == []


def test_the_admin_shows_no_draft_and_edits_no_answer(world: World, as_user) -> None:
    make_everything(world)
    client = as_user(world.ada)
    invitation = Invitation.objects.get()
    page = client.get(f"{admin_base(Invitation)}{invitation.pk}/change/").content.decode()
    assert "walk_choice" not in page  # the draft's key
    assert str(invitation.key) not in page
    response = Response.objects.get()
    assert client.get(f"{admin_base(Response)}add/").status_code == 403
    assert client.post(f"{admin_base(Response)}{response.pk}/delete/").status_code == 403
    answer = Answer.objects.get()
    assert (
        client.post(f"{admin_base(Answer)}{answer.pk}/change/", {"choice": "b"}).status_code == 403
    )
    assert Answer.objects.get().choice == "a"


def test_a_respondent_is_named_only_for_an_attributed_wave(world: World, as_user) -> None:
    make_everything(world)
    client = as_user(world.ada)
    response = Response.objects.get()
    url = f"{admin_base(Response)}{response.pk}/change/"
    assert "Alice Staff" in client.get(url).content.decode()
    # Were the wave confidential, the same row would name nobody
    Wave.objects.filter(pk=response.wave_id).update(mode=Mode.CONFIDENTIAL)
    assert "Alice Staff" not in client.get(url).content.decode()
    assert "Alice Staff" not in client.get(admin_base(Response)).content.decode()
