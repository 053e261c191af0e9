from django.urls import path

from amplify.mentoring import views

app_name = "mentoring"
urlpatterns = [
    path("", views.my_pairs, name="mine"),
    path("pairs/<int:pk>/", views.pair_page, name="pair"),
    path("pairs/<int:pk>/accept/", views.agreement_accept, name="accept"),
    path("pairs/<int:pk>/goals/new/", views.goal_new, name="goal-new"),
    path("pairs/<int:pk>/ask-to-end/", views.ask_to_end, name="ask-to-end"),
    path("goals/<int:pk>/", views.goal_detail, name="goal"),
    path("goals/<int:pk>/edit/", views.goal_edit, name="goal-edit"),
    path("goals/<int:pk>/progress/", views.goal_progress, name="goal-progress"),
    path("goals/<int:pk>/comment/", views.goal_comment, name="goal-comment"),
    path("manage/pairs/<int:pk>/", views.manage_pair, name="manage-pair"),
    path("manage/pairs/<int:pk>/close/", views.close_pair, name="close"),
    path("manage/requests/<int:pk>/decline/", views.decline_request, name="decline"),
    path("manage/cohorts/<int:pk>/", views.cohort_relationships, name="cohort"),
    path("programmes/<slug:slug>/agreement/", views.agreement_edit, name="agreement"),
]
