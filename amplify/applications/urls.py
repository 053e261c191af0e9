from django.urls import path

from amplify.applications import referring, reviewing, views

app_name = "applications"
urlpatterns = [
    # Public: applicants have no account.
    path("apply/<int:pk>/", views.apply, name="apply"),
    path("continue/<str:token>/", views.resume, name="resume"),
    path("offer/<str:token>/", views.offer, name="offer"),
    # The programme manager.
    path("cohort/<int:pk>/", reviewing.cohort_queue, name="cohort"),
    path("cohort/<int:pk>/settings/", reviewing.cohort_settings, name="settings"),
    path("<int:pk>/", reviewing.application_detail, name="detail"),
    path("<int:pk>/decide/", reviewing.application_decide, name="decide"),
    # Outreach partners.
    path("referrals/", referring.referrals, name="referrals"),
    path("referrals/add/", referring.referral_add, name="referral-add"),
    path("referrals/upload/", referring.referral_upload, name="referral-upload"),
]
