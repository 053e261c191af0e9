"""Building the whole demo organisation: the company, its programmes, and the demo logins."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from amplify.accounts.models import User
from amplify.accounts.services import user_create
from amplify.demo.applications import build_applications
from amplify.demo.benefits import build_benefits
from amplify.demo.coaching import build_coaching
from amplify.demo.employees import as_csv, build_company
from amplify.demo.experiments import build_experiments
from amplify.demo.giving import build_giving
from amplify.demo.globalweek import build_globalweek
from amplify.demo.meetings import build_meetings
from amplify.demo.nominations import build_nominations
from amplify.demo.organisation import (
    DEMO_PASSWORD,
    DIVISIONS,
    EMAIL_DOMAIN,
    EXTERNAL_DEMO,
    PARTNER,
)
from amplify.demo.outcomes import build_outcomes
from amplify.demo.programmes import Demo, build_leadership, build_mentoring, summary
from amplify.demo.relationships import build_relationships
from amplify.demo.safeguarding import build_safeguarding
from amplify.demo.showcase import build_showcase, link_judge
from amplify.demo.surveys import build_surveys
from amplify.demo.talentbook import build_talentbook
from amplify.demo.volunteering import build_volunteering
from amplify.diversity.models import DiversityProfile
from amplify.people.importing import check as checking
from amplify.people.importing import database
from amplify.people.importing.reader import read_table
from amplify.people.models import Country, Division, Partner, Person
from amplify.people.services import person_create_external, person_link_user

# Who signs in as what. Staff roles must pass the second factor (see README).
LOGINS: tuple[tuple[str, str, str, dict[str, Any]], ...] = (
    ("admin", f"admin@{EMAIL_DOMAIN}", "Administrator", {"is_staff": True, "is_superuser": True}),
    ("pm", f"pm@{EMAIL_DOMAIN}", "Programme manager", {"role": User.Role.PROGRAMME_MANAGER}),
    ("impact", f"impact@{EMAIL_DOMAIN}", "Impact admin", {"role": User.Role.IMPACT_ADMIN}),
    ("participant", f"participant@{EMAIL_DOMAIN}", "Participant (leadership)", {}),
    ("coach", f"coach@{EMAIL_DOMAIN}", "Coach", {}),
    ("sponsor", f"sponsor@{EMAIL_DOMAIN}", "Executive sponsor", {}),
    ("judge", f"judge@{EMAIL_DOMAIN}", "Showcase judge (an MD)", {}),
    ("mentor", f"mentor@{EMAIL_DOMAIN}", "Mentor", {}),
    ("mentee", EXTERNAL_DEMO["mentee"]["email"], "Mentee", {}),
    ("partner", EXTERNAL_DEMO["partner"]["email"], "Outreach partner", {"role": User.Role.PARTNER}),
    ("safeguarding", EXTERNAL_DEMO["safeguarding"]["email"], "Safeguarding lead", {}),
)


@transaction.atomic
def build(
    *,
    seed: int = 2026,
    employees: int = 3000,
    today: date | None = None,
    say: Callable[[str], None] = print,
) -> dict[str, int]:
    today = today or timezone.localdate()
    rng = random.Random(seed)
    partner = Partner.objects.create(**PARTNER)
    for name, _ in DIVISIONS:
        Division.objects.get_or_create(name=name, defaults={"slug": slugify(name)})
    users = {
        key: user_create(email=email, password=DEMO_PASSWORD, **extra)
        for key, email, _, extra in LOGINS
    }

    say(f"Generating {employees:,} employees in 47 countries…")
    company = build_company(
        count=employees, seed=seed, country_names=dict(Country.objects.values_list("code", "name"))
    )
    say("Importing them through the HR importer…")
    table = read_table(as_csv(company), "demo-hr-export.csv")
    plan = checking.check(
        table, reference=database.load_reference(), snapshot=database.load_snapshot()
    )
    if not plan.ok:
        raise RuntimeError(f"The demo export does not import: {plan.errors[:3]}")
    database.apply(plan, user=users["pm"], now=timezone.now(), reason="Demo HR export")

    for key, email, _, _ in LOGINS:
        if key in EXTERNAL_DEMO:
            spec = EXTERNAL_DEMO[key]
            person_create_external(
                name=spec["name"],
                email=spec["email"],
                country=Country.objects.get(code="GB"),
                referred_by=partner if key == "mentee" else None,
                partner=partner if key == "partner" else None,
                languages=["en"],
                time_zone="Europe/London",
                created_by=users["pm"],
            )
        if key == "judge":
            link_judge(users[key])  # a managing director of the company, with marks to give
        else:
            person_link_user(email=email, user=users[key])
    people = {str(p.employee_id): p for p in Person.objects.employees()}
    demo_people = {key: Person.objects.get(user=users[key]) for key, *_ in LOGINS}
    demo = Demo(
        rng=rng,
        today=today,
        company=company,
        people=people,
        demo=demo_people,
        partner=partner,
        by=users["pm"],
    )
    say("Building the leadership programme (cohorts since 2013, coaches and home groups matched)…")
    build_leadership(demo)
    say("Building the mentoring programme (cohorts 1–7 since 2018, pairs matched)…")
    build_mentoring(demo)
    build_safeguarding(demo)
    build_outcomes(demo)
    say(f"Applications; the demo applicant's saved draft: {build_applications(demo)}")
    say(f"Volunteering mentors and rankings: {build_volunteering(demo)}")
    say(f"Mentoring agreements, goals and closures: {build_relationships(demo)}")
    say(f"Meetings and cadence (slots, logged meetings, nudges and alerts): {build_meetings(demo)}")
    say(f"Nominations (past selections, the recruiting cohort's board): {build_nominations(demo)}")
    say(f"Coaching sessions and peer-coaching rounds: {build_coaching(demo)}")
    say(f"Experiments, sponsors' approvals, outcomes and stories: {build_experiments(demo)}")
    say(f"Global weeks (agendas, activity groups, attendance, speakers): {build_globalweek(demo)}")
    say(f"Showcase judging (slots, marks, published results): {build_showcase(demo)}")
    say(f"The talent books (pages, books, an MD's interest): {build_talentbook(demo)}")
    say(f"Surveys (pre and post waves, confidential answers): {build_surveys(demo)}")
    say(f"The giving ledger (three illustrative funds since 2020): {build_giving(demo)}")
    say(f"The benefits register by country: {build_benefits(demo)}")
    profiles = DiversityProfile.objects.count()
    _second_factor(users)
    counts = summary()
    counts.update(people=Person.objects.count(), diversity_profiles=profiles)
    return counts


def _second_factor(users: dict[str, User]) -> None:
    """Staff demo logins get an authenticator, so they meet the MFA rule; in the demo the
    code printed by `make demo` stands in for the app (DEBUG only)."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    for user in users.values():
        if user.needs_mfa:
            TOTP.activate(user, generate_totp_secret())
