from django.urls import path

from . import views

app_name = "initiatives"

urlpatterns = [
    path("initiatives/", views.initiative_list, name="initiative_list"),
    path("initiatives/new/", views.initiative_create, name="initiative_create"),
    path("initiatives/board/", views.pipeline, name="pipeline"),
    path("initiatives/steps/", views.process_steps_edit, name="process_steps"),
    path("initiatives/<int:pk>/", views.initiative_detail, name="initiative_detail"),
    path("initiatives/<int:pk>/edit/", views.initiative_edit, name="initiative_edit"),
    path("initiatives/<int:pk>/move/", views.initiative_move, name="initiative_move"),
    path("initiatives/<int:pk>/decision/", views.decision_edit, name="decision_edit"),
    path("initiatives/<int:pk>/follow-ups/new/", views.follow_up_create, name="follow_up_create"),
    path("initiatives/<int:pk>/evaluation/", views.evaluation_edit, name="evaluation_edit"),
]
