"""Events as the apps' services record them, for the fan-out to tell."""

import datetime

import pytest
from django.db import transaction
from django.utils import timezone

from actors.events import event_record
from actors.i18n import in_every_language
from actors.translations import translate
from initiatives.choices import InitiativeStep
from initiatives.models import Initiative, InitiativeStepChange
from notifications.services import notifications_fan_out
from tests.initiatives.factories import InitiativeFactory
from tests.workshops.factories import WorkshopFactory


def record(kind: str, subject, actor=None, **data):
    with transaction.atomic():
        return event_record(kind=kind, subject=subject, actor=actor, data=data, public=False)


def moved(initiative, to_step: str, actor=None):
    return record(
        "initiatives.moved",
        initiative,
        actor,
        title_sv=initiative.title_sv,
        **{"from": "proposal", "to": to_step},
    )


def logged(workshop, actor=None, *, owners):
    """A workshop logged with one action for each owner organisation."""
    return record(
        "workshops.logged",
        workshop,
        actor,
        **in_every_language(workshop, "theme"),
        actions=[
            {
                "item": 1000 + n,
                "owner": owner.pk,
                "due": datetime.date(2026, 12, 1),
                "text_sv": f"Åtgärd {n}",
                "text_so": f"Hawl {n}",
            }
            for n, owner in enumerate(owners)
        ],
    )


def in_english(instance, **texts):
    """The instance, saved with English translations of the named texts."""
    translate(instance, "en", **texts)
    instance.save()
    return instance


def at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))


def standing(step: str, since: datetime.date, lead, **fields) -> Initiative:
    """An initiative moved to `step` on the day `since`, led by `lead`."""
    initiative = InitiativeFactory(step=step, lead_organisation=lead, **fields)
    InitiativeStepChange.objects.create(
        initiative=initiative, from_step=InitiativeStep.NEEDS, to_step=step, at=at(since)
    )
    return initiative


@pytest.fixture
def fan_out():
    return notifications_fan_out


@pytest.fixture
def initiative(organisation):
    return InitiativeFactory(lead_organisation=organisation, title_sv="Läxhjälp")


@pytest.fixture
def workshop(db):
    return in_english(WorkshopFactory(theme_sv="Trygghet"), theme="Safety")
