"""The event stream: one append-only row for every change of state, recorded by the service
that makes the change, in its transaction.

Each app names its kinds in its `choices.py` (a TextChoices whose values start with the app's
label, "initiatives.moved") and registers them in its `AppConfig.ready()`, with a teller for each
kind the public may read: a function that turns an event into what a reader is told, in the
active language, from the event's data alone. The newsletter's draft and the public "you said,
we did" timeline read the stream through the tellers, so the ground floor never imports the
apps above it.
"""

import datetime
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.db import models, transaction
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.text import Truncator

from .districts import districted_models
from .i18n import in_active_language
from .models import Event, SiteSettings


@dataclass(frozen=True)
class Told:
    """What a reader is told of an event: the title of what it is about, the address of its page
    and one sentence about what happened."""

    title: str
    url: str
    text: str


Teller = Callable[[Event], Told]

_labels: dict[str, str] = {}
_tellers: dict[str, Teller] = {}
_as_of: ContextVar[datetime.datetime | None] = ContextVar("events_as_of", default=None)


def register(kinds: type[models.TextChoices], tellers: dict[str, Teller] | None = None) -> None:
    """Make an app's kinds known, with a teller for each kind the public may read."""
    app = kinds.__module__.split(".")[0]
    for kind in kinds:
        if not kind.value.startswith(f"{app}."):
            raise ValueError(f"The event kind {kind.value!r} does not start with {app}.")
        _labels[kind.value] = kind.label
    _tellers.update(tellers or {})


def kind_label(kind: str) -> str:
    return str(_labels.get(kind, kind))


def kind_choices() -> list[tuple[str, str]]:
    """Every registered kind with its label, for filters and preferences."""
    return sorted(((kind, str(label)) for kind, label in _labels.items()), key=lambda c: c[1])


@contextmanager
def as_of(when: datetime.datetime) -> Iterator[None]:
    """Record the events of the actions done inside as having happened at `when`.

    For records of the past entered after the fact, as the demo's story is; everything else is
    stamped at the moment it is recorded. Nothing is recorded as happening in the future.
    """
    token = _as_of.set(when)
    try:
        yield
    finally:
        _as_of.reset(token)


def event_record(
    *, kind: str, subject: models.Model | None, actor=None, data: dict | None = None, public: bool
) -> Event:
    """Write one event, inside the transaction of the action it records.

    `subject` is the object the event is about (None for an action on many, such as an import);
    `actor` the person who did it (None for a resident without an account or a periodic job);
    `public` whether anyone may read it, in which case its kind has a teller.
    """
    if kind not in _labels:
        raise ValueError(f"Unknown event kind {kind!r}: register it in its app's ready().")
    if public and kind not in _tellers:
        raise ValueError(f"A public event of kind {kind!r} needs a teller.")
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("An event is recorded inside the transaction of its action.")
    now = timezone.now()
    return Event.objects.create(
        kind=kind,
        at=min(_as_of.get() or now, now),
        actor=actor if getattr(actor, "pk", None) else None,
        subject=subject,
        public=public,
        data=data or {},
    )


def excerpt(text: str, length: int = 400) -> str:
    """The start of a long text, enough for a line in a newsletter or a timeline."""
    return Truncator(" ".join(text.split())).chars(length)


def in_language(event: Event, name: str) -> str:
    """`<name>_<language>` of the event's data in the active language, else the Swedish one."""
    return in_active_language(name, lambda key: event.data.get(key) or "")


def data_date(event: Event, key: str) -> datetime.date | None:
    """The local date of a date or time in the event's data (kept there as ISO 8601 text)."""
    value = event.data.get(key)
    if not value:
        return None
    if "T" not in value:
        return parse_date(value)
    return timezone.localdate(parse_datetime(value))


def tell(event: Event) -> Told:
    return _tellers[event.kind](event)


def public_events():
    """Events of the current collaboration that anyone may read (and a teller can tell)."""
    return Event.objects.filter(
        public=True, collaboration_id=SiteSettings.current().pk, kind__in=list(_tellers)
    )


@dataclass(frozen=True)
class Line:
    """One entry of a timeline: when, and what a reader is told."""

    at: datetime.datetime
    told: Told


def timeline(*, limit: int, district=None) -> list[Line]:
    """The latest public events as residents are told them, newest first. One query.

    Read for a district, the events about a thing of another district are left out; those
    about the whole collaboration's things, or about things that have no district, stay."""
    events = public_events()
    if district is not None:
        events = events.exclude(_of_other_districts(district))
    return [Line(event.at, tell(event)) for event in events.order_by("-at", "-pk")[:limit]]


def _of_other_districts(district) -> models.Q:
    other = models.Q()
    for model in districted_models():
        other |= models.Q(
            subject_type__app_label=model._meta.app_label,
            subject_type__model=model._meta.model_name,
            subject_id__in=model._default_manager.exclude(district=None)
            .exclude(district=district)
            .values("pk"),
        )
    return other
