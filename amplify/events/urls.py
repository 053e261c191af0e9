from django.urls import path

from amplify.events import views

app_name = "events"
urlpatterns = [
    path("", views.event_list, name="list"),
    path("<int:pk>/", views.event_detail, name="detail"),
    path("<int:pk>/edit/", views.event_edit, name="edit"),
    path("<int:pk>/rsvp/", views.event_rsvp, name="rsvp"),
    path("<int:pk>/attendance/", views.event_attendance, name="attendance"),
    path("<int:pk>/calendar.ics", views.event_ical, name="ical"),
    path("cohort/<int:pk>/", views.cohort_events, name="cohort"),
    path("cohort/<int:pk>/new/", views.event_create, name="create"),
    path("cohort/<int:pk>/calendar.ics", views.cohort_ical, name="cohort-ical"),
]
