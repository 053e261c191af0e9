from django.urls import path

from amplify.events import globalweek, views

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
    # The global week: its agenda, sessions, attendance and activity groups.
    path("cohort/<int:pk>/week/", globalweek.cohort_week, name="cohort-week"),
    path("<int:pk>/week/", globalweek.week, name="week"),
    path("<int:pk>/week.ics", globalweek.week_calendar, name="week-ical"),
    path("<int:pk>/sessions/new/", globalweek.session_create, name="session-create"),
    path("sessions/<int:pk>/edit/", globalweek.session_edit, name="session-edit"),
    path("sessions/<int:pk>/delete/", globalweek.session_delete, name="session-delete"),
    path("sessions/<int:pk>/attendance/", globalweek.session_attendance, name="session-attendance"),
    path("<int:pk>/groups/", globalweek.groups, name="groups"),
    path("groups/<int:pk>/", globalweek.group_change, name="group-change"),
]
