from django.urls import path

from . import views

app_name = "newsletter"

urlpatterns = [
    path("", views.signup, name="signup"),
    path("thanks/", views.signup_done, name="signup_done"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("preferences/<str:token>/", views.preferences, name="preferences"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("follow/initiative/<int:pk>/", views.follow_initiative, name="follow_initiative"),
    path("follow/need/<int:pk>/", views.follow_need, name="follow_need"),
    path("follow/thanks/", views.follow_sent, name="follow_sent"),
    path("follow/confirm/<str:token>/", views.follow_confirm, name="follow_confirm"),
    path("follow/stop/<str:token>/", views.unfollow, name="unfollow"),
    path("editions/", views.edition_list, name="edition_list"),
    path("editions/new/", views.edition_create, name="edition_create"),
    path("editions/draft/", views.edition_draft, name="edition_draft"),
    path("editions/<int:pk>/", views.edition_detail, name="edition_detail"),
    path("editions/<int:pk>/edit/", views.edition_edit, name="edition_edit"),
    path("editions/<int:pk>/progress/", views.edition_progress, name="edition_progress"),
    path("editions/<int:pk>/test/", views.edition_send_test, name="edition_send_test"),
    path("editions/<int:pk>/send/", views.edition_send, name="edition_send"),
]
