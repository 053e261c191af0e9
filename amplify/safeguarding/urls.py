from django.urls import path

from amplify.safeguarding import views

app_name = "safeguarding"
urlpatterns = [
    path("", views.concern_log, name="log"),
    path("concerns/<int:pk>/", views.concern_detail, name="concern"),
    path("concerns/<int:pk>/act/", views.concern_act, name="act"),
    path("concerns/<int:pk>/escalate/", views.concern_escalate, name="escalate"),
    path("mine/", views.concerns_mine, name="mine"),
    path("raise/<int:pk>/", views.concern_raise, name="raise"),
    path("programmes/<slug:slug>/", views.team_edit, name="team"),
    path("pairs/<int:pk>/", views.pair_contact, name="pair"),
    path("pairs/<int:pk>/message/", views.pair_message, name="pair-message"),
    path("pairs/<int:pk>/sharing/", views.pair_sharing, name="pair-sharing"),
]
