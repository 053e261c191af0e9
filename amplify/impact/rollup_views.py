"""(Shared base: filled in by the rollup work.)"""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
