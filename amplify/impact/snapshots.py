"""Published reports: a snapshot stores every figure exactly as published (its value, n,
interval, suppression and trace) and the indicator definitions it used, under the next
version number of its scope, so a figure quoted last year can be reproduced and compared
with today's recomputation.

Each scope has a payload builder: `cohort_payload` and `programme_payload` here; the
organisation's comes from the roll-up (`amplify.impact.rollup.organisation_payload`) and can
be passed in as `payload=`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from amplify.accounts.models import User
from amplify.impact.compute import applicable, indicator_figure
from amplify.impact.figures import Figure
from amplify.impact.models import Indicator, Scope, Snapshot
from amplify.programmes.models import Cohort, Programme

Payload = dict[str, Any]
NOTE_MAX = 300


def _definitions(indicators: list[Indicator]) -> list[dict[str, Any]]:
    return [
        {"key": i.key, "name": i.name, "definition": i.definition, "kind": str(i.kind)}
        for i in indicators
    ]


def cohort_payload(cohort: Cohort) -> Payload:
    """Every applicable indicator's figure for the cohort, with the definitions used."""
    found = list(applicable(cohort).select_related("item"))
    return {
        "figures": [indicator_figure(i, cohorts=[cohort]).as_dict() for i in found],
        "indicators": _definitions(found),
        "computed_at": timezone.now().isoformat(),
    }


def programme_payload(programme: Programme) -> Payload:
    """Each indicator of the programme's kind across all its cohorts, and per cohort."""
    from django.db.models import Q

    found = list(
        Indicator.objects.filter(active=True)
        .filter(Q(programme_kind="") | Q(programme_kind=programme.kind))
        .select_related("item")
    )
    cohorts = list(Cohort.objects.filter(programme=programme).order_by("starts_on", "pk"))
    return {
        "figures": [indicator_figure(i, cohorts=cohorts).as_dict() for i in found],
        "by_cohort": {
            str(c.pk): [indicator_figure(i, cohorts=[c]).as_dict() for i in found] for c in cohorts
        },
        "indicators": _definitions(found),
        "computed_at": timezone.now().isoformat(),
    }


def _scope_title(scope: str, cohort: Cohort | None, programme: Programme | None) -> str:
    if scope == Scope.COHORT and cohort is not None:
        return _("Impact report: %(name)s") % {"name": cohort.name}
    if scope == Scope.PROGRAMME and programme is not None:
        return _("Impact report: %(name)s") % {"name": programme.name}
    return _("Organisation impact report")


def _organisation_payload() -> Payload:
    # The roll-up's builder (amplify.impact.rollup, the organisation work), when present.
    import importlib

    try:
        rollup: Any = importlib.import_module("amplify.impact.rollup")
    except ImportError:
        rollup = None
    builder = getattr(rollup, "organisation_payload", None)
    if builder is None:
        raise ValidationError(_("The organisation report cannot be published yet."))
    result: Payload = builder()
    return result


@transaction.atomic
def snapshot_publish(
    *,
    scope: str,
    by: User,
    cohort: Cohort | None = None,
    programme: Programme | None = None,
    note: str = "",
    payload: Callable[[], Payload] | None = None,
) -> Snapshot:
    """Store the report as it stands now under the scope's next version. The scope's row
    (the cohort, the programme) is locked first, so two publishes at once get versions n
    and n + 1; the unique constraint backs this for the organisation scope."""
    note = note.strip()
    if len(note) > NOTE_MAX:
        raise ValidationError({"note": _("Keep the note under 300 characters.")})
    if scope == Scope.COHORT:
        if cohort is None:
            raise ValidationError(_("Choose the cohort to publish."))
        cohort = Cohort.objects.select_for_update().select_related("programme").get(pk=cohort.pk)
        programme = None
        build = payload or (lambda: cohort_payload(cohort))  # type: ignore[arg-type]
    elif scope == Scope.PROGRAMME:
        if programme is None:
            raise ValidationError(_("Choose the programme to publish."))
        programme = Programme.objects.select_for_update().get(pk=programme.pk)
        cohort = None
        build = payload or (lambda: programme_payload(programme))  # type: ignore[arg-type]
    elif scope == Scope.ORGANISATION:
        cohort = programme = None
        # No row stands for the organisation: lock its published versions instead.
        list(Snapshot.objects.select_for_update().filter(scope=scope).values_list("pk"))
        build = payload or _organisation_payload
    else:
        raise ValidationError(_("Unknown report scope."))
    latest = Snapshot.objects.filter(scope=scope, cohort=cohort, programme=programme).aggregate(
        v=Max("version")
    )["v"]
    return Snapshot.objects.create(
        scope=scope,
        cohort=cohort,
        programme=programme,
        version=(latest or 0) + 1,
        title=_scope_title(scope, cohort, programme),
        note=note,
        payload=build(),
        published_by=by,
    )


# ---------- Compare with today ----------


@dataclass(frozen=True)
class Comparison:
    key: str
    name: str
    published: dict[str, Any]
    now: Figure | None  # None: the indicator is no longer in the library
    definition_changed: bool

    @property
    def difference(self) -> float | None:
        then = self.published.get("value")
        if self.now is None or self.now.value is None or then is None:
            return None
        return float(self.now.value) - float(then)


def _scope_cohorts(snapshot: Snapshot) -> Any:
    if snapshot.scope == Scope.COHORT:
        return [snapshot.cohort]
    if snapshot.scope == Scope.PROGRAMME:
        return list(Cohort.objects.filter(programme=snapshot.programme_id))
    return Cohort.objects.all()


def snapshot_compare(snapshot: Snapshot) -> list[Comparison]:
    """Each figure of the top level as published next to the same indicator recomputed now
    over the same cohorts and filters."""
    published = list(snapshot.payload.get("figures", []))
    keys = [f.get("key") for f in published]
    indicators = {i.key: i for i in Indicator.objects.filter(key__in=keys).select_related("item")}
    cohorts = _scope_cohorts(snapshot)
    out = []
    for then in published:
        indicator = indicators.get(then.get("key", ""))
        now = None
        if indicator is not None:
            filters = (then.get("trace") or {}).get("filters") or {}
            now = indicator_figure(indicator, cohorts=cohorts, filters=filters)
        out.append(
            Comparison(
                key=then.get("key", ""),
                name=then.get("name", ""),
                published=then,
                now=now,
                definition_changed=indicator is not None
                and indicator.definition != then.get("definition"),
            )
        )
    return out
