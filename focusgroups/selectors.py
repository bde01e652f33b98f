"""Reads for the focus-group pages, joined for what each page shows."""

from django.db.models import Count, Prefetch

from .choices import IdeaStatus
from .models import CouncilConsultation, FocusGroup, Idea, Insight


def focus_group_list():
    return (
        FocusGroup.objects.select_related("host")
        .prefetch_related("target_groups")
        .annotate(insight_count=Count("insights"))
        .order_by("-held_on", "-pk")
    )


def focus_group_detail(pk: int) -> FocusGroup:
    return (
        FocusGroup.objects.select_related("host")
        .prefetch_related(
            "target_groups",
            Prefetch("insights", queryset=Insight.objects.prefetch_related("focus_areas", "needs")),
        )
        .get(pk=pk)
    )


def consultation_list():
    return CouncilConsultation.objects.prefetch_related("needs")


def ideas_awaiting():
    return Idea.objects.filter(status=IdeaStatus.AWAITING).order_by("confirmed_at", "pk")
