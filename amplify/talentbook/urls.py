from django.urls import URLPattern, path

from amplify.talentbook import views

app_name = "talentbook"
urlpatterns: list[URLPattern] = [
    path("", views.mine, name="mine"),
    path("cohorts/<int:pk>/", views.cohort_books, name="cohort"),
    path("cohorts/<int:pk>/my-page/", views.page_edit, name="edit"),
    path("cohorts/<int:pk>/generate/", views.cohort_generate, name="generate"),
    path("programmes/<slug:slug>/", views.programme_books, name="programme"),
    path("programmes/<slug:slug>/generate/", views.programme_generate, name="programme-generate"),
    path("pages/<int:pk>/", views.page_detail, name="page"),
    path("pages/<int:pk>/photo/", views.page_photo, name="page-photo"),
    path("books/<int:pk>/", views.book_detail, name="book"),
    path("books/<int:pk>/pdf/", views.book_pdf, name="pdf"),
    path("books/<int:pk>/retry/", views.book_retry, name="retry"),
    path("books/<int:pk>/people/<int:person>/", views.entry_detail, name="entry"),
    path("books/<int:pk>/people/<int:person>/meet/", views.entry_meet, name="meet"),
    path("books/<int:pk>/people/<int:person>/photo/", views.entry_photo, name="photo"),
]
