from django.urls import path

from amplify.people import views

app_name = "people"
urlpatterns = [
    path("", views.person_list, name="list"),
    path("me/", views.person_me, name="me"),
    path("add/", views.person_add, name="add"),
    path("<int:pk>/", views.person_detail, name="detail"),
    path("<int:pk>/edit/", views.person_edit, name="edit"),
    path("<int:pk>/history/", views.person_history, name="history"),
    path("imports/", views.import_list, name="imports"),
    path("imports/template.csv", views.import_template, name="import-template"),
    path("imports/<int:pk>/", views.import_detail, name="import"),
    path("imports/<int:pk>/commit/", views.import_commit, name="import-commit"),
    path("imports/<int:pk>/errors.csv", views.import_errors_csv, name="import-errors"),
]
