"""Reads for initiative pages, each joined for what its page shows."""

from django.db.models import Count, Prefetch, Q

from .choices import BOARD_STEPS
from .models import FollowUp, Initiative


def initiative_list_public(*, focus_area=None, step=None):
    queryset = Initiative.objects.public().select_related("focus_area", "lead_organisation")
    if focus_area:
        queryset = queryset.filter(focus_area__slug=focus_area)
    if step:
        queryset = queryset.filter(step=step)
    return queryset.order_by("-created", "-pk")


def initiative_thread(pk: int):
    """Everything the public page of one initiative shows, in a fixed number of queries."""
    return (
        Initiative.objects.select_related(
            "focus_area",
            "lead_organisation",
            "decision__workshop",
            "evaluation",
            "intervention",
        )
        .prefetch_related(
            "partners",
            "target_groups",
            "needs__focus_area",
            "needs__insights__focus_group",
            "insights__focus_group",
            "consultations",
            "outcomes__measures__indicator",
            Prefetch(
                "follow_ups",
                queryset=FollowUp.objects.prefetch_related("reach__target_group", "measures"),
            ),
            "evaluation__achievements__outcome",
            "log__actor",
        )
        .get(pk=pk)
    )


CARDS_PER_COLUMN = 12


def pipeline(*, focus_area=None, organisation=None, target_group=None):
    """The board: per step, how many initiatives stand there and the most recently moved ones.

    One query for the counts and one per column, however many initiatives there are.
    """
    queryset = Initiative.objects.filter(step__in=BOARD_STEPS)
    if focus_area:
        queryset = queryset.filter(focus_area__slug=focus_area)
    if organisation:
        queryset = queryset.filter(
            Q(lead_organisation__slug=organisation) | Q(partners__slug=organisation)
        )
    if target_group:
        queryset = queryset.filter(target_groups__slug=target_group)
    queryset = queryset.distinct()
    counts = dict(queryset.order_by().values_list("step").annotate(n=Count("pk", distinct=True)))
    cards = queryset.select_related("focus_area", "lead_organisation").order_by("-updated", "-pk")
    return [
        {
            "step": step,
            "count": counts.get(step, 0),
            "initiatives": list(cards.filter(step=step)[:CARDS_PER_COLUMN]),
        }
        for step in BOARD_STEPS
    ]
