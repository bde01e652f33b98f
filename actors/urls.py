from django.urls import path

from . import views

app_name = "actors"

urlpatterns = [
    path("actors/", views.organisation_list, name="organisation_list"),
    path("actors/new/", views.organisation_create, name="organisation_create"),
    path("actors/<slug:slug>/logo/", views.organisation_logo, name="organisation_logo"),
    path("actors/<slug:slug>/edit/", views.organisation_edit, name="organisation_edit"),
    path("actors/<slug:slug>/members/", views.organisation_members, name="organisation_members"),
    path(
        "actors/<slug:slug>/members/<int:pk>/remove/",
        views.membership_remove,
        name="membership_remove",
    ),
    path("charter/", views.charter, name="charter"),
    path("charter/edit/", views.charter_edit, name="charter_edit"),
    path("settings/", views.site_settings_edit, name="site_settings"),
    path("setup/", views.setup_page, name="setup"),
    path("setup/<slug:key>/", views.setup_section_save, name="setup_section"),
    path("look/<slug:version>/look.css", views.look_stylesheet, name="look_stylesheet"),
    path("look/<slug:version>/logo.png", views.look_logo, name="look_logo"),
    path("districts/", views.districts_edit, name="districts_edit"),
]
