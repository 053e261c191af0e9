"""Everything Amplify holds about one person, as JSON and CSV files in a ZIP (UK GDPR
arts. 15 and 20).

`collect()` reads it all into memory: one person's data is small and bounded (her own rows,
her rows of the imports that named her). `stream()` then writes the ZIP chunk by chunk, so
the response starts at once and the archive is never held whole.

Other people appear only as they already appear to her: the people she is paired with, by
name. Proposals from runs that were not published name nobody else, and explanations leave
out the background criterion (it would tell her about the other person's background).
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q

from amplify.accounts.models import ApiToken, User
from amplify.events.models import Rsvp
from amplify.matching.models import (
    GroupingRun,
    GroupRule,
    MatchingRun,
    MatchProfile,
    PairRule,
    ProposedPair,
    RunStatus,
)
from amplify.outcomes.models import Outcome
from amplify.people.models import PeopleImport, Person
from amplify.privacy import imports, leadership
from amplify.privacy.erasure import diversity_services
from amplify.privacy.identifiers import Identifiers, identifiers_of
from amplify.programmes.models import Enrolment, Pairing

# Snapshot fields derived from diversity data: shown only where diversity data may be.
DIVERSITY_SNAPSHOT_FIELDS = {"attributes", "wants", "gender"}
BACKGROUND_CRITERION = "background"


@dataclass
class Export:
    person_id: int
    made_at: datetime
    made_by_self: bool
    with_diversity: bool
    sections: dict[str, Any] = field(default_factory=dict)
    # Extra CSV files: path -> (header, rows).
    tables: dict[str, tuple[list[str], list[list[Any]]]] = field(default_factory=dict)

    @property
    def filename(self) -> str:
        return f"amplify-data-{self.person_id}-{self.made_at:%Y%m%d}.zip"


def _plain(obj: models.Model, exclude: frozenset[str] = frozenset()) -> dict[str, Any]:
    return {
        f.attname: getattr(obj, f.attname)
        for f in obj._meta.concrete_fields
        if f.attname not in exclude
    }


def _history(
    history: models.QuerySet[Any], user_id: int | None, exclude: frozenset[str] = frozenset()
) -> list[dict[str, Any]]:
    rows = []
    for record in history.order_by("history_date", "history_id"):
        # Who the staff were stays out of a person's export, as their account ids do.
        hidden = frozenset({"history_id", "history_user_id", "history_actor"})
        row = _plain(record, hidden | exclude)
        if record.history_user_id is None and not getattr(record, "history_actor", ""):
            row["changed_by"] = "system"
        elif record.history_user_id == user_id:
            row["changed_by"] = "you"
        else:
            row["changed_by"] = "staff"
        rows.append(row)
    return rows


def _profile(person: Person) -> dict[str, Any]:
    return {
        **_plain(person, frozenset({"user_id"})),
        "country_name": person.country.name if person.country else None,
        "division_name": person.division.name if person.division else None,
        "manager_name": person.manager.display_name if person.manager else None,
        "partner_name": person.partner.name if person.partner else None,
        "referred_by_name": person.referred_by.name if person.referred_by else None,
    }


def _account(user: User) -> dict[str, Any]:
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator
    from allauth.socialaccount.models import SocialAccount

    return {
        "email": user.email,
        "role": user.role,
        "is_active": user.is_active,
        "is_administrator": user.is_superuser,
        "admin_access": user.is_staff,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
        "email_addresses": list(
            EmailAddress.objects.filter(user=user).values("email", "verified", "primary")
        ),
        # The kind of second factor and when it was set up; never its secret.
        "second_factors": list(
            Authenticator.objects.filter(user=user).values("type", "created_at", "last_used_at")
        ),
        "single_sign_on": list(
            SocialAccount.objects.filter(user=user).values("provider", "uid", "date_joined")
        ),
        "api_tokens": list(
            ApiToken.objects.filter(user=user).values(
                "name", "prefix", "created_at", "expires_at", "last_used_at", "revoked_at"
            )
        ),
    }


def _enrolments(person: Person) -> list[dict[str, Any]]:
    return [
        {
            "id": e.pk,
            "programme": e.cohort.programme.name,
            "cohort": e.cohort.name,
            "cohort_id": e.cohort_id,
            "role": e.role,
            "status": e.status,
            "enrolled_at": e.enrolled_at,
            "ended_at": e.ended_at,
            "note": e.note,
        }
        for e in Enrolment.objects.filter(person=person).select_related("cohort__programme")
    ]


def _pairings(person: Person) -> list[dict[str, Any]]:
    out = []
    pairs = Pairing.objects.filter(Q(mentor=person) | Q(mentee=person)).select_related(
        "cohort", "mentor", "mentee"
    )
    for p in pairs.order_by("started_on", "pk"):
        mine = "mentor" if p.mentor_id == person.pk else "mentee"
        other = p.mentee if mine == "mentor" else p.mentor
        out.append(
            {
                "id": p.pk,
                "cohort": p.cohort.name,
                "kind": p.kind,
                "your_side": mine if p.kind == Pairing.Kind.MENTORING else f"coaching {mine}",
                "with": other.display_name,
                "started_on": p.started_on,
                "ended_on": p.ended_on,
            }
        )
    return out


def _events(person: Person) -> list[dict[str, Any]]:
    return [
        {
            "event": r.event.title,
            "cohort": r.event.cohort.name,
            "starts_at": r.event.starts_at,
            "response": r.response,
            "responded_at": r.responded_at,
            "attended": r.attended,
        }
        for r in Rsvp.objects.filter(person=person)
        .select_related("event__cohort")
        .order_by("event__starts_at", "pk")
    ]


def _matching_profile(person: Person) -> dict[str, Any] | None:
    profile = MatchProfile.objects.filter(person=person).select_related("aspired_division").first()
    if profile is None:
        return None
    return {
        **_plain(profile, frozenset({"id", "person_id", "aspired_division_id"})),
        "aspired_division": profile.aspired_division.name if profile.aspired_division else None,
    }


def _proposals(person: Person) -> list[dict[str, Any]]:
    out = []
    pairs = (
        ProposedPair.objects.filter(Q(mentor=person) | Q(mentee=person))
        .select_related("run__cohort", "mentor", "mentee")
        .order_by("run__created_at", "pk")
    )
    for p in pairs:
        mine = "mentor" if p.mentor_id == person.pk else "mentee"
        other = p.mentee if mine == "mentor" else p.mentor
        published = p.run.status == RunStatus.PUBLISHED
        out.append(
            {
                "run": p.run.number,
                "cohort": p.run.cohort.name,
                "run_status": p.run.status,
                "run_created_at": p.run.created_at,
                "your_side": mine,
                "with": other.display_name if published else None,
                "score": p.score,
                "locked": p.locked,
                "breakdown": [
                    row for row in p.breakdown if row.get("criterion") != BACKGROUND_CRITERION
                ],
            }
        )
    return out


def _without_diversity(entry: dict[str, Any]) -> dict[str, Any]:
    shown = {k: v for k, v in entry.items() if k not in DIVERSITY_SNAPSHOT_FIELDS}
    attributes = entry.get("attributes")
    if isinstance(attributes, dict):  # a grouping run's member: gender among the rest
        shown["attributes"] = {
            k: v for k, v in attributes.items() if k not in DIVERSITY_SNAPSHOT_FIELDS
        }
    return shown


def _snapshots(person: Person, *, with_diversity: bool) -> list[dict[str, Any]]:
    """Her entry in the inputs of each run that included her."""
    key = str(person.pk)
    cohorts = Enrolment.objects.filter(person=person).values("cohort_id")
    out = []
    for model, sides in ((MatchingRun, ("mentors", "mentees")), (GroupingRun, ("members",))):
        runs = model.objects.filter(cohort_id__in=cohorts).select_related("cohort")
        for run in runs.order_by("created_at", "pk"):
            for side in sides:
                for entry in run.inputs.get(side) or []:
                    if not isinstance(entry, dict) or str(entry.get("key")) != key:
                        continue
                    shown = dict(entry)
                    if not with_diversity:
                        shown = _without_diversity(shown)
                    out.append(
                        {
                            "run": str(run),
                            "cohort": run.cohort.name,
                            "created_at": run.created_at,
                            "as": side.rstrip("s"),
                            "snapshot": shown,
                        }
                    )
    return out


def _groups(person: Person) -> list[dict[str, Any]]:
    return [
        {"group": g.name, "run": str(g.run), "cohort": g.run.cohort.name, "status": g.run.status}
        for g in person.home_groups.select_related("run__cohort").order_by("run__created_at")
    ]


def _rules(person: Person) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for rule in PairRule.objects.filter(Q(mentor=person) | Q(mentee=person)).select_related(
        "cohort"
    ):
        out.append(
            {
                "kind": f"pair: {rule.get_kind_display()}",
                "cohort": rule.cohort.name,
                "note": rule.note,
                "created_at": rule.created_at,
            }
        )
    for group_rule in GroupRule.objects.filter(Q(first=person) | Q(second=person)).select_related(
        "cohort"
    ):
        out.append(
            {
                "kind": f"home group: {group_rule.get_kind_display()}",
                "cohort": group_rule.cohort.name,
                "note": "",
                "created_at": group_rule.created_at,
            }
        )
    return out


def _imports(ids: Identifiers, export: Export) -> list[dict[str, Any]]:
    out = []
    for pk in PeopleImport.objects.order_by("pk").values_list("pk", flat=True):
        job = PeopleImport.objects.get(pk=pk)  # one at a time: files can be large
        found = imports.find(job, ids)
        theirs = sorted(found.theirs) if found else []
        preview = [
            entry
            for entry in job.preview or []
            if entry.get("row") in theirs or str(entry.get("employee_id", "")) in ids.employee_ids
        ]
        unreadable = bool(found and found.unreadable)
        if not theirs and not preview and not unreadable:
            continue
        rows: list[dict[str, Any]] = []
        if found and theirs:
            export.tables[f"imports/import-{job.pk}.csv"] = (
                ["row", *found.headers],
                [[n, *found.rows[n]] for n in theirs],
            )
            rows = [
                {"row": n, **dict(zip(found.headers, found.rows[n], strict=False))} for n in theirs
            ]
        out.append(
            {
                "import_id": job.pk,
                "filename": job.filename,
                "uploaded_at": job.created_at,
                "status": job.status,
                "rows": rows,
                "preview": preview,
                "errors": [e for e in job.errors or [] if e.get("row") in theirs],
                "note": "The file cannot be read as a table, but it holds your email address "
                "or employee id."
                if unreadable
                else "",
            }
        )
    return out


def collect(*, person: Person, made_by: User, now: datetime) -> Export:
    """Read everything held about the person. Diversity data is included when she asks for
    it herself or an impact admin produces the export (administrators never see it)."""
    user = person.user
    made_by_self = user is not None and user.pk == made_by.pk
    export = Export(
        person_id=person.pk,
        made_at=now,
        made_by_self=made_by_self,
        with_diversity=made_by_self or made_by.is_impact_admin,
    )
    uid = user.pk if user else None
    pairs = Q(mentor_id=person.pk) | Q(mentee_id=person.pk)
    s = export.sections
    s["profile"] = _profile(person)
    s["account"] = _account(user) if user else None
    s["enrolments"] = _enrolments(person)
    s["pairings"] = _pairings(person)
    s["events"] = _events(person)
    s["matching_profile"] = _matching_profile(person)
    s["proposals"] = _proposals(person)
    s["run_inputs"] = _snapshots(person, with_diversity=export.with_diversity)
    s["home_groups"] = _groups(person)
    s["rules"] = _rules(person)
    s["imports"] = _imports(identifiers_of(person), export)
    s["outcomes"] = [
        _plain(o, frozenset({"evidence_file"}))
        for o in Outcome.objects.filter(person=person).order_by("pk")
    ]
    s.update(leadership.sections(person, by_herself=made_by_self))
    s["history"] = {
        "profile": _history(Person.history.filter(id=person.pk), uid),
        "account": _history(User.history.filter(id=uid), uid) if uid else [],
        "enrolments": _history(Enrolment.history.filter(person_id=person.pk), uid),
        "pairings": _history(Pairing.history.filter(pairs), uid),
        "events": _history(Rsvp.history.filter(person_id=person.pk), uid),
        "matching_profile": _history(MatchProfile.history.filter(person_id=person.pk), uid),
    }
    s["diversity"] = (
        diversity_services().diversity_export_for_person(person_id=person.pk)
        if export.with_diversity
        else None
    )
    return export


README = """Your data in Amplify
====================

