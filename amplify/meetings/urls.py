from django.urls import path

from amplify.meetings import views

app_name = "meetings"
urlpatterns = [
    path("", views.pairs_mine, name="mine"),
    path("pairs/<int:pk>/", views.pair_meetings, name="pair"),
    path("pairs/<int:pk>/slot/", views.slot_choose, name="slot"),
    path("pairs/<int:pk>/log/", views.meeting_log, name="log"),
    path("meetings/<int:pk>/confirm/", views.meeting_confirm, name="confirm"),
    path("cohorts/<int:pk>/", views.cohort_health, name="health"),
    path("programmes/<slug:slug>/", views.cadence_settings, name="settings"),
]
