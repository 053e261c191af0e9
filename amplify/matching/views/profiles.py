"""Each person's own matching profile."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from amplify.accounts.access import AuthedRequest, permission
from amplify.home.concurrency import version_of
from amplify.home.formerrors import add_service_errors
from amplify.matching import services
from amplify.matching.forms import MatchProfileForm
from amplify.matching.models import MatchProfile
from amplify.people.models import Person
from amplify.programmes.models import Enrolment


@permission("matching.keep_own_profile")
def my_profile(request: AuthedRequest) -> HttpResponse:
    person = get_object_or_404(Person, user=request.user)
    giver = Enrolment.objects.filter(
        person=person, role__in=[Enrolment.Role.MENTOR, Enrolment.Role.COACH]
    ).exists()
    profile = MatchProfile.objects.filter(person=person).first()
    initial = (
        {
            "tags": profile.tags,
            "job_family": profile.job_family,
            "aspired_division": profile.aspired_division,
            "seniority": profile.seniority,
            "availability": profile.availability,
            "meeting_format": profile.meeting_format,
            "capacity": profile.capacity,
            "share_background_match_with_mentee": profile.share_background_match_with_mentee,
        }
        if profile
        else {"meeting_format": "either"}
    )
    initial["version"] = version_of(profile, services.PROFILE_FIELDS)
    form = MatchProfileForm(request.POST or None, initial=initial, giver=giver)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.match_profile_save(
                person=person, changed_by=request.user, tags=data.pop("tags"), **data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Your matching profile is saved."))
            return redirect("matching:profile")
    return render(
        request, "matching/my_profile.html", {"form": form, "giver": giver, "person": person}
    )
