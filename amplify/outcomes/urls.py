from django.urls import path

from amplify.outcomes import views

app_name = "outcomes"
urlpatterns = [
    path("", views.outcome_mine, name="mine"),
    path("add/", views.outcome_add, name="add"),
    path("<int:pk>/", views.outcome_detail, name="detail"),
    path("<int:pk>/verify/", views.outcome_verify, name="verify"),
    path("<int:pk>/evidence/", views.outcome_evidence, name="evidence"),
    path("cohorts/<int:pk>/", views.cohort_outcomes, name="cohort"),
    path("cohorts/<int:pk>/showcase/", views.showcase, name="showcase"),
    path("cohorts/<int:pk>/showcase/mine/", views.showcase_edit, name="showcase-edit"),
    path("showcase/<int:pk>/file/", views.showcase_file, name="showcase-file"),
]