Made on {made_at:%Y-%m-%d %H:%M} UTC for person #{person_id}, {by}.

data.json holds everything; each list is also a CSV file of the same name, and each
history table is under history/. Rows of HR imports that named you are under imports/.
{diversity}
Amplify keeps no copy of this file. To ask for your data to be erased, use "Your data" in
Amplify.
"""


def _csv(header: list[str], rows: list[list[Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow(
            [json.dumps(v, cls=DjangoJSONEncoder) if isinstance(v, dict | list) else v for v in row]
        )
    return out.getvalue().encode("utf-8")


def _dict_rows(rows: list[dict[str, Any]]) -> tuple[list[str], list[list[Any]]]:
    header: list[str] = []
    for row in rows:
        header += [k for k in row if k not in header]
    return header, [[row.get(k) for k in header] for row in rows]


def files(export: Export) -> Iterator[tuple[str, bytes]]:
    """(path, content) of every file in the archive."""
    by = "at your request" if export.made_by_self else "by Amplify staff on your request"
    diversity = (
        "\ndiversity.json holds your diversity and socioeconomic profile.\n"
        if export.with_diversity
        else "\nYour diversity profile is not in this copy: only you or an impact admin may "
        "download it.\n"
    )
    yield (
        "README.txt",
        README.format(
            made_at=export.made_at, person_id=export.person_id, by=by, diversity=diversity
        ).encode(),
    )
    yield "data.json", json.dumps(export.sections, cls=DjangoJSONEncoder, indent=2).encode()
    s = export.sections
    for name, value in s.items():
        if name in ("history", "diversity"):
            continue
        rows = [value] if isinstance(value, dict) else value
        if rows:
            yield f"{name}.csv", _csv(*_dict_rows(rows))
    for name, rows in s["history"].items():
        if rows:
            yield f"history/{name}.csv", _csv(*_dict_rows(rows))
    for path, (header, table_rows) in export.tables.items():
        yield path, _csv(header, table_rows)
    if s.get("diversity") is not None:
        yield "diversity.json", json.dumps(s["diversity"], cls=DjangoJSONEncoder).encode()


class _Sink(io.RawIOBase):
    """A write-only stream that hands over what was written since the last call."""

    def __init__(self) -> None:
        self._chunks: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        self._chunks.append(bytes(data))
        return len(data)

    def take(self) -> bytes:
        out = b"".join(self._chunks)
        self._chunks.clear()
        return out


def stream(export: Export) -> Iterator[bytes]:
    """The ZIP, a file at a time (zipfile writes data descriptors to an unseekable sink)."""
    sink = _Sink()
    with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path, content in files(export):
            info = zipfile.ZipInfo(path, date_time=export.made_at.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, content)
            yield sink.take()
    yield sink.take()
