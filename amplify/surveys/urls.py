from django.urls import path

from amplify.surveys import views

app_name = "surveys"
urlpatterns = [
    path("items/", views.item_list, name="items"),
    path("items/new/", views.item_create, name="item-new"),
    path("items/<int:pk>/edit/", views.item_edit, name="item-edit"),
    path("items/<int:pk>/retire/", views.item_retire, name="item-retire"),
    path("programmes/<slug:slug>/", views.programme_surveys, name="programme"),
    path("programmes/<slug:slug>/settings/", views.settings_save, name="settings"),
    path("programmes/<slug:slug>/templates/", views.template_create, name="template-new"),
    path("templates/<int:pk>/", views.template_detail, name="template"),
    path("templates/<int:pk>/rename/", views.template_rename, name="template-rename"),
    path("templates/<int:pk>/delete/", views.template_delete, name="template-delete"),
    path("templates/<int:pk>/apply/", views.template_apply, name="template-apply"),
    path("templates/<int:pk>/waves/new/", views.template_wave_new, name="template-wave-new"),
    path("template-waves/<int:pk>/edit/", views.template_wave_edit, name="template-wave-edit"),
    path(
        "template-waves/<int:pk>/delete/", views.template_wave_delete, name="template-wave-delete"
    ),
    path(
        "template-waves/<int:pk>/questions/",
        views.template_question_add,
        name="template-question-add",
    ),
    path(
        "template-waves/<int:pk>/questions/<int:item_pk>/",
        views.template_question_change,
        name="template-question",
    ),
    path("cohorts/<int:pk>/", views.cohort_surveys, name="cohort"),
    path("cohorts/<int:pk>/apply/", views.cohort_apply, name="cohort-apply"),
    path("cohorts/<int:pk>/waves/new/", views.wave_new, name="wave-new"),
    path("waves/<int:pk>/", views.wave_detail, name="wave"),
    path("waves/<int:pk>/edit/", views.wave_edit, name="wave-edit"),
    path("waves/<int:pk>/questions/", views.wave_question_add, name="wave-question-add"),
    path(
        "waves/<int:pk>/questions/<int:item_pk>/",
        views.wave_question_change,
        name="wave-question",
    ),
    path("waves/<int:pk>/send/", views.wave_send, name="wave-send"),
    path("waves/<int:pk>/close/", views.wave_close, name="wave-close"),
    path("waves/<int:pk>/delete/", views.wave_delete, name="wave-delete"),
]
