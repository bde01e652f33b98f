from django.urls import path

from . import views

app_name = "workshops"

urlpatterns = [
    path("workshops/", views.workshop_list, name="list"),
    path("workshops/new/", views.workshop_create, name="create"),
    path("workshops/calendar.ics", views.calendar_feed, name="feed"),
    path("workshops/actions/", views.action_list, name="actions"),
    path("workshops/actions/update/", views.action_list_update, name="actions_update"),
    path("workshops/actions/<int:pk>/", views.action_update, name="action_update"),
    path("workshops/parking-lot/", views.parking_lot, name="parking_lot"),
    path(
        "workshops/parking-lot/<int:pk>/date/",
        views.parked_item_schedule,
        name="parked_item_schedule",
    ),
    path(
        "workshops/parking-lot/<int:pk>/archive/",
        views.parked_item_archive,
        name="parked_item_archive",
    ),
    path("workshops/attendance/", views.attendance_overview, name="attendance"),
    path("workshops/themes/", views.theme_list, name="themes"),
    path("workshops/themes/new/", views.theme_suggest, name="theme_suggest"),
    path("workshops/themes/<int:pk>/taken-up/", views.theme_take_up, name="theme_take_up"),
    path("workshops/settings/", views.meeting_settings, name="settings"),
    path("workshops/<int:pk>/matrices/new/", views.matrix_create, name="matrix_create"),
    path("workshops/matrices/<int:pk>/", views.matrix_edit, name="matrix_edit"),
    path("workshops/matrices/<int:pk>/remove/", views.matrix_remove, name="matrix_remove"),
    path("workshops/<int:pk>/", views.workshop_detail, name="detail"),
    path("workshops/<int:pk>/edit/", views.workshop_edit, name="edit"),
    path("workshops/<int:pk>/log/", views.workshop_log, name="log"),
    path("workshops/<int:pk>/cancel/", views.workshop_cancel, name="cancel"),
    path("workshops/<int:pk>/publish/", views.workshop_publish, name="publish"),
    path("workshops/<int:pk>/comments/", views.comment_add, name="comment"),
    path("workshops/<int:pk>/calendar.ics", views.workshop_ics, name="ics"),
    path("workshops/<int:pk>/photos/new/", views.photo_add, name="photo_add"),
    path("workshops/photos/<int:pk>/", views.photo, name="photo"),
    path("workshops/photos/<int:pk>/remove/", views.photo_remove, name="photo_remove"),
]
