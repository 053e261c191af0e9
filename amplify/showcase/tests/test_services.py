"""The showcase's rules, through its services."""

import pytest
from django.core.exceptions import ValidationError

from amplify.conftest import World
from amplify.showcase import results, services
from amplify.showcase.models import Criterion, Score, Slot
from amplify.showcase.tests.factories import another_judge, marks, showcase_for


def test_it_sets_up_the_default_rubric_once(world: World) -> None:
    # When the rubric is set up twice
    first = services.rubric_create_default(programme=world.leadership, changed_by=world.max)
    again = services.rubric_create_default(programme=world.leadership, changed_by=world.max)
    # Then there is one, with the four default criteria in order
    assert first == again
    assert [c.name for c in first.criteria.all()] == [
        "Learning",
        "Commercial potential",
        "Leadership shown",
        "Boldness",
    ]


def test_it_schedules_one_slot_per_experiment_in_sequence(world: World) -> None:
    # Given the showcase with two experiments
    show = showcase_for(world)
    slots = list(Slot.objects.filter(event=show.event))
    # Then there is a slot each, back to back from the event's start
    assert len(slots) == 2
    assert slots[0].starts_at == show.event.starts_at
    assert slots[1].starts_at == slots[0].ends_at
    # And scheduling again adds nothing
    assert services.slots_generate(event=show.event, changed_by=world.max) == []


def test_it_schedules_home_groups_when_there_are_no_experiments(world: World) -> None:
    from amplify.events.models import Event
    from amplify.events.tests.factories import EventFactory
    from amplify.matching.models import GroupingRun, HomeGroup, RunStatus

    # Given a cohort with a published home group and no experiments
    run = GroupingRun.objects.create(
        cohort=world.leadership_cohort, number=1, status=RunStatus.PUBLISHED
    )
    group = HomeGroup.objects.create(run=run, band="EMEA", number=1, name="EMEA 1")
    group.members.add(world.person(world.lena), world.person(world.leo))
    event = EventFactory(cohort=world.leadership_cohort, kind=Event.Kind.SHOWCASE)
    # When the presentations are scheduled
    [slot] = services.slots_generate(event=event, changed_by=world.max)
    # Then the group presents
    assert slot.home_group == group
    assert slot.ends_at == event.ends_at


def test_it_refuses_a_judge_who_sponsors_the_experiment(world: World) -> None:
    show = showcase_for(world)
    # When Sam, Lena's sponsor, is named to judge Lena
    with pytest.raises(ValidationError) as refused:
        services.judge_assign(
            slot=show.lena_slot, judge=world.person(world.sam), changed_by=world.max
        )
    # Then she is refused, with the reason
    assert "sponsors this experiment" in str(refused.value.message_dict["judge"])


def test_it_refuses_the_marks_of_a_judge_who_became_a_sponsor(world: World) -> None:
    # Given Sam judging Leo, who then asks Sam to sponsor him
    show = showcase_for(world)
    experiment = show.leo_slot.experiment
    experiment.sponsor = world.person(world.sam)
    experiment.save()
    # When Sam scores Leo
    with pytest.raises(ValidationError, match="sponsors this experiment"):
        services.scores_save(
            assignment=show.sam_on_leo, judge=world.person(world.sam), values=marks(show.rubric, 3)
        )
    # Then nothing is saved
    assert not Score.objects.exists()


def test_it_refuses_a_sponsor_of_a_group_members_experiment(world: World) -> None:
    from amplify.events.models import Event
    from amplify.events.tests.factories import EventFactory
    from amplify.experiments.models import Experiment
    from amplify.matching.models import GroupingRun, HomeGroup, RunStatus

    run = GroupingRun.objects.create(
        cohort=world.leadership_cohort, number=1, status=RunStatus.PUBLISHED
    )
    group = HomeGroup.objects.create(run=run, band="EMEA", number=1, name="EMEA 1")
    group.members.add(world.person(world.lena))
    event = EventFactory(cohort=world.leadership_cohort, kind=Event.Kind.SHOWCASE)
    slot = Slot.objects.create(
        event=event,
        home_group=group,
        title="EMEA 1",
        starts_at=event.starts_at,
        ends_at=event.ends_at,
    )
    Experiment.objects.create(
        cohort=world.leadership_cohort,
        owner=world.person(world.lena),
        sponsor=world.person(world.sam),
        title="x",
    )
    with pytest.raises(ValidationError, match="member of this home group"):
        services.judge_assign(slot=slot, judge=world.person(world.sam), changed_by=world.max)


