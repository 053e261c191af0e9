from django.urls import URLPattern

app_name = "nominations"
urlpatterns: list[URLPattern] = []
