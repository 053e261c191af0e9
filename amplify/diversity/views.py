"""Identifiable diversity data: impact admins only (administrators included only if they
also hold the impact-admin role)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from amplify.accounts.access import AuthedRequest, role
from amplify.accounts.models import User
from amplify.diversity import services
from amplify.diversity.forms import DiversityProfileForm
from amplify.diversity.models import AccessRecord, DiversityProfile
from amplify.home.audit import changes_of
from amplify.home.concurrency import version_of
from amplify.home.formerrors import add_service_errors
from amplify.people.models import Person

ACCESS_LOG_PAGE_SIZE = 50


def _is_impact_admin(user: object) -> bool:
    return bool(getattr(user, "is_impact_admin", False))


impact_admins = role(_is_impact_admin, gettext_lazy("impact admins"))


@impact_admins
def index(request: AuthedRequest) -> HttpResponse:
    text = request.GET.get("q", "").strip()
    profiles = DiversityProfile.objects.for_user(request.user).select_related("person")
    if text:
        profiles = profiles.filter(person__in=Person.objects.search(text))
    page = Paginator(profiles.order_by("person__name", "pk"), 50).get_page(request.GET.get("page"))
    total = DiversityProfile.objects.for_user(request.user).count()
    services.diversity_access_record(
        reader=request.user,
        person_ids=[d.person_id for d in page.object_list],
        route=AccessRecord.Route.PAGE_LIST,
    )
    return render(request, "diversity/index.html", {"page": page, "q": text, "total": total})


@impact_admins
def person_profile(request: AuthedRequest, person_pk: int) -> HttpResponse:
    person = get_object_or_404(Person.objects.for_user(request.user), pk=person_pk)
    profile = DiversityProfile.objects.for_user(request.user).filter(person=person).first()
    form = DiversityProfileForm(
        request.POST or None,
        instance=profile,
        initial={
            "consent_given": profile is not None,
            "version": version_of(profile, services.FIELDS),
        },
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        consent = data.pop("consent_given")
        try:
            services.diversity_profile_save(
                person=person, changed_by=request.user, consent_given=consent, **data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The diversity profile is saved."))
            return redirect("diversity:person", person_pk=person.pk)
    if profile is not None:
        services.diversity_access_record(
            reader=request.user, person_ids=[person.pk], route=AccessRecord.Route.PAGE_PROFILE
        )
    context = {
        "person": person,
        "profile": profile,
        "form": form,
        "changes": changes_of(profile, limit=30) if profile else [],
    }
    return render(request, "diversity/person_profile.html", context)


@require_POST
@impact_admins
def person_profile_erase(request: AuthedRequest, person_pk: int) -> HttpResponse:
    profile = get_object_or_404(
        DiversityProfile.objects.for_user(request.user), person_id=person_pk
    )
    services.diversity_profile_erase(profile=profile, changed_by=request.user)
    messages.success(request, _("The diversity profile and its history are deleted."))
    return redirect("diversity:index")


@impact_admins
def access_log(request: AuthedRequest) -> HttpResponse:
    """Who read whose identifiable profile, when and how; filtered by reader or person."""
    records = AccessRecord.objects.for_user(request.user).select_related("reader", "subject")
    readers = User.objects.filter(
        pk__in=AccessRecord.objects.for_user(request.user).values("reader_id")
    ).order_by("email")
    reader = _positive_int(request.GET.get("reader"))
    person = _positive_int(request.GET.get("person"))
    if reader is not None:
        records = records.filter(reader_id=reader)
    subject = None
    if person is not None:
        records = records.filter(subject_id=person)
        subject = Person.objects.for_user(request.user).filter(pk=person).first()
    page = Paginator(records, ACCESS_LOG_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "readers": readers,
        "reader": reader,
        "person": person,
        "subject": subject,
    }
    return render(request, "diversity/access_log.html", context)


def _positive_int(raw: str | None) -> int | None:
    """A filter id from the query string; anything else means "no filter", never a 500."""
    if raw is None or not (raw.isascii() and raw.isdigit()) or len(raw) > 18:
        return None
    return int(raw) or None
