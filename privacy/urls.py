from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("privacy/", views.notice, name="notice"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("accessibility/sent/", views.barrier_sent, name="barrier_sent"),
    path("account/data/", views.account, name="account"),
    path("account/data/download/", views.data_download, name="data_download"),
    path("account/delete/", views.account_delete, name="account_delete"),
    path("account/deleted/", views.account_deleted, name="account_deleted"),
]
