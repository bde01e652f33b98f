"""The demo data: a year of biweekly workshops, and loading it twice changes nothing."""

import itertools

import pytest
from django.utils import timezone

from actors import demo as actors_demo
from actors.i18n import translation
from workshops import demo
from workshops.choices import ItemKind, MinutesState, WorkshopStatus
from workshops.models import Attendance, ThemeSuggestion, Workshop, WorkshopItem

pytestmark = pytest.mark.django_db


def snapshot():
    return (
        list(Workshop.objects.order_by("pk").values_list()),
        list(Attendance.objects.order_by("pk").values_list()),
        list(WorkshopItem.objects.order_by("pk").values_list()),
        list(ThemeSuggestion.objects.order_by("pk").values_list("title", "status")),
    )


def test_a_year_of_biweekly_workshops_loaded_twice_is_the_same():
    actors_demo.load()
    demo.load()
    first = snapshot()
    demo.load()
    assert snapshot() == first

    held = Workshop.objects.filter(status=WorkshopStatus.HELD)
    assert 25 <= held.count() <= 28
    assert Workshop.objects.upcoming().exists()
    assert Workshop.objects.filter(minutes_state=MinutesState.DRAFT).count() == 1
    assert Attendance.objects.exists()
    assert WorkshopItem.objects.filter(kind=ItemKind.DECISION).exists()
    assert WorkshopItem.objects.filter(kind=ItemKind.PARKED).exists()
    today = timezone.localdate()
    overdue = WorkshopItem.objects.open_actions().filter(due__lt=today)
    assert overdue.exists()
    assert WorkshopItem.objects.filter(kind=ItemKind.STRENGTH).exists()
    assert all(translation(w.translations, "en", "theme") for w in Workshop.objects.all())


def test_the_minutes_quote_each_theme_as_written():
    """Names in a theme (the council's, RISE) keep their capitals in the text made from it."""
    actors_demo.load()
    demo.load()
    held = list(Workshop.objects.filter(status=WorkshopStatus.HELD))
    for workshop in held:
        assert f"”{workshop.theme_sv}”" in workshop.summary_sv
        english = translation(workshop.translations, "en", "theme")
        assert f"“{english}”" in translation(workshop.translations, "en", "summary")
    assert any("Husbyrådet" in workshop.summary_sv for workshop in held)


def test_an_item_carried_forward_is_one_item_not_a_copy_per_workshop():
    """An action still open, or an idea still parked, is not recorded again at the next workshop:
    the coordinator's dashboard lists each once."""
    actors_demo.load()
    demo.load()
    still_open = list(WorkshopItem.objects.open_actions().values_list("text_sv", flat=True))
    assert len(still_open) == len(set(still_open))
    parked = list(WorkshopItem.objects.in_parking_lot().values_list("text_sv", flat=True))
    assert parked and len(parked) == len(set(parked))
    # The same action comes back only once the earlier one was done.
    actions = WorkshopItem.objects.actions().select_related("workshop")
    by_text = {}
    for action in actions.order_by("workshop__starts_at", "pk"):
        by_text.setdefault(action.text_sv, []).append(action)
    for rows in by_text.values():
        for earlier, later in itertools.pairwise(rows):
            assert earlier.done_at and earlier.done_at <= later.workshop.starts_at
