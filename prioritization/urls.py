from django.urls import path

from . import round_views, views

app_name = "prioritization"

urlpatterns = [
    path("focus-areas/", views.focusarea_list, name="focusarea_list"),
    path("focus-areas/new/", views.focusarea_create, name="focusarea_create"),
    path("focus-areas/<slug:slug>/", views.focusarea_detail, name="focusarea_detail"),
    path("focus-areas/<slug:slug>/edit/", views.focusarea_edit, name="focusarea_edit"),
    path("target-groups/new/", views.targetgroup_create, name="targetgroup_create"),
    path("target-groups/<slug:slug>/", views.targetgroup_detail, name="targetgroup_detail"),
    path("target-groups/<slug:slug>/edit/", views.targetgroup_edit, name="targetgroup_edit"),
    path("indicators/", views.indicator_list, name="indicator_list"),
    path("indicators/new/", views.indicator_create, name="indicator_create"),
    path("indicators/import/", views.datapoint_import, name="datapoint_import"),
    path("indicators/<slug:slug>/", views.indicator_detail, name="indicator_detail"),
    path("indicators/<slug:slug>/edit/", views.indicator_edit, name="indicator_edit"),
    path("needs/", views.need_list, name="need_list"),
    path("needs/new/", views.need_create, name="need_create"),
    path("needs/<int:pk>/", views.need_detail, name="need_detail"),
    path("needs/<int:pk>/edit/", views.need_edit, name="need_edit"),
    path("needs/<int:pk>/outcomes/new/", views.outcome_create, name="outcome_create"),
    path("outcomes/<int:pk>/", views.outcome_detail, name="outcome_detail"),
    path("outcomes/<int:pk>/edit/", views.outcome_edit, name="outcome_edit"),
    path(
        "outcomes/<int:pk>/interventions/new/",
        views.intervention_create,
        name="intervention_create",
    ),
    path("interventions/<int:pk>/edit/", views.intervention_edit, name="intervention_edit"),
    path("ideas/moderation/", views.idea_queue, name="idea_queue"),
    path("ideas/<int:pk>/moderate/", views.idea_moderate, name="idea_moderate"),
    path("prioritisation/", round_views.round_list, name="round_list"),
    path("prioritisation/matrix/", round_views.matrix, name="matrix"),
    path("prioritisation/new/", round_views.round_create, name="round_create"),
    path("prioritisation/<int:pk>/", round_views.round_detail, name="round_detail"),
    path("prioritisation/<int:pk>/score/", round_views.round_score, name="round_score"),
    path("prioritisation/<int:pk>/close/", round_views.round_close, name="round_close"),
]
