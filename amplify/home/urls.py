from django.urls import path

from amplify.home import views

app_name = "home"
urlpatterns = [
    path("", views.index, name="index"),
    path("language/", views.language, name="language"),
]
