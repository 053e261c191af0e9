"""The HTTP API: mounts each app's router. OpenAPI at /api/openapi.json, docs at /api/docs."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, OperationalError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as SchemaValidationError
from ninja.security import django_auth

from amplify.accounts.api import router as accounts_router
from amplify.apischema import TokenAuth
from amplify.apivalidation import translated_errors
from amplify.applications.api import router as applications_router
from amplify.benefits.api import router as benefits_router
from amplify.coaching.api import router as coaching_router
from amplify.diversity.api import router as diversity_router
from amplify.events.api import router as events_router
from amplify.experiments.api import router as experiments_router
from amplify.giving.api import router as giving_router
from amplify.home.concurrency import EditConflict, PreconditionRequired, set_version
from amplify.home.unavailable import database_busy_response, is_database_busy
from amplify.impact.api import router as impact_router
from amplify.matching.api import router as matching_router
from amplify.matching.rankingapi import router as ranking_router
from amplify.meetings.api import router as meetings_router
from amplify.mentoring.api import router as mentoring_router
from amplify.nominations.api import router as nominations_router
from amplify.outcomes.api import router as outcomes_router
from amplify.people.api import router as people_router
from amplify.privacy.api import router as privacy_router
from amplify.programmes.api import router as programmes_router
from amplify.safeguarding.api import router as safeguarding_router
from amplify.showcase.api import router as showcase_router
from amplify.surveys.api import router as surveys_router
from amplify.surveys.respond_api import router as survey_answers_router
from amplify.talentbook.api import router as talentbook_router
from amplify.training.api import router as training_router
from amplify.volunteering.api import router as volunteering_router

api = NinjaAPI(
    title="Amplify API",
    version="1.0",
    description=(
        "Run, match and measure people-development programmes. Authenticate with a personal "
        "API token (`Authorization: Bearer amp_…`, created under *API tokens*) or, from the "
        "browser, the signed-in session. Every list shows only what the caller may see; "
        "each operation's `x-access` says who may call it."
    ),
    auth=[TokenAuth(), django_auth],
    urls_namespace="api",
)
api.add_router("/", accounts_router)
api.add_router("/people", people_router)
api.add_router("/", programmes_router)
api.add_router("/events", events_router)
api.add_router("/diversity", diversity_router)
api.add_router("/", matching_router)
api.add_router("/", privacy_router)
api.add_router("/safeguarding", safeguarding_router)
api.add_router("/training", training_router)
api.add_router("/meetings", meetings_router)
api.add_router("/", applications_router)
api.add_router("/", outcomes_router)
api.add_router("/", ranking_router)
api.add_router("/", volunteering_router)
api.add_router("/mentoring", mentoring_router)
api.add_router("/nominations", nominations_router)
api.add_router("/coaching", coaching_router)
api.add_router("/experiments", experiments_router)
api.add_router("/showcase", showcase_router)
api.add_router("/talent-book", talentbook_router)
api.add_router("/surveys", surveys_router)
api.add_router("/", survey_answers_router)
api.add_router("/impact", impact_router)
api.add_router("/giving", giving_router)
api.add_router("/benefits", benefits_router)


# Error bodies speak the caller's language (Accept-Language, via LocaleMiddleware); the
# status code and the shape stay the same whatever the language.
@api.exception_handler(AuthenticationError)
def unauthorised(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    detail = _("Sign in, or send a personal API token (Authorization: Bearer amp_…).")
    return api.create_response(request, {"detail": detail}, status=exc.status_code)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, {"detail": _("Not found.")}, status=404)


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    if hasattr(exc, "error_dict"):
        errors = {field: [str(m) for m in messages] for field, messages in exc.message_dict.items()}
        detail = " ".join(m for messages in errors.values() for m in messages)
        return api.create_response(request, {"detail": detail, "errors": errors}, status=422)
    return api.create_response(request, {"detail": " ".join(exc.messages)}, status=422)


# Ninja's own HttpErrors carry an English sentence: a body that is not JSON (ninja adds the
# parser's detail when DEBUG is on) and a failed CSRF check of a session caller.
NINJA_HTTP_ERRORS = {
    "Cannot parse request body": gettext_lazy(
        "The request body could not be read: send valid JSON."
    ),
    "CSRF check Failed": gettext_lazy(
        "The CSRF check failed: reload the page, or call the API with a token."
    ),
}


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    message = next(
        (
            str(text)
            for english, text in NINJA_HTTP_ERRORS.items()
            if exc.message.startswith(english)
        ),
        exc.message,
    )
    return api.create_response(request, {"detail": message}, status=exc.status_code)


# An input that fails its schema (pydantic): ninja's list of errors, the same shape as
# ninja's own handler gives, with each sentence in the caller's language.
@api.exception_handler(SchemaValidationError)
def schema_validation_error(request: HttpRequest, exc: SchemaValidationError) -> HttpResponse:
    return api.create_response(request, {"detail": translated_errors(exc.errors)}, status=422)


@api.exception_handler(OperationalError)
def database_error(request: HttpRequest, exc: OperationalError) -> HttpResponse:
    if is_database_busy(exc):
        return database_busy_response(request)
    raise exc


@api.exception_handler(PermissionDenied)
def permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(
        request, {"detail": str(exc) or _("You may not do this.")}, status=403
    )


@api.exception_handler(EditConflict)
def edit_conflict(request: HttpRequest, exc: EditConflict) -> HttpResponse:
    # What changed, with its current value, and the new version to send back to overwrite.
    errors = {field: [str(m) for m in messages] for field, messages in exc.message_dict.items()}
    detail = " ".join(errors.pop("__all__", []))
    response = api.create_response(request, {"detail": detail, "errors": errors}, status=409)
    set_version(response, exc.current)
    return response


@api.exception_handler(PreconditionRequired)
def precondition_required(request: HttpRequest, exc: PreconditionRequired) -> HttpResponse:
    detail = _(
        "Send If-Match with the ETag of your last read of this object, so that a change "
        "someone else saved since is not overwritten (If-Match: * overwrites whatever is there)."
    )
    return api.create_response(request, {"detail": detail}, status=428)


@api.exception_handler(IntegrityError)
def integrity_error(request: HttpRequest, exc: IntegrityError) -> HttpResponse:
    # The safety net: services name the field for the constraints they know (a 422); any
    # other collision with a write saved at the same moment is a conflict, not a crash.
    detail = _("This conflicts with a change saved at the same moment. Reload and try again.")
    return api.create_response(request, {"detail": detail}, status=409)
