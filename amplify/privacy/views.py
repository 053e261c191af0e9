"""Your data: download it, ask for it to be erased; and the staff pages that act on such
requests (administrators and impact admins)."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from amplify.accounts.access import AuthedRequest, permission, require, signed_in
from amplify.home.formerrors import add_service_errors
from amplify.people.models import Person
from amplify.privacy import services
from amplify.privacy.forms import ErasureRequestForm, StaffErasureForm
from amplify.privacy.models import Erasure
from amplify.privacy.rules import may_erase, require_may_erase


def zip_response(request: AuthedRequest, person: Person) -> StreamingHttpResponse:
    """The person's data as a ZIP, streamed; shared by the pages and the API."""
    export = services.person_data_export(person=person, made_by=request.user)
    response = StreamingHttpResponse(
        services.person_data_zip(export=export), content_type="application/zip"
    )
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    response["Cache-Control"] = "no-store"
    return response


def _streamed(response: StreamingHttpResponse) -> HttpResponse:
    # The access decorators are typed for HttpResponse; Django serves either kind.
    return cast(HttpResponse, response)


def _own_person(request: AuthedRequest) -> Person | None:
    return Person.objects.filter(user=request.user).first()


@permission("privacy.view_own_data")
def mine(request: AuthedRequest) -> HttpResponse:
    person = _own_person(request)
    if person is None:
        messages.info(request, _("Your account is not linked to a person record yet."))
        return redirect("home:index")
    form = ErasureRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.erasure_request(
                person=person, requested_by=request.user, email=form.cleaned_data["email"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _(
                    "Your request is recorded. An administrator or impact admin will carry it "
                    "out; until then you can withdraw it here."
                ),
            )
            return redirect("privacy:mine")
    context = {"person": person, "form": form, "erasure": services.erasure_of(person)}
    return render(request, "privacy/mine.html", context)


@signed_in
def my_export(request: AuthedRequest) -> HttpResponse:
    person = _own_person(request)
    if person is None:
        messages.info(request, _("Your account is not linked to a person record yet."))
        return redirect("home:index")
    return _streamed(zip_response(request, person))


@require_POST
@signed_in
def my_withdraw(request: AuthedRequest) -> HttpResponse:
    person = _own_person(request)
    if person is not None:
        services.erasure_withdraw(person=person, withdrawn_by=request.user)
        messages.success(request, _("Your erasure request is withdrawn."))
    return redirect("privacy:mine")


@permission("privacy.handle_requests")
def requests(request: AuthedRequest) -> HttpResponse:
    erasures = Erasure.objects.for_user(request.user).select_related("person", "erased_by")
    context = {
        "pending": erasures.pending().order_by("requested_at"),
        "done": erasures.done()[:100],
    }
    return render(request, "privacy/requests.html", context)


@signed_in
def person_data(request: AuthedRequest, pk: int) -> HttpResponse:
    """A staff member's page for one person: download her data, erase her."""
    person = get_object_or_404(Person.objects.for_user(request.user), pk=pk)
    require(request.user, "privacy.handle_requests")
    context = {
        "person": person,
        "erasure": services.erasure_of(person),
        "form": StaffErasureForm(),
        "can_erase": may_erase(request.user, person),
    }
    return render(request, "privacy/person_data.html", context)


@signed_in
def person_export(request: AuthedRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(Person.objects.for_user(request.user), pk=pk)
    require(request.user, "privacy.export_person_data", person)
    return _streamed(zip_response(request, person))


@require_POST
@signed_in
def person_erase(request: AuthedRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(Person.objects.for_user(request.user), pk=pk)
    require_may_erase(request.user, person)
    form = StaffErasureForm(request.POST)
    if not form.is_valid():
        context = {
            "person": person,
            "erasure": services.erasure_of(person),
            "form": form,
            "can_erase": True,
        }
        return render(request, "privacy/person_data.html", context, status=422)
    record = services.person_erase(person=person, erased_by=request.user)
    messages.success(
        request,
        _("The person is erased (reference %(reference)s).")
        % {"reference": record.short_reference},
    )
    return redirect("privacy:requests")
