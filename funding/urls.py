from django.urls import path

from . import views

app_name = "funding"

urlpatterns = [
    path("funding/", views.public, name="public"),
    path("funding/books/", views.overview, name="overview"),
    path("funding/ledger/", views.ledger, name="ledger"),
    path("funding/ledger.csv", views.ledger_csv, name="ledger_csv"),
    path("funding/ledger/new/", views.entry_create, name="entry_create"),
    path("funding/ledger/<int:pk>/reverse/", views.entry_reverse, name="entry_reverse"),
    path("funding/funders/new/", views.funder_create, name="funder_create"),
    path("funding/funders/<int:pk>/", views.funder_detail, name="funder_detail"),
    path("funding/grants/new/", views.grant_create, name="grant_create"),
    path("funding/grants/<int:pk>/", views.grant_detail, name="grant_detail"),
    path("funding/grants/<int:pk>/edit/", views.grant_edit, name="grant_edit"),
    path("funding/grants/<int:pk>/duties/new/", views.duty_create, name="duty_create"),
    path("funding/duties/<int:pk>/done/", views.duty_done, name="duty_done"),
    path("funding/requests/", views.request_list, name="request_list"),
    path("funding/requests/new/", views.request_create, name="request_create"),
    path("funding/requests/<int:pk>/", views.request_detail, name="request_detail"),
    path("funding/requests/<int:pk>/grant/", views.request_grant, name="request_grant"),
    path("funding/requests/<int:pk>/decline/", views.request_decline, name="request_decline"),
]
