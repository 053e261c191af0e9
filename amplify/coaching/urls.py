from django.urls import URLPattern, path

from amplify.coaching import views

app_name = "coaching"
urlpatterns: list[URLPattern] = [
    path("", views.coachees, name="coachees"),
    path("pairs/<int:pk>/", views.pair, name="pair"),
    path("pairs/<int:pk>/book/", views.book, name="book"),
    path("pairs/<int:pk>/log/", views.log, name="log"),
    path("sessions/<int:pk>/reschedule/", views.reschedule, name="reschedule"),
    path("sessions/<int:pk>/cancel/", views.cancel, name="cancel"),
    path("cohorts/<int:pk>/", views.cohort_coaching, name="cohort"),
    path("programmes/<slug:slug>/", views.settings_page, name="settings"),
    path("groups/<int:pk>/", views.group, name="group"),
    path("groups/<int:pk>/rounds/", views.round_log, name="round-log"),
]
