"""The default curriculum and the programme's settings."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from amplify.conftest import World
from amplify.training import services
from amplify.training.models import CodeOfConduct, Module, TrainingSettings
from amplify.training.readiness import curriculum_of


def test_it_creates_the_seed_s_curriculum_of_ten_hours(world: World, modules) -> None:
    topics = [m for m in modules if not m.safeguarding]
    assert [m.title for m in topics] == [
        "Barriers to entry for young people",
        "Mentoring and coaching techniques",
        "Social and cultural capital",
        "Diversity and inclusion advocacy",
    ]
    assert sum(m.hours for m in topics) == Decimal("10")
    assert curriculum_of(world.programme).requirements.hours == 10
    settings = TrainingSettings.objects.get(programme=world.programme)
    assert settings.require_safeguarding
    assert settings.require_background_check
    assert CodeOfConduct.objects.get(programme=world.programme).version == 1


def test_creating_it_again_changes_nothing(world: World, modules) -> None:
    services.curriculum_create_default(programme=world.programme, created_by=world.harriet)
    assert Module.objects.filter(programme=world.programme).count() == 5
    assert CodeOfConduct.objects.filter(programme=world.programme).count() == 1


def test_a_leadership_programme_has_no_mentor_curriculum(world: World) -> None:
    with pytest.raises(ValidationError) as exc:
        services.curriculum_create_default(programme=world.leadership, created_by=world.harriet)
    assert "programme" in exc.value.message_dict


def test_a_module_needs_sensible_hours(world: World, modules) -> None:
    with pytest.raises(ValidationError) as exc:
        services.module_create(
            programme=world.programme, title="Listening", hours="lots", created_by=world.harriet
        )
    assert "hours" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.module_create(
            programme=world.programme,
            title="Social and cultural capital",
            hours=1,
            created_by=world.harriet,
        )
    assert "title" in exc.value.message_dict


def test_the_manager_sets_up_the_curriculum_and_settings_on_her_page(world: World, as_user) -> None:
    client = as_user(world.harriet)
    page = client.get("/training/programmes/positive-influence/")
    assert page.status_code == 200
    assert "Set up the default curriculum" in page.content.decode()
    client.post("/training/programmes/positive-influence/default/")
    client.post("/training/programmes/positive-influence/default/")  # a double submit
    assert Module.objects.filter(programme=world.programme).count() == 5
    response = client.post(
        "/training/programmes/positive-influence/settings/",
        {"require_safeguarding": "on", "require_code_of_conduct": "on"},
    )
    assert response.status_code == 302
    settings = TrainingSettings.objects.get(programme=world.programme)
    assert not settings.require_background_check
    assert settings.history.count() == 2


def test_a_changed_code_is_a_new_version(world: World, modules, as_user) -> None:
    client = as_user(world.harriet)
    url = "/training/programmes/positive-influence/code/"
    client.post(url, {"text": "Be kind. Be on time."})
    client.post(url, {"text": "Be kind. Be on time."})  # the same text twice: one version
    assert CodeOfConduct.objects.filter(programme=world.programme).count() == 2
    response = client.post(url, {"text": ""})
    assert response.status_code == 400
    assert "This field is required" in response.content.decode()
