"""(Shared base: filled in by the library work.)"""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
