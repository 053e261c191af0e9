from django.urls import path

from amplify.giving import views

app_name = "giving"
urlpatterns = [
    path("", views.gift_list, name="list"),
    path("lines/add/", views.gift_add, name="add"),
    path("lines/<int:pk>/edit/", views.gift_edit, name="edit"),
    path("lines/<int:pk>/delete/", views.gift_delete, name="delete"),
    path("lines/<int:pk>/evidence/", views.gift_evidence, name="evidence"),
    path("summary/", views.summary, name="summary"),
    path("funds/", views.fund_list, name="funds"),
    path("funds/<int:pk>/edit/", views.fund_edit, name="fund-edit"),
    path("recipients/", views.recipient_list, name="recipients"),
    path("recipients/<int:pk>/edit/", views.recipient_edit, name="recipient-edit"),
    path("import/", views.gift_import, name="import"),
]
