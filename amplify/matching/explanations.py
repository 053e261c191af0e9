""" "Why we matched you", as each person may read it.

A pair's stored score and explanation leave out the private criterion (the background a
mentee asked her mentor to share): said to the mentee, "shares the background you asked
for" tells her something of her mentor's background; said to the mentor, it tells her the
mentee's. So only the mentee reads it, and only if her mentor chose to let her
(MatchProfile.share_background_match_with_mentee). Everyone else, managers included, reads
the explanation without it, and is told that the match also counted private preferences.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.utils.functional import Promise
from django.utils.translation import get_language_info, gettext, gettext_lazy, ngettext
from django.utils.translation import gettext as _

from amplify.accounts.models import User
from amplify.core.matching.profiles import Criterion
from amplify.core.matching.reasons import Reason
from amplify.matching.criteria import LABELS
from amplify.matching.models import ProposedPair
from amplify.matching.vocabulary import JobFamily, Seniority

# Why someone is left out of a run, for each code the engine stores (and the one a
# manager's exclusion stores).
EXCLUDED_BY_MANAGER = "excluded_by_manager"
REASONS: dict[str, str | Promise] = {
    Reason.NO_MENTORS: gettext_lazy("There is no mentor in this run"),
    Reason.LANGUAGE: gettext_lazy("No mentor shares a language with this mentee"),
    Reason.TIME: gettext_lazy(
        "No mentor who shares a language is free at the same time as this mentee"
    ),
    Reason.REPORTING_LINE: gettext_lazy(
        "The only mentors free at the same time are in this mentee's reporting line"
    ),
    Reason.EXCLUDED: gettext_lazy(
        "The only mentors left are marked never to be paired with this mentee"
    ),
    Reason.UNTRAINED: gettext_lazy(
        "Every mentor who could take this mentee lacks the required mentor training"
    ),
    Reason.FULL: gettext_lazy("Every mentor who could take this mentee has no free place"),
    Reason.PLACES_TAKEN: gettext_lazy(
        "Every mentor who could take this mentee went to mentees who fit better"
    ),
    Reason.TRAINING: gettext_lazy("Has not completed the required mentor training"),
    Reason.NO_PLACES: gettext_lazy("Has no free places"),
    EXCLUDED_BY_MANAGER: gettext_lazy("Taken out of this run by a manager"),
}


def set_aside_reason(code: str, mentor: dict[str, Any] | None, required_hours: float) -> str:
    """Why a mentor was set aside, in the reader's language. For the training rule, what
    she lacks: the hours she has of those required, and each screening item missing (from
    her profile in the run's inputs; older runs stored no screening)."""
    if code != Reason.TRAINING or mentor is None:
        return str(REASONS.get(code, code))
    from amplify.training.labels import gap_labels

    parts = []
    hours = float(mentor.get("training_hours") or 0)
    if hours < required_hours:
        parts.append(
            _("%(done)s of %(required)s training hours")
            % {"done": f"{hours:g}", "required": f"{required_hours:g}"}
        )
    parts += gap_labels(list(mentor.get("screening") or []))
    if not parts:
        return str(REASONS[code])
    return _("%(reason)s: %(what)s") % {"reason": REASONS[code], "what": "; ".join(parts)}


# Lazy: read in the language of each request that shows it, not the one active at import.
PRIVATE_NOTE = gettext_lazy(
    "The match also counted private preferences; they are left out of what is shown here."
)

# The groupings of a run's fairness report, by the key the run stores (older runs stored
# the English name, with a space).
FAIRNESS_GROUPINGS: dict[str, Promise] = {
    "country": gettext_lazy("country"),
    "aspired_division": gettext_lazy("aspired division"),
    "gender": gettext_lazy("gender"),
    "socioeconomic_background": gettext_lazy("socioeconomic background"),
}
_OLD_GROUPINGS = {
    "aspired division": "aspired_division",
    "socioeconomic background": "socioeconomic_background",
}


@dataclass(frozen=True)
class Explanation:
    pair: ProposedPair
    score: int
    breakdown: list[dict[str, Any]]
    private_left_out: bool  # the match counted preferences not shown (and not in the score)


def _mentor_agreed(pair: ProposedPair) -> bool:
    try:
        return bool(pair.mentor.match_profile.share_background_match_with_mentee)
    except ObjectDoesNotExist:
        return False


def my_matches(user: User) -> list[Explanation]:
    """The published proposals behind the user's current pairs, each explained as she may
    read it."""
    return [explanation_for(pair, user) for pair in ProposedPair.objects.my_matches(user)]


def explanation_for(pair: ProposedPair, user: User) -> Explanation:
    """The pair's score and explanation as `user` may read them."""
    if pair.private_breakdown and pair.mentee.user_id == user.pk and _mentor_agreed(pair):
        rows = sorted(pair.breakdown + pair.private_breakdown, key=lambda r: -r["score"])
        return Explanation(pair, pair.engine_score, readable(rows), private_left_out=False)
    return Explanation(
        pair, pair.score, readable(pair.breakdown), private_left_out=bool(pair.private_breakdown)
    )


def _language(code: str | None) -> str:
    if not code:
        return "—"
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:  # a language Django has no name for: the name Amplify keeps
        return _language_names().get(code, code)


def _language_names() -> dict[str, str]:
    from amplify.people.models import Language

    return dict(Language.objects.values_list("code", "name"))


def _label(choices: Any, value: Any) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value) if value not in (None, "") else "—"


