from django.urls import path

from amplify.matching import rankpages, views

app_name = "matching"
urlpatterns = [
    path("cohort/<int:pk>/", views.cohort_runs, name="cohort"),
    path("cohort/<int:pk>/rematch/", views.rematch, name="rematch"),
    path("cohort/<int:pk>/groups/", views.cohort_groups, name="groups"),
    path("rules/<int:pk>/remove/", views.rule_remove, name="rule-remove"),
    path("runs/<int:pk>/", views.run_detail, name="run"),
    path("runs/<int:pk>/compare/<int:other_pk>/", views.compare, name="compare"),
    path("runs/<int:pk>/<slug:action>/", views.run_action, name="run-action"),
    path("pairs/<int:pk>/<slug:action>/", views.pair_action, name="pair-action"),
    path("groups/<int:pk>/", views.grouping_detail, name="grouping"),
    path("groups/<int:pk>/<slug:action>/", views.grouping_action, name="grouping-action"),
    path("profile/", views.my_profile, name="profile"),
    path("my-match/", views.my_match, name="my-match"),
    path("rankings/", rankpages.rankings, name="rankings"),
    path("rankings/<int:pk>/", rankpages.ranking_edit, name="ranking"),
]
