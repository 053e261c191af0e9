import factory
from factory.django import DjangoModelFactory

from amplify.accounts.models import User
from amplify.people.models import Division, Partner, Person


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.com")
    role = User.Role.MEMBER
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery")

    @factory.post_generation
    def save_password(self, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            self.save()


class DivisionFactory(DjangoModelFactory):
    class Meta:
        model = Division
        django_get_or_create = ["name"]

    name = "Sony Music UK"
    slug = factory.LazyAttribute(lambda o: o.name.lower().replace(" ", "-"))


class PartnerFactory(DjangoModelFactory):
    class Meta:
        model = Partner
        django_get_or_create = ["slug"]

    name = "Creative Mentor Network"
    slug = "creative-mentor-network"


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Faker("name", locale="en_GB")
    email = factory.Sequence(lambda n: f"person{n}@sony.example")
    employee_id = factory.Sequence(lambda n: f"E{n:05d}")
    country_id = "GB"
    job_title = "Manager, Marketing"
    languages = factory.LazyFunction(lambda: ["en"])
    time_zone = "Europe/London"


class ExternalPersonFactory(PersonFactory):
    employee_id = None
    email = factory.Sequence(lambda n: f"young{n}@example.com")
    job_title = ""
