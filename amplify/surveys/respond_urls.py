"""The respondent's pages, under /survey/ (namespace "answer")."""

from django.urls import path

from amplify.surveys import respond

app_name = "answer"
urlpatterns = [
    path("mine/", respond.mine, name="mine"),
    path("mine/<int:pk>/", respond.mine_answer, name="mine-answer"),
    path("<str:token>/", respond.answer, name="answer"),
]
