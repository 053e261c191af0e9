"""Experiment records on top of the world, for these tests and the shared walks (the
wrong-role table, the admin walk): Lena's experiment sponsored by Sam, moved through the
services to the stage asked for."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from amplify.conftest import World
from amplify.experiments import services
from amplify.experiments.models import Evidence, Experiment, Stage, Story

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"

CARD = {
    "hypothesis": "Older listeners in the Nordics would stream if a playlist spoke to them.",
    "hypothesis_criticality": 3,
    "test": "Send one curated playlist to 500 lapsed CD buyers.",
    "test_cost": 1,
    "data_reliability": 2,
    "metric": "How many of them stream it twice in a month.",
    "time_required": 1,
    "criterion": "At least 10% stream it twice.",
    "themes": ["streaming"],
}
ORDER = [Stage.DRAFT, Stage.SUBMITTED, Stage.APPROVED, Stage.RUNNING, Stage.LEARNING, Stage.DECIDED]


def pdf(name: str = "results.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def experiment_of(world: World, who: str = "lena", stage: str = Stage.DRAFT) -> Experiment:
    """`who`'s experiment in the leadership cohort (made once), sponsored by Sam, moved on to
    `stage` (returned: submitted then returned)."""
    owner = world.person(getattr(world, who))
    sam = world.person(world.sam)
    experiment = Experiment.objects.filter(cohort=world.leadership_cohort, owner=owner).first()
    if experiment is None:
        experiment = services.experiment_create(
            cohort=world.leadership_cohort,
            owner=owner,
            title=f"Streaming test by {owner.display_name}",
            **CARD,
            sponsor=sam,
        )
    if stage == Stage.RETURNED:
        services.experiment_submit(experiment=experiment, by=owner)
        return services.experiment_return(experiment=experiment, by=sam, comment="Smaller, please.")
    target = ORDER.index(Stage(stage))
    for step in ORDER[ORDER.index(Stage(experiment.stage)) + 1 : target + 1]:
        if step == Stage.SUBMITTED:
            experiment = services.experiment_submit(experiment=experiment, by=owner)
        elif step == Stage.APPROVED:
            experiment = services.experiment_approve(experiment=experiment, by=sam)
        elif step == Stage.RUNNING:
            experiment = services.experiment_start(experiment=experiment, by=owner)
        elif step == Stage.LEARNING:
            services.evidence_add(
                experiment=experiment, by=owner, title="The numbers", link="https://example.com/n"
            )
            experiment = services.experiment_capture_learning(
                experiment=experiment,
                by=owner,
                believed="They would stream.",
                observed="14% streamed it twice.",
                learned="A voice they trust matters more than the price.",
                therefore="Scale it to Denmark.",
            )
        elif step == Stage.DECIDED:
            experiment = services.experiment_decide(
                experiment=experiment, by=sam, decision="scale_up", comment="Go."
            )
    return experiment


def evidence_of(world: World) -> Evidence:
    experiment = experiment_of(world, stage=Stage.RUNNING)
    return services.evidence_add(
        experiment=experiment, by=experiment.owner, title="Results", file=pdf()
    )


def story_of(world: World, *, shared: bool = True) -> Story:
    lena = world.person(world.lena)
    return services.story_save(
        person=lena,
        cohort=world.leadership_cohort,
        title="Streaming for the over-sixties",
        tried="A playlist for lapsed CD buyers.",
        happened="14% streamed it twice.",
        quote="Think big, act small.",
        consent_to_share=shared,
        experiment=experiment_of(world),
    )


def make_everything(world: World) -> None:
    """One of each record, for the admin walk (its own people: the walk's fixtures may have
    changed the world's enrolments)."""
    from amplify.people.tests.factories import PersonFactory
    from amplify.programmes.models import Enrolment
    from amplify.programmes.tests.factories import EnrolmentFactory

    owner, sponsor = PersonFactory(name="Wanda Walk"), PersonFactory(name="Sid Walk")
    EnrolmentFactory(cohort=world.leadership_cohort, person=owner, role=Enrolment.Role.PARTICIPANT)
    EnrolmentFactory(cohort=world.leadership_cohort, person=sponsor, role=Enrolment.Role.SPONSOR)
    experiment = Experiment.objects.create(
        cohort=world.leadership_cohort,
        owner=owner,
        sponsor=sponsor,
        title="Walked",
        stage=Stage.RUNNING,
        **CARD,
    )
    services.experiment_comment(experiment=experiment, by=sponsor, body="Good.")
    services.evidence_add(experiment=experiment, by=owner, title="Results", file=pdf())
    services.story_save(
        person=owner, cohort=world.leadership_cohort, title="A walk", consent_to_share=True
    )


def experiment_sponsored_by_another(world: World) -> Experiment:
    """Leo's submitted experiment, sponsored by another executive of the cohort (not Sam)."""
    from amplify.people.tests.factories import PersonFactory
    from amplify.programmes.models import Enrolment
    from amplify.programmes.tests.factories import EnrolmentFactory

    found = Experiment.objects.filter(owner__user=world.leo).first()
    if found is not None:
        return found
    other = PersonFactory(name="Olga Sponsor")
    EnrolmentFactory(cohort=world.leadership_cohort, person=other, role=Enrolment.Role.SPONSOR)
    leo = world.person(world.leo)
    experiment = services.experiment_create(
        cohort=world.leadership_cohort, owner=leo, title="Leo's", **CARD, sponsor=other
    )
    return services.experiment_submit(experiment=experiment, by=leo)
