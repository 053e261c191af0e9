"""A mentee's and a mentor's ranking pages for the stable mode (amplify.matching.ranking)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from amplify.accounts.access import AuthedRequest, permission
from amplify.core.matching.preferences import MAX_MENTEE_RANKS
from amplify.matching import ranking
from amplify.matching.models import Ranking
from amplify.people.models import Person
from amplify.programmes.models import Cohort, Enrolment, Programme


def _rankable(person: Person) -> Any:
    """Her mentoring cohorts where rankings are open."""
    return (
        Cohort.objects.filter(
            enrolments__person=person,
            enrolments__status=Enrolment.Status.ACTIVE,
            enrolments__role__in=[Enrolment.Role.MENTEE, Enrolment.Role.MENTOR],
            status__in=ranking.RANKING_STATUSES,
            programme__kind=Programme.Kind.MENTORING,
        )
        .select_related("programme")
        .distinct()
        .order_by("-starts_on", "pk")
    )


def parse_positions(post: Any, allowed: list[int]) -> list[int]:
    """The ids in the order of the places chosen (`rank_<id>` = 1, 2, ...); blank: unranked."""
    chosen: dict[int, int] = {}
    for pk in allowed:
        value = (post.get(f"rank_{pk}") or "").strip()
        if not value:
            continue
        if not value.isdigit() or int(value) < 1:
            raise ValidationError({"ranked": _("Choose a place from the list.")})
        if int(value) in chosen:
            raise ValidationError({"ranked": _("Give each place to one person only.")})
        chosen[int(value)] = pk
    return [chosen[k] for k in sorted(chosen)]


@permission("matching.keep_own_profile")
def rankings(request: AuthedRequest) -> HttpResponse:
    person = get_object_or_404(Person, user=request.user)
    return render(request, "matching/rankings.html", {"cohorts": list(_rankable(person))})


@permission("matching.keep_own_profile")
def ranking_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(Person, user=request.user)
    cohort = get_object_or_404(_rankable(person), pk=pk)
    side = ranking.side_of(cohort, person)
    if side is None:
        raise Http404
    candidates = ranking.candidates(cohort, person, side)
    current = ranking.current_ranking(cohort, person)
    error = ""
    if request.method == "POST":
        try:
            ordered = parse_positions(request.POST, [c.person.pk for c in candidates])
            ranking.ranking_save(
                cohort=cohort, person=person, ranked=ordered, changed_by=request.user
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, _("Your ranking is saved."))
            return redirect("matching:ranking", cohort.pk)
    place = {pk: i for i, pk in enumerate(current, start=1)}
    most = MAX_MENTEE_RANKS if side == Ranking.Side.MENTEE else max(1, len(candidates))
    context = {
        "cohort": cohort,
        "side": side,
        "is_mentee": side == Ranking.Side.MENTEE,
        "rows": [(c, place.get(c.person.pk)) for c in candidates],
        "places": list(range(1, most + 1)),
        "most": most,
        "error": error,
    }
    return render(request, "matching/ranking_edit.html", context)
