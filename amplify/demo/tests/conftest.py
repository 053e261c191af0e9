"""The demo organisation, built once for the demo's test modules."""

import pytest
from django.apps import apps
from django.db import transaction

from amplify.demo.build import build
from amplify.people.reference import load_reference_data


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """Built once per module that uses it (the build takes a while), inside a
    transaction that is rolled back afterwards, so the rest of the suite finds the database
    as it was."""
    with django_db_blocker.unblock():
        block = transaction.atomic()
        block.__enter__()
        try:
            # A transactional test that ran earlier on this worker may have flushed the
            # reference data the migrations load; the demo's HR export needs it.
            load_reference_data(apps)
            yield build(employees=1200, say=lambda _: None)
        finally:
            transaction.set_rollback(True)
            block.__exit__(None, None, None)
