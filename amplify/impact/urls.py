"""The impact pages: the indicator library and figures' traces, the cohort and programme
reports, the organisation roll-up."""

from amplify.impact import library_views, report_views, rollup_views

app_name = "impact"
urlpatterns = [
    *library_views.urlpatterns,
    *report_views.urlpatterns,
    *rollup_views.urlpatterns,
]
