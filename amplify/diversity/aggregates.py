"""Consented diversity data leaves this app only as counts of groups, each count of fewer
than five people suppressed (amplify.core.privacy): never a person's answer."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from django.db.models import Count

from amplify.core.privacy import suppress
from amplify.diversity.models import DiversityProfile


def consented_gender_counts(person_ids: Iterable[int]) -> list[tuple[str, str, int | None]]:
    """(code, label, count or None for "fewer than 5") of the genders of these people who
    hold a diversity profile (recorded with their consent) and answered; "prefer not to
    say" and no profile are left out. Every gender is listed, in the form's order, so an
    absent group and a suppressed one look alike only when both are small."""
    rows = (
        DiversityProfile.objects.filter(person_id__in=list(person_ids))
        .exclude(gender__in=["", DiversityProfile.Gender.DECLINED])
        .values_list("gender")
        .annotate(n=Count("pk"))
        .order_by()
    )
    found = Counter(dict(rows))
    return [
        (code, str(label), suppress(found.get(code, 0)))
        for code, label in DiversityProfile.Gender.choices
        if code != DiversityProfile.Gender.DECLINED
    ]
