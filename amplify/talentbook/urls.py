from django.urls import URLPattern

app_name = "talentbook"
urlpatterns: list[URLPattern] = []
