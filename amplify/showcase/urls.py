from django.urls import path

from amplify.showcase import views

app_name = "showcase"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("slots/<int:pk>/score/", views.score, name="score"),
    path("slots/<int:pk>/edit/", views.slot_edit, name="slot-edit"),
    path("slots/<int:pk>/assign/", views.assign, name="assign"),
    path("assignments/<int:pk>/remove/", views.unassign, name="unassign"),
    path("cohorts/<int:pk>/", views.cohort, name="cohort"),
    path("cohorts/<int:pk>/rubric/", views.rubric_default, name="rubric-default"),
    path("cohorts/<int:pk>/criteria/", views.criterion_save, name="criterion-add"),
    path("cohorts/<int:pk>/criteria/<int:criterion_pk>/", views.criterion_save, name="criterion"),
    path(
        "cohorts/<int:pk>/criteria/<int:criterion_pk>/remove/",
        views.criterion_delete,
        name="criterion-remove",
    ),
    path("cohorts/<int:pk>/schedule/", views.schedule, name="schedule"),
    path("cohorts/<int:pk>/judges/", views.assign_sponsors, name="assign-sponsors"),
    path("cohorts/<int:pk>/publish/", views.publish, name="publish"),
    path("cohorts/<int:pk>/vote-open/", views.vote_open, name="vote-open"),
    path("cohorts/<int:pk>/results/", views.results_page, name="results"),
    path("cohorts/<int:pk>/vote/", views.vote, name="vote"),
]
