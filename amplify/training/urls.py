from django.urls import path

from amplify.training import views

app_name = "training"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("modules/<int:pk>/done/", views.activity_done, name="done"),
    path("codes/<int:pk>/accept/", views.code_accept, name="accept"),
    path("programmes/<slug:slug>/", views.programme_training, name="programme"),
    path("programmes/<slug:slug>/default/", views.curriculum_default, name="default"),
    path("programmes/<slug:slug>/settings/", views.settings_set, name="settings"),
    path("programmes/<slug:slug>/code/", views.code_publish, name="code"),
    path("activities/<int:pk>/verify/", views.activity_verify, name="verify"),
    path("activities/<int:pk>/return/", views.activity_return, name="return"),
    path("cohorts/<int:pk>/", views.cohort_readiness_table, name="cohort"),
    path("cohorts/<int:pk>/mentors/<int:person>/", views.mentor_record, name="mentor"),
]