def describe(row: dict[str, Any]) -> str:
    """One criterion of a pair's score in plain words, in the reader's language: language
    names, seniority in words. Rows stored before runs kept their facts keep their line."""
    facts = row.get("facts")
    if not facts:
        return str(row.get("detail", ""))
    c = Criterion(row["criterion"])
    if c is Criterion.INTERESTS:
        if not facts["shared"]:
            return _("No interests in common")
        return _("In common: %(tags)s") % {"tags": ", ".join(facts["shared"])}
    if c is Criterion.CAREER:
        return _("Would like to work in %(wants)s; the mentor works in %(has)s") % {
            "wants": _label(JobFamily, facts["wants"]),
            "has": _label(JobFamily, facts["has"]),
        }
    if c is Criterion.DIVISION:
        return _("Would like to join %(wants)s; the mentor is in %(has)s") % {
            "wants": facts["wants"] or "—",
            "has": facts["has"] or "—",
        }
    if c is Criterion.LANGUAGE:
        speaks = ", ".join(_language(code) for code in facts["speaks"]) or "—"
        return _("First language %(first)s; the mentor speaks %(speaks)s") % {
            "first": _language(facts["first"]),
            "speaks": speaks,
        }
    if c is Criterion.TIME_ZONE:
        hours = facts["hours_apart"]
        if hours is None:
            return _("A time zone is not known")
        if hours == 0:
            return _("Same time zone")
        return ngettext("%(n)d hour apart", "%(n)d hours apart", hours) % {"n": hours}
    if c is Criterion.LOCATION:
        if not facts["in_person"]:
            return _("At least one of them meets only online")
        if facts["same_country"]:
            return _("Both meet in person, in the same country")
        return _("Both meet in person, in different countries")
    if c is Criterion.AVAILABILITY:
        n = facts["shared_slots"]
        return ngettext(
            "%(n)d free time a week in common", "%(n)d free times a week in common", n
        ) % {"n": n}
    if c is Criterion.SENIORITY:
        return _("The mentor is at %(mentor)s level; the mentee at %(mentee)s level") % {
            "mentor": _label(Seniority, facts["mentor"]).lower(),
            "mentee": _label(Seniority, facts["mentee"]).lower(),
        }
    if c is Criterion.BACKGROUND:
        if not facts["asked"]:
            return _("No preference stated")
        return _("%(met)d of %(asked)d preferences met") % facts
    return str(row.get("detail", ""))


def label(row: dict[str, Any]) -> str:
    """A breakdown row's criterion, named in the reader's language."""
    try:
        return str(LABELS[Criterion(row["criterion"])])
    except (KeyError, ValueError):
        return gettext(str(row.get("label", "")))


def readable(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows of a breakdown, each with its `text` (and `label`) for people to read."""
    return [{**row, "label": label(row), "text": describe(row)} for row in rows]


def fairness_grouping(key: str) -> str:
    """A fairness report's grouping, named in the reader's language."""
    name = FAIRNESS_GROUPINGS.get(_OLD_GROUPINGS.get(key, key))
    return str(name) if name is not None else key


def fairness_value(key: str, value: str | None) -> str | None:
    """A group's value in the reader's language: gender and background are stored as codes
    (older runs stored the English label, shown as it is); a country or division is a name."""
    from amplify.diversity.consented import grouping_value_label

    if value is None:
        return value
    label = grouping_value_label(_OLD_GROUPINGS.get(key, key), value)
    return value if label is None else label


def fairness_groups(result: dict[str, Any]) -> list[tuple[str, list[dict[str, Any]], int]]:
    """(grouping, its groups of five or more with their values in words, how many hidden)."""
    return [
        (
            fairness_grouping(key),
            [
                {**c, "value": fairness_value(key, c["value"])}
                for c in cells
                if c["people"] is not None
            ],
            sum(c["people"] is None for c in cells),
        )
        for key, cells in result.get("fairness", {}).get("groups", {}).items()
        if cells
    ]
