"""Factories for the workshops app."""

import datetime

import factory
from django.utils import timezone

from workshops.choices import ItemKind, MinutesState, WorkshopStatus
from workshops.models import (
    Attendance,
    MatrixEntry,
    MeetingSettings,
    MinutesComment,
    PrioritisationMatrix,
    ThemeSuggestion,
    Workshop,
    WorkshopItem,
    WorkshopPhoto,
)


def days_from_now(days: int, hour: int = 16) -> datetime.datetime:
    moment = timezone.localtime() + datetime.timedelta(days=days)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


class WorkshopFactory(factory.django.DjangoModelFactory):
    """A workshop held a week ago, with draft minutes."""

    class Meta:
        model = Workshop

    starts_at = factory.LazyFunction(lambda: days_from_now(-7))
    place = "Folkets Husby"
    theme_sv = factory.Sequence(lambda n: f"Tema {n}")
    status = WorkshopStatus.HELD
    minutes_state = MinutesState.DRAFT
    summary_sv = "Vi pratade om trygghet."
    notes = "Internt: lokalen var för liten."


class PlannedWorkshopFactory(WorkshopFactory):
    starts_at = factory.LazyFunction(lambda: days_from_now(7))
    status = WorkshopStatus.PLANNED
    minutes_state = MinutesState.NONE
    summary_sv = ""
    notes = ""


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    workshop = factory.SubFactory(WorkshopFactory)
    people = 2


class ItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkshopItem

    workshop = factory.SubFactory(WorkshopFactory)
    kind = ItemKind.DECISION
    text_sv = factory.Sequence(lambda n: f"Punkt {n}")


class ActionFactory(ItemFactory):
    kind = ItemKind.ACTION
    responsible = "Amina"
    due = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=7))


class ParkedItemFactory(ItemFactory):
    kind = ItemKind.PARKED
    look_again_on = factory.LazyFunction(lambda: timezone.localdate())


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MinutesComment

    workshop = factory.SubFactory(WorkshopFactory)
    text = "Det saknas ett beslut."


class ThemeSuggestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ThemeSuggestion

    title = factory.Sequence(lambda n: f"Förslag {n}")


class PhotoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkshopPhoto

    workshop = factory.SubFactory(WorkshopFactory)
    image = factory.django.ImageField(width=64, height=48, format="JPEG", color="orange")
    caption_sv = factory.Sequence(lambda n: f"Blädderblock {n}")


def meeting_settings(**values) -> MeetingSettings:
    """The collaboration's meeting settings saved with `values` (e.g. Helsingborg's monthly
    development group: cadence="monthly", has_coming_questions=True)."""
    from django.core.cache import cache

    settings, _created = MeetingSettings.objects.update_or_create(pk=1, defaults=values)
    cache.delete(MeetingSettings.CACHE_KEY)
    return settings


class MatrixFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PrioritisationMatrix

    workshop = factory.SubFactory(WorkshopFactory)
    title_sv = "Behov att arbeta vidare med"
    x_axis_sv = "Insats"
    y_axis_sv = "Effekt"


class MatrixEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MatrixEntry

    matrix = factory.SubFactory(MatrixFactory)
    text_sv = factory.Sequence(lambda n: f"Behov {n}")
    x = 1
    y = 3
