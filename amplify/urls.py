from django.contrib import admin
from django.urls import include, path

from amplify.accounts.views import security
from amplify.api import api
from amplify.home.views import healthz

admin.site.site_header = "Amplify administration"
admin.site.site_title = "Amplify admin"

# A locked database met outside a view (saving the session) is a 503 too, not a 500.
handler500 = "amplify.home.unavailable.server_error"

urlpatterns = [
    path("", include("amplify.home.urls")),
    path("healthz", healthz, name="healthz"),
    # Before allauth's own: the second-factor page is for the roles that use one.
    path("accounts/2fa/", security, name="mfa_index"),
    path("accounts/", include("allauth.urls")),
    path("account/", include("amplify.accounts.urls")),
    path("people/", include("amplify.people.urls")),
    path("programmes/", include("amplify.programmes.urls")),
    path("events/", include("amplify.events.urls")),
    path("applications/", include("amplify.applications.urls")),
    path("matching/", include("amplify.matching.urls")),
    path("diversity/", include("amplify.diversity.urls")),
    path("privacy/", include("amplify.privacy.urls")),
    path("safeguarding/", include("amplify.safeguarding.urls")),
    path("outcomes/", include("amplify.outcomes.urls")),
    path("volunteering/", include("amplify.volunteering.urls")),
    path("training/", include("amplify.training.urls")),
    path("mentoring/", include("amplify.mentoring.urls")),
    path("meetings/", include("amplify.meetings.urls")),
    path("nominations/", include("amplify.nominations.urls")),
    path("coaching/", include("amplify.coaching.urls")),
    path("experiments/", include("amplify.experiments.urls")),
    path("showcase/", include("amplify.showcase.urls")),
    path("talent-book/", include("amplify.talentbook.urls")),
    path("surveys/", include("amplify.surveys.urls")),
    path("survey/", include("amplify.surveys.respond_urls")),
    path("impact/", include("amplify.impact.urls")),
    path("giving/", include("amplify.giving.urls")),
    path("benefits/", include("amplify.benefits.urls")),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
]