def test_it_saves_a_judges_marks_once_and_lets_her_change_them(world: World) -> None:
    show = showcase_for(world)
    sam = world.person(world.sam)
    # When Sam submits twice (a double click), then changes her mind
    for _ in range(2):
        services.scores_save(assignment=show.sam_on_leo, judge=sam, values=marks(show.rubric, 4))
    assert Score.objects.count() == 4
    services.scores_save(assignment=show.sam_on_leo, judge=sam, values=marks(show.rubric, 2))
    # Then one row per criterion holds her latest marks
    assert set(Score.objects.values_list("value", flat=True)) == {2}
    assert Score.objects.count() == 4


def test_it_names_the_criterion_missing_a_mark(world: World) -> None:
    show = showcase_for(world)
    values = marks(show.rubric, 4)
    boldness = Criterion.objects.get(rubric=show.rubric, name="Boldness")
    values[boldness.pk] = 9
    with pytest.raises(ValidationError) as refused:
        services.scores_save(
            assignment=show.sam_on_leo, judge=world.person(world.sam), values=values
        )
    assert "Boldness" in refused.value.message_dict[f"criterion_{boldness.pk}"][0]
    assert not Score.objects.exists()


def test_it_locks_marks_and_judges_once_published(world: World) -> None:
    show = showcase_for(world)
    sam = world.person(world.sam)
    services.scores_save(assignment=show.sam_on_leo, judge=sam, values=marks(show.rubric, 4))
    # When the manager publishes (and a second tab publishes again)
    services.results_publish(event=show.event, published_by=world.person(world.max))
    with pytest.raises(ValidationError, match="already published"):
        services.results_publish(event=show.event, published_by=world.person(world.max))
    # Then marks and judges no longer change
    with pytest.raises(ValidationError, match="published"):
        services.scores_save(assignment=show.sam_on_leo, judge=sam, values=marks(show.rubric, 1))
    with pytest.raises(ValidationError, match="published"):
        services.judge_assign(slot=show.lena_slot, judge=sam, changed_by=world.max)


def test_it_keeps_the_rubric_while_a_showcase_is_judged(world: World) -> None:
    show = showcase_for(world)
    services.scores_save(
        assignment=show.sam_on_leo, judge=world.person(world.sam), values=marks(show.rubric, 4)
    )
    with pytest.raises(ValidationError, match="being judged"):
        services.criterion_save(rubric=show.rubric, changed_by=world.max, name="Fun")
    # Once published it may change again, but a criterion with marks stays
    services.results_publish(event=show.event, published_by=world.person(world.max))
    services.criterion_save(rubric=show.rubric, changed_by=world.max, name="Fun")
    with pytest.raises(ValidationError, match="rename it"):
        services.criterion_delete(criterion=show.rubric.criteria.first(), changed_by=world.max)


def test_it_ranks_with_judges_normalised(world: World) -> None:
    # Given a harsh judge and a lenient one who both prefer Leo
    show = showcase_for(world)
    _user, jo = another_judge(world)
    harsh = world.person(world.sam)
    services.scores_save(assignment=show.sam_on_leo, judge=harsh, values=marks(show.rubric, 2))
    jo_on_leo = services.judge_assign(slot=show.leo_slot, judge=jo, changed_by=world.max)
    jo_on_lena = services.judge_assign(slot=show.lena_slot, judge=jo, changed_by=world.max)
    services.scores_save(assignment=jo_on_leo, judge=jo, values=marks(show.rubric, 5))
    services.scores_save(assignment=jo_on_lena, judge=jo, values=marks(show.rubric, 4))
    # When the results are read
    found = results.rows(show.event)
    # Then Leo is first, and the progress counts every assignment scored
    assert [r.slot for r in found] == [show.leo_slot, show.lena_slot]
    assert found[0].result.rank == 1
    assert results.progress(show.event).percent == 100


def test_it_auto_names_sponsors_without_conflicts(world: World) -> None:
    show = showcase_for(world)
    another_judge(world)
    services.judges_assign_sponsors(event=show.event, changed_by=world.max, per_slot=2)
    lena_judges = set(show.lena_slot.judges.values_list("judge__user", flat=True))
    assert world.sam.pk not in lena_judges
    assert len(lena_judges) == 1


def test_it_counts_one_audience_vote_per_person(world: World) -> None:
    show = showcase_for(world)
    lena = world.person(world.lena)
    with pytest.raises(ValidationError, match="not open"):
        services.audience_vote_cast(event=show.event, voter=lena, slot=show.leo_slot)
    services.audience_vote_set(event=show.event, is_open=True, changed_by=world.max)
    services.audience_vote_cast(event=show.event, voter=lena, slot=show.leo_slot)
    services.audience_vote_cast(event=show.event, voter=lena, slot=show.lena_slot)
    # A single vote is shown as "fewer than 5"
    assert dict(results.votes(show.event)) == {show.lena_slot: None, show.leo_slot: 0}
