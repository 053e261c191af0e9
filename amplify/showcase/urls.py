from django.urls import URLPattern

app_name = "showcase"
urlpatterns: list[URLPattern] = []
