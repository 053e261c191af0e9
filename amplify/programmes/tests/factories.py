from datetime import date

import factory
from factory.django import DjangoModelFactory

from amplify.programmes.models import Cohort, Enrolment, Pairing, Programme


class ProgrammeFactory(DjangoModelFactory):
    class Meta:
        model = Programme

    name = factory.Sequence(lambda n: f"Programme {n}")
    slug = factory.Sequence(lambda n: f"programme-{n}")
    kind = Programme.Kind.MENTORING


class CohortFactory(DjangoModelFactory):
    class Meta:
        model = Cohort

    programme = factory.SubFactory(ProgrammeFactory)
    name = factory.Sequence(lambda n: f"Cohort {n}")
    number = factory.Sequence(lambda n: n + 1)
    starts_on = date(2026, 9, 1)
    ends_on = date(2027, 2, 26)
    status = Cohort.Status.RUNNING


class EnrolmentFactory(DjangoModelFactory):
    class Meta:
        model = Enrolment

    cohort = factory.SubFactory(CohortFactory)
    person = factory.SubFactory("amplify.people.tests.factories.PersonFactory")
    role = Enrolment.Role.MENTOR


class PairingFactory(DjangoModelFactory):
    class Meta:
        model = Pairing

    cohort = factory.SubFactory(CohortFactory)
    kind = Pairing.Kind.MENTORING
    mentor = factory.SubFactory("amplify.people.tests.factories.PersonFactory")
    mentee = factory.SubFactory("amplify.people.tests.factories.ExternalPersonFactory")
    started_on = date(2026, 9, 1)
