from django.urls import path

from amplify.benefits import views

app_name = "benefits"
urlpatterns = [
    path("", views.benefit_list, name="list"),
    path("add/", views.benefit_add, name="add"),
    path("<int:pk>/edit/", views.benefit_edit, name="edit"),
    path("<int:pk>/end/", views.benefit_end, name="end"),
]
