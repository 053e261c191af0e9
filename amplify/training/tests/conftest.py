"""Training personas on top of the world: Positive Influence has its default curriculum;
Alice and Carl are its mentors. Mo runs another mentoring programme ("Next Gen") and must
see nothing of Positive Influence's training."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from amplify.accounts.models import User
from amplify.conftest import World, _user
from amplify.people.tests.factories import PersonFactory
from amplify.programmes.models import Programme
from amplify.programmes.tests.factories import ProgrammeFactory
from amplify.training.models import Module
from amplify.training.tests.factories import curriculum


@dataclass
class Other:
    mo: User  # a programme manager of another mentoring programme
    programme: Programme


@pytest.fixture
def modules(world: World) -> list[Module]:
    return curriculum(world)


@pytest.fixture
def other(world: World) -> Other:
    mo = _user("mo@sony.example", User.Role.PROGRAMME_MANAGER)
    person = PersonFactory(name="Mo Manager", email=mo.email, user=mo)
    programme = ProgrammeFactory(name="Next Gen", slug="next-gen", kind=Programme.Kind.MENTORING)
    programme.managers.add(person)
    return Other(mo=mo, programme=programme)
