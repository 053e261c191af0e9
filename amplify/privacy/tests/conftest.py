"""Bea, everywhere Amplify can hold something about her, for the export and erasure tests.

The diversity app's `diversity_export_for_person` and `diversity_erase_for_person` stand in
until they exist (see `diversity_functions` in amplify/conftest.py).
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from amplify.accounts.services import api_token_create
from amplify.conftest import World
from amplify.diversity import services as diversity
from amplify.events.models import Rsvp
from amplify.matching import services as matching
from amplify.matching.models import MatchingRun, PairRule
from amplify.matching.tests.cohorts import Matchable, build_matchable
from amplify.matching.tests.test_services import WEIGHTS
from amplify.people.models import PeopleImport, Person
from amplify.people.services import person_update
from amplify.programmes.models import Enrolment

HEADER = "employee_id,name,email,country,division,job_title,manager_employee_id,languages,time_zone"
BIO = "I grew up in Margate and host a podcast about northern soul."
NOTE = "Missed the first session: family reasons"
RULE_NOTE = "Bea Young asked not to be paired with her neighbour"
# Strings only Bea's data holds: none may be left anywhere after her erasure.
NEEDLES = (
    "bea@example.com",
    "bea.personal@example.com",
    "Bea Young",
    "Margate",
    "family reasons",
    "asked not to be paired",
)


def xlsx(rows: list[list[str]]) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@dataclass
class Traces:
    bea: Person
    m: Matchable
    run: MatchingRun
    csv_import: PeopleImport
    xlsx_import: PeopleImport


def spread_bea(world: World) -> Traces:
    bea = world.person(world.bea)
    person_update(
        person=bea, changed_by=world.bea, bio=BIO, pronouns="she/her", preferred_name="Bee"
    )
    enrolment = Enrolment.objects.get(cohort=world.cohort, person=bea)
    enrolment.note = NOTE
    enrolment.save()
    Rsvp.objects.create(
        event=world.event, person=bea, response="going", responded_at=timezone.now()
    )
    diversity.diversity_profile_save(
        person=bea,
        changed_by=world.ina,
        consent_given=True,
        gender="woman",
        consent_to_matching=True,
        share_with_mentor=["gender"],
    )
    m = build_matchable(world)
    PairRule.objects.create(
        cohort=m.cohort,
        mentor=m.mo,
        mentee=bea,
        kind=PairRule.Kind.EXCLUDE,
        note=RULE_NOTE,
        created_by=world.harriet,
    )
    run = matching.matching_run_start(cohort=m.cohort, created_by=world.harriet, weights=WEIGHTS)
    run = matching.matching_run_execute(run=run)
    api_token_create(user=world.bea, name="My script")
    EmailAddress.objects.create(user=world.bea, email="bea.personal@example.com", verified=True)
    TOTP.activate(world.bea, generate_totp_secret())
    dan = world.person(world.dan)
    csv_import = PeopleImport.objects.create(
        uploaded_by=world.harriet,
        filename="hr.csv",
        content=(
            f"{HEADER}\n"
            f"E900,Bea Young,BEA@example.com,GB,,Intern,,en,Europe/London\n"
            f"E901,Dan Young,{dan.email},GB,,Intern,E900,en,Europe/London\n"
        ).encode(),
        size=1,
        rows_total=2,
        create_count=2,
        status=PeopleImport.Status.DONE,
        preview=[
            {"row": 2, "employee_id": "E900", "name": "Bea Young", "action": "create"},
            {"row": 3, "employee_id": "E901", "name": "Dan Young", "action": "create"},
        ],
        errors=[{"row": 3, "column": "email", "message": "Also used by bea@example.com"}],
    )
    xlsx_import = PeopleImport.objects.create(
        uploaded_by=world.harriet,
        filename="hr.xlsx",
        content=xlsx(
            [
                HEADER.split(","),
                ["E800", "Otto Staff", "otto@sony.example", "GB", "", "", "", "en", ""],
                ["E900", "Bea Young", "bea@example.com", "GB", "", "", "", "en", ""],
                ["E801", "Olga Staff", "olga@sony.example", "GB", "", "", "", "en", ""],
            ]
        ),
        size=1,
        rows_total=3,
        status=PeopleImport.Status.INVALID,
        errors=[{"row": 4, "column": "division", "message": "Unknown division"}],
    )
    LogEntry.objects.create(
        user=world.ada,
        content_type=ContentType.objects.get_for_model(Person),
        object_id=str(bea.pk),
        object_repr=str(bea.name),
        action_flag=CHANGE,
        change_message="Changed the email of Bea Young",
    )
    return Traces(bea, m, run, csv_import, xlsx_import)


@pytest.fixture
def traces(world: World) -> Traces:
    return spread_bea(world)
