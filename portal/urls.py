from django.urls import path

from . import translations, views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("actors/<slug:slug>/", views.organisation_detail, name="organisation_detail"),
    path("search/", views.search, name="search"),
    path("translations/", translations.overview, name="translations"),
    path(
        "translations/<str:model>/<int:pk>/<str:language>/",
        translations.translate,
        name="translation",
    ),
]
