from django.urls import path

from amplify.privacy import views

app_name = "privacy"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("export/", views.my_export, name="my-export"),
    path("withdraw/", views.my_withdraw, name="my-withdraw"),
    path("requests/", views.requests, name="requests"),
    path("people/<int:pk>/", views.person_data, name="person"),
    path("people/<int:pk>/export/", views.person_export, name="person-export"),
    path("people/<int:pk>/erase/", views.person_erase, name="person-erase"),
]
