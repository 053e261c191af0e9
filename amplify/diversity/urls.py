from django.urls import path

from amplify.diversity import views

app_name = "diversity"
urlpatterns = [
    path("", views.index, name="index"),
    path("access-log/", views.access_log, name="access-log"),
    path("people/<int:person_pk>/", views.person_profile, name="person"),
    path("people/<int:person_pk>/erase/", views.person_profile_erase, name="erase"),
]
