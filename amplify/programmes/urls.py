from django.urls import path

from amplify.programmes import views

app_name = "programmes"
urlpatterns = [
    path("", views.programme_list, name="list"),
    path("new/", views.programme_create, name="create"),
    path("cohorts/<int:pk>/", views.cohort_detail, name="cohort"),
    path("cohorts/<int:pk>/edit/", views.cohort_edit, name="cohort-edit"),
    path("cohorts/<int:pk>/status/", views.cohort_status, name="cohort-status"),
    path("cohorts/<int:pk>/people/", views.cohort_people, name="cohort-people"),
    path("cohorts/<int:pk>/people/candidates/", views.cohort_candidates, name="cohort-candidates"),
    path("cohorts/<int:pk>/people/enrol/", views.cohort_enrol, name="cohort-enrol"),
    path(
        "cohorts/<int:pk>/people/<int:enrolment_pk>/withdraw/",
        views.enrolment_withdraw,
        name="enrolment-withdraw",
    ),
    path("cohorts/<int:pk>/pairs/", views.cohort_pairs, name="cohort-pairs"),
    path("cohorts/<int:pk>/phases/", views.phase_add, name="phase-add"),
    path("cohorts/<int:pk>/phases/<int:phase_pk>/delete/", views.phase_delete, name="phase-delete"),
    path("cohorts/<int:pk>/history/", views.cohort_history, name="cohort-history"),
    path("<slug:slug>/", views.programme_detail, name="detail"),
    path("<slug:slug>/edit/", views.programme_edit, name="edit"),
    path("<slug:slug>/cohorts/new/", views.cohort_create, name="cohort-create"),
]
