from django.urls import path

from . import views

app_name = "focusgroups"

urlpatterns = [
    path("focus-groups/", views.focusgroup_list, name="focusgroup_list"),
    path("focus-groups/new/", views.focusgroup_create, name="focusgroup_create"),
    path("focus-groups/<int:pk>/", views.focusgroup_detail, name="focusgroup_detail"),
    path("focus-groups/<int:pk>/edit/", views.focusgroup_edit, name="focusgroup_edit"),
    path("focus-groups/<int:pk>/insights/new/", views.insight_create, name="insight_create"),
    path("insights/<int:pk>/edit/", views.insight_edit, name="insight_edit"),
    path("insights/<int:pk>/delete/", views.insight_delete, name="insight_delete"),
    path("consultations/", views.consultation_list, name="consultation_list"),
    path("consultations/new/", views.consultation_create, name="consultation_create"),
    path("consultations/<int:pk>/", views.consultation_detail, name="consultation_detail"),
    path("consultations/<int:pk>/edit/", views.consultation_edit, name="consultation_edit"),
    path("consultations/<int:pk>/answer/", views.consultation_answer, name="consultation_answer"),
    path("ideas/new/", views.idea_submit, name="idea_submit"),
    path(
        "ideas/new/network/<int:pk>/", views.idea_submit_to_network, name="idea_submit_to_network"
    ),
    path("ideas/sent/", views.idea_sent, name="idea_sent"),
    path("ideas/confirm/<str:token>/", views.idea_confirm, name="idea_confirm"),
]
