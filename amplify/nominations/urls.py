from django.urls import path

from amplify.nominations import views

app_name = "nominations"
urlpatterns = [
    path("", views.nominations_mine, name="mine"),
    path("cohorts/<int:pk>/nominate/", views.nominate, name="nominate"),
    path("cohorts/<int:pk>/board/", views.selection_board, name="board"),
    path("<int:pk>/endorse/", views.endorse, name="endorse"),
    path("<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("<int:pk>/decide/", views.decide, name="decide"),
]
