"""Reads for the focus-group pages, joined for what each page shows."""

from django.db.models import Count, Prefetch, Window

from actors.districts import in_district
from actors.models import District

from .choices import ConsultationStatus, IdeaStatus
from .models import CouncilConsultation, FocusGroup, Idea, Insight


def focus_group_list(*, district: District | None = None):
    return (
        in_district(FocusGroup.objects.all(), district)
        .select_related("host")
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


def ideas_awaiting_since(*, before):
    """Ideas confirmed before the time `before` that still await moderation."""
    return list(ideas_awaiting().filter(confirmed_at__lt=before))


def consultations_unanswered(*, asked_before):
    """Questions put to the council before the day `asked_before` and still not answered."""
    return list(
        CouncilConsultation.objects.filter(
            status=ConsultationStatus.ASKED, asked_on__lt=asked_before
        ).order_by("asked_on", "pk")
    )


def ideas_awaiting_with_total():
    """Ideas awaiting moderation, each annotated with how many there are in all (one query)."""
    return ideas_awaiting().annotate(total=Window(Count("pk")))
