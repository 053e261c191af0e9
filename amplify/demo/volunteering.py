"""The demo's volunteering mentors and rankings: Positive Influence opens a winter intake
(cohort 9), now being matched. UK staff volunteered to mentor in it: the programme manager
accepted some (enrolled as mentors, their capacity and expertise in their matching
profiles), declined one with a reason and has two still to decide; the demo mentor has
offered to mentor again in cohort 8 (recruiting). Most of cohort 9's mentees ranked their
best-scoring suggested mentors, and some mentors ranked the mentees who ranked them; a
stable run, ready for review, used them."""

from __future__ import annotations

from datetime import timedelta

from faker import Faker

from amplify.accounts.services import user_create
from amplify.core.matching.profiles import DEFAULT_WEIGHTS
from amplify.demo.matching import profiles_for
from amplify.demo.organisation import DEMO_PASSWORD
from amplify.demo.profiles import mentee_profiles
from amplify.demo.programmes import Demo, _enrol_all, _mentees, _months
from amplify.demo.training import prepare_mentors
from amplify.matching import ranking, services
from amplify.people.models import Person
from amplify.people.services import person_link_user
from amplify.programmes.lifecycle import cohort_set_status
from amplify.programmes.models import Cohort, Enrolment, Programme
from amplify.programmes.services import cohort_create
from amplify.volunteering.models import MentorOffer
from amplify.volunteering.services import mentor_offer_decide, mentor_offer_submit

WHY = (
    "Nobody in my family worked in music; a mentor at my first label showed me how the "
    "industry works. I would like to do the same for someone starting out.",
    "I have hired a lot of graduates and I see how much harder it is without contacts. I "
    "can help with CVs, interviews and knowing who to ask.",
    "I mentored in cohort 4 and loved it. My mentee now works in sync licensing.",
    "I want to give back, and to learn from young people how they discover music.",
    "I grew up in Croydon and went to the local comprehensive. I would like to show that "
    "careers like mine are open to people like me.",
    "I run a small team in digital marketing and can offer a real view of the day-to-day.",
    "Our division wants more new talent from different backgrounds; mentoring is where it starts.",
)
DECLINE_REASON = (
    "We have more mentors in A&R than mentees asking for it this time; please volunteer again "
    "for cohort 8 in the spring."
)


def _volunteers(d: Demo, count: int) -> list[Person]:
    """UK staff taking part in no Positive Influence cohort, each given an account."""
    taken = set(
        Enrolment.objects.filter(cohort__programme__slug="positive-influence").values_list(
            "person_id", flat=True
        )
    )
    staff = [
        d.person(e)
        for e in d.company.people.values()
        if e.place.code == "GB"
        and e.level in ("Executive", "Manager", "Senior Manager", "Director")
        and e.employee_id in d.people
    ]
    chosen = [p for p in staff if p.pk not in taken and p.user_id is None][:count]
    for person in chosen:
        user = user_create(email=person.email, password=DEMO_PASSWORD)
        person_link_user(email=person.email, user=user)
    return list(Person.objects.filter(pk__in=[p.pk for p in chosen]).select_related("user"))


def build_volunteering(d: Demo) -> Cohort:
    programme = Programme.objects.get(slug="positive-influence")
    starts = d.today + timedelta(days=35)
    cohort = cohort_create(
        programme=programme,
        name=f"Positive Influence {starts.year} winter intake (cohort 9)",
        number=9,
        starts_on=starts,
        ends_on=_months(starts, 6, -4),
        created_by=d.by,
        description="A smaller winter intake with the partner's waiting list.",
    )
    cohort = cohort_set_status(cohort=cohort, status=Cohort.Status.RECRUITING, changed_by=d.by)
    faker = Faker("en_GB")
    faker.seed_instance(2029)
    mentees = _mentees(d, faker, 8)
    _enrol_all(d, cohort, mentees, Enrolment.Role.MENTEE)
    mentee_profiles(d, mentees)
    profiles_for(d, mentees, role="mentee")

    # Staff volunteer; their free time is in their matching profiles already.
    volunteers = _volunteers(d, len(WHY))
    profiles_for(d, volunteers, role="mentor")
    offers = []
    for person, why in zip(volunteers, WHY, strict=False):
        assert person.user is not None
        tags = list(person.match_profile.tags[:3])
        offers.append(
            mentor_offer_submit(
                cohort=cohort,
                person=person,
                why=why,
                tags=tags,
                capacity=d.rng.choice([1, 1, 2, 3]),
                submitted_by=person.user,
            )
        )
    for offer in offers[:4]:
        mentor_offer_decide(offer=offer, action="accept", decided_by=d.by, notify=False)
    if len(offers) > 4:
        mentor_offer_decide(
            offer=offers[4],
            action="decline",
            decided_by=d.by,
            reason=DECLINE_REASON,
            notify=False,
        )
    # The demo mentor offers to come back for cohort 8 (recruiting): pending.
    mentor = d.demo["mentor"]
    if mentor.user is not None:
        mentor_offer_submit(
            cohort=programme.cohorts.get(number=8),
            person=mentor,
            why="I mentored in cohort 7 and would like to mentor again.",
            tags=list(mentor.match_profile.tags[:3]),
            capacity=2,
            submitted_by=mentor.user,
        )
    cohort = cohort_set_status(cohort=cohort, status=Cohort.Status.MATCHING, changed_by=d.by)

    # Six of the eight mentees rank their best-scoring suggestions; mentors rank back.
    for mentee in mentees[:6]:
        suggested = [c.person.pk for c in ranking.mentor_suggestions(cohort, mentee)]
        if not suggested:
            continue
        picks = suggested[: d.rng.randint(2, min(5, len(suggested)))]
        if len(picks) > 2 and d.rng.random() < 0.5:
            picks[0], picks[1] = picks[1], picks[0]  # not always the top score first
        ranking.ranking_save(cohort=cohort, person=mentee, ranked=picks, changed_by=d.by)
    accepted = MentorOffer.objects.filter(cohort=cohort, status="accepted").select_related("person")
    for offer in list(accepted)[:3]:
        who = [c.person.pk for c in ranking.mentees_who_ranked(cohort, offer.person)]
        if who:
            d.rng.shuffle(who)
            ranking.ranking_save(cohort=cohort, person=offer.person, ranked=who, changed_by=d.by)
    # A stable run for the manager to review, using those rankings. The mentors are screened
    # (a couple not yet, and set aside for it); their training hours are still to come: this
    # preview waives the hours (a real run before publishing would not).
    prepare_mentors(
        d,
        cohort,
        list(
            Person.objects.filter(
                enrolments__cohort=cohort, enrolments__role=Enrolment.Role.MENTOR
            ).order_by("pk")
        ),
    )
    run = services.matching_run_start(
        cohort=cohort,
        created_by=d.by,
        weights={c.value: w for c, w in DEFAULT_WEIGHTS.items()},
        mode="stable",
        required_training_hours=0,
        queue=False,
    )
    services.matching_run_execute(run=run)
    return cohort
