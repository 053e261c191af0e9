"""The admin pages of the ledger's and the register's records open for an administrator (the
shared walk, amplify/tests/test_admin.py, opens them with every other model; this is the same
walk over these four, quick to run on its own)."""

from __future__ import annotations

from django.contrib import admin
from django.test import RequestFactory

from amplify.benefits.models import Benefit
from amplify.conftest import World
from amplify.giving.models import Fund, Gift, Recipient
from amplify.tests.adminwalk import MAKERS
from amplify.tests.test_admin import admin_pages


def test_it_opens_the_admin_pages_of_funds_recipients_gifts_and_benefits(
    world: World, as_user
) -> None:
    client = as_user(world.ada)
    request = RequestFactory().get("/admin/")
    request.user = world.ada
    MAKERS["giving.gift"](world)
    MAKERS["benefits.benefit"](world)
    failures = []
    for model in (Fund, Recipient, Gift, Benefit):
        model_admin = admin.site._registry[model]
        record = model.objects.order_by("pk").first()
        assert record is not None
        for url in admin_pages(model, model_admin, record, request):
            response = client.get(url)
            if response.status_code != 200:
                failures.append(f"{url}: {response.status_code}")
    assert failures == []
