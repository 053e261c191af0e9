"""(Shared base: filled in by the report work.)"""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
