from django.urls import path

from amplify.volunteering import views

app_name = "volunteering"
urlpatterns = [
    # The volunteer (an employee).
    path("", views.index, name="index"),
    path("cohort/<int:pk>/", views.offer, name="offer"),
    path("cohort/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    # The cohort's programme manager.
    path("cohort/<int:pk>/volunteers/", views.queue, name="queue"),
    path("offers/<int:pk>/decide/", views.decide, name="decide"),
]
