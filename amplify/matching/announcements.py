"""Telling both people of a newly published pair, by email. People hear about their pairs
only while their cohort announces pairs (`Cohort.announces_pairs`, the one rule): a pair
published in a cohort still being set up is held, and its announcement goes when the cohort
moves to a status that announces pairs."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext as _

from amplify.home.locale import supported_language
from amplify.home.notifications import notification_send
from amplify.home.siteurls import site_url
from amplify.matching.models import ProposedPair, RunStatus
from amplify.programmes.models import Cohort


def announcing_statuses() -> str:
    """The statuses that announce pairs, for messages: "matching, running"."""
    return ", ".join(
        str(status.label).lower() for status in Cohort.Status if status in Cohort.ANNOUNCES_PAIRS
    )


def pair_link(proposal: ProposedPair) -> str:
    """The page a person reads about her pair: why they were matched, at that pair."""
    return site_url(reverse("matching:my-match")) + f"#pair-{proposal.pk}"


def pairs_announce(
    *, cohort: Cohort, proposals: Iterable[ProposedPair], undelivered: list[str] | None = None
) -> None:
    """Inside the transaction that published the pairs: send their emails once it commits,
    or hold them if the cohort does not announce pairs yet."""
    proposals = list(proposals)
    if not cohort.announces_pairs:
        ProposedPair.objects.filter(pk__in=[p.pk for p in proposals]).update(announcement_held=True)
        return
    for proposal in proposals:
        transaction.on_commit(lambda p=proposal: _send(p, undelivered))  # type: ignore[misc]


def cohort_pairs_announce_held(*, cohort: Cohort, undelivered: list[str] | None = None) -> int:
    """Send the held announcements of a cohort that now announces pairs (once the status
    change commits), for the pairs still active. Returns how many pairs are announced."""
    if not cohort.announces_pairs:
        return 0
    held = ProposedPair.objects.select_for_update().filter(
        run__cohort=cohort, announcement_held=True
    )
    proposals = list(
        held.filter(
            run__status=RunStatus.PUBLISHED,
            pairing__isnull=False,
            pairing__ended_on__isnull=True,
        )
    )
    # An ended pair or a run undone since is not announced, now or later.
    held.update(announcement_held=False)
    for proposal in proposals:
        transaction.on_commit(lambda p=proposal: _send(p, undelivered))  # type: ignore[misc]
    return len(proposals)


def on_cohort_status_changed(
    sender: Any, *, cohort: Cohort, undelivered: list[str] | None, **kwargs: Any
) -> None:
    cohort_pairs_announce_held(cohort=cohort, undelivered=undelivered)


def _send(proposal: ProposedPair, undelivered: list[str] | None) -> None:
    proposal = ProposedPair.objects.select_related("run__cohort", "mentor", "mentee").get(
        pk=proposal.pk
    )
    cohort = proposal.run.cohort
    mentoring = proposal.run.kind == "mentoring"
    link = pair_link(proposal)
    for person, other, is_giver in (
        (proposal.mentor, proposal.mentee, True),
        (proposal.mentee, proposal.mentor, False),
    ):
        # Each email in its reader's language (her profile's), not the publisher's.
        with translation.override(supported_language(person.interface_language) or None):
            if mentoring:
                role = _("mentee") if is_giver else _("mentor")
            else:
                role = _("coachee") if is_giver else _("coach")
            top = ", ".join(
                gettext(c["label"]).lower() for c in proposal.breakdown[:3] if c["score"]
            )
            names = {"name": person.display_name, "other": other.display_name, "role": role}
            names |= {"cohort": cohort.name, "top": top, "link": link}
            body = _("Hello %(name)s,\n\n%(other)s is your %(role)s in %(cohort)s.") % names
            if top:
                body += " " + _("You were matched for: %(top)s.") % names
            body += "\n\n" + _("See why, and plan your first meeting: %(link)s") % names + "\n"
            subject = _("Your %(role)s in %(cohort)s: %(other)s") % names
        sent = notification_send(
            subject=subject,
            body=body,
            to=person.email,
            about=f"match notification to person {person.pk} (run {proposal.run_id})",
        )
        if not sent and undelivered is not None:
            undelivered.append(person.display_name)
