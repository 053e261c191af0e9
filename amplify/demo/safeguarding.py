"""The demo's safeguarding: Positive Influence names its lead (the "safeguarding" login) and
a deputy (the coach, an HR business partner); two concerns in the running cohort, one of
them acted on, one (raised by the outreach partner) past its same-day deadline with no
answer yet; and the demo mentor has
written to her mentee through Amplify."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from amplify.demo.programmes import Demo
from amplify.programmes.models import Pairing, Programme
from amplify.safeguarding.models import Concern
from amplify.safeguarding.services import (
    concern_act,
    concern_raise,
    pair_message_send,
    pair_sharing_set,
    safeguarding_team_set,
)


def build_safeguarding(d: Demo) -> list[Concern]:
    programme = Programme.objects.get(slug="positive-influence")
    lead, deputy = d.demo["safeguarding"], d.demo["coach"]
    safeguarding_team_set(programme=programme, lead=lead, deputy=deputy, changed_by=d.by)
    now = timezone.now()
    running = Pairing.objects.current().filter(cohort__programme=programme).order_by("pk")
    own = running.get(mentor=d.demo["mentor"], mentee=d.demo["mentee"])
    other = running.exclude(pk=own.pk).first()
    assert own.mentor.user is not None
    concerns = []
    # The demo mentor's concern about her mentee, three days ago: the lead acted on it.
    first = concern_raise(
        about=own.mentee,
        raised_by=own.mentor.user,
        what_happened=(
            "At our meeting Jade said she has been missing meals because money at home is "
            "very tight, and that she sometimes cannot pay the bus fare to college."
        ),
        exact_words="Most weeks there's nothing left by Thursday.",
        who_was_involved="Jade and me (her mentor), at the Sony Music UK office.",
        happened_on=(now - timedelta(days=3)).date(),
        urgency="within_24_hours",
        now=now - timedelta(days=3),
    )
    lead_user = lead.user
    assert lead_user is not None
    concern_act(
        concern=first,
        by=lead_user,
        note="Called Jade's mentor to thank her and agree next steps.",
        status="acknowledged",
        now=now - timedelta(days=3) + timedelta(hours=2),
    )
    concern_act(
        concern=first,
        by=lead_user,
        note=(
            "Spoke with Jade: referred her, with her agreement, to the partner's hardship fund "
            "and the college's bursary team."
        ),
        status="in_progress",
        now=now - timedelta(days=2),
    )
    concerns.append(first)
    # A same-day concern the outreach partner raised yesterday about a young person it
    # referred, that nobody has answered yet: overdue.
    partner = d.demo["partner"].user
    if other is not None and partner is not None:
        concerns.append(
            concern_raise(
                about=other.mentee,
                raised_by=partner,
                what_happened=(
                    "On the phone she told our youth worker that an older man she met online "
                    "has offered her paid 'modelling work' and asked her to keep it a secret."
                ),
                exact_words="He said not to tell anyone yet or the offer goes away.",
                who_was_involved="The young person; our youth worker; a man met online.",
                # The day of the moment it was raised: in the first two hours after
                # midnight, yesterday's date is later than that moment, and the service
                # refuses a day in the future.
                happened_on=(now - timedelta(days=1, hours=2)).date(),
                urgency="same_day",
                now=now - timedelta(days=1, hours=2),
            )
        )
    # Contact through Amplify: the mentor shares her details (her mentee has not, so none
    # are shown yet) and has written to her mentee.
    pair_sharing_set(pairing=own, person=own.mentor, shares_details=True, phone="+44 20 7946 0000")
    pair_message_send(
        pairing=own,
        sender=own.mentor,
        body="Thanks for today, Jade. Same time in two weeks?",
        now=now - timedelta(days=3),
    )
    return concerns
