from django.urls import path

from . import views

app_name = "networks"

urlpatterns = [
    path("networks/", views.network_list, name="network_list"),
    path("networks/manage/", views.network_manage, name="network_manage"),
    path("networks/new/", views.network_create, name="network_create"),
    path("networks/<int:pk>/", views.network_detail, name="network_detail"),
    path("networks/<int:pk>/edit/", views.network_edit, name="network_edit"),
    path(
        "networks/<int:pk>/participants/new/",
        views.participant_create,
        name="participant_create",
    ),
    path("networks/participants/<int:pk>/edit/", views.participant_edit, name="participant_edit"),
    path(
        "networks/participants/<int:pk>/delete/",
        views.participant_delete,
        name="participant_delete",
    ),
    path("networks/<int:pk>/contacts/new/", views.contact_create, name="contact_create"),
    path("networks/contacts/<int:pk>/edit/", views.contact_edit, name="contact_edit"),
    path("networks/contacts/<int:pk>/delete/", views.contact_delete, name="contact_delete"),
]
