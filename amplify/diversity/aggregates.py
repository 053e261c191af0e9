"""Consented diversity data leaves this app only as counts of groups, each count of fewer
than five people suppressed (amplify.core.privacy): never a person's answer."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from django.db.models import Count, QuerySet

from amplify.core.privacy import suppress
from amplify.diversity.models import DiversityProfile


def consented_gender_counts(person_ids: Iterable[int]) -> tuple[list[tuple[str, int]], bool]:
    """The genders of these people who hold a diversity profile (recorded with their
    consent) and answered ("prefer not to say" and no profile are left out): (label,
    count) of each group of five or more, in the form's order, and whether smaller groups
    exist. A small group is not even named: "one non-binary person" would identify her."""
    # A queryset stays a subquery (the organisation roll-up passes a hundred thousand ids).
    ids = person_ids if isinstance(person_ids, QuerySet) else list(person_ids)
    rows = (
        DiversityProfile.objects.filter(person_id__in=ids)
        .exclude(gender__in=["", DiversityProfile.Gender.DECLINED])
        .values_list("gender")
        .annotate(n=Count("pk"))
        .order_by()
    )
    found = Counter(dict(rows))
    shown = []
    small = False
    for code, label in DiversityProfile.Gender.choices:
        count = suppress(found.get(code, 0))
        if count is None:
            small = True
        elif count:
            shown.append((str(label), count))
    return shown, small
