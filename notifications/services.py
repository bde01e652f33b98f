"""Every write of the notifications app: telling people of events, mailing them, and people's
reading and choices.

Reading a notice and choosing how often to be mailed are a person's own business, not a change
in the collaboration, so they record no event.
"""

import datetime
from collections import Counter, defaultdict

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.db.models.functions import Greatest
from django.utils import timezone

from actors.models import Event

from .choices import Frequency, NotificationKind
from .kinds import BY_EVENT_KIND, Batch
from .mail import digest_mail, notices_mail_at_once
from .models import Delivery, Digest, FanOutCursor, Notification, Preference
from .reminders import reminders_due
from .selectors import frequencies

FAN_OUT_BATCH = 500
# An id below the cursor not seen this long after it was first missed belonged to a transaction
# that rolled back; none that commits stays open this long (tasks stop after 30 seconds).
GAP_WAIT = datetime.timedelta(minutes=10)
MAX_GAPS = 1000


def notifications_fan_out(*, batch: int = FAN_OUT_BATCH, mail: bool = True) -> int:
    """Tell people of the events recorded since the last run, a batch at a time until none is
    left; return how many notices were made. With `mail` false (the demo), none is ever mailed.

    Idempotent and safe to run in two workers at once: a batch holds the cursor's row, and a
    second run finds it taken and leaves. A run that dies loses only its current batch's work,
    which the next run does again.
    """
    made = 0
    while True:
        read, told = _fan_out_batch(batch=batch, mail=mail)
        made += told
        if read < batch:
            return made


def _fan_out_batch(*, batch: int, mail: bool) -> tuple[int, int]:
    FanOutCursor.objects.get_or_create(pk=1)
    with transaction.atomic():
        cursor = FanOutCursor.objects.select_for_update(skip_locked=True).filter(pk=1).first()
        if cursor is None:
            return 0, 0
        events = list(
            Event.objects.filter(
                Q(pk__gt=cursor.last_event_id) | Q(pk__in=[int(pk) for pk in cursor.gaps])
            ).order_by("pk")[:batch]
        )
        lookups = Batch(events)
        made = _create(
            [
                Notification(
                    recipient_id=notice.user_id,
                    event=event,
                    kind=kind.kind,
                    key=f"{kind.kind}:{notice.key}"[:120],
                    data=notice.data,
                )
                for event in events
                for kind in BY_EVENT_KIND.get(event.kind, ())
                for notice in kind.told(event, lookups)
                if notice.user_id != event.actor_id
            ],
            mail=mail,
        )
        _move_on(cursor, [event.pk for event in events])
    return len(events), made


def _move_on(cursor: FanOutCursor, seen: list[int]) -> None:
    now = timezone.now()
    gaps = {
        pk: first
        for pk, first in cursor.gaps.items()
        if int(pk) not in seen and datetime.datetime.fromisoformat(first) > now - GAP_WAIT
    }
    new = [pk for pk in seen if pk > cursor.last_event_id]
    if new:
        start = cursor.last_event_id + 1 if cursor.last_event_id else new[0]
        for pk in sorted(set(range(start, new[-1])) - set(new))[:MAX_GAPS]:
            gaps[str(pk)] = now.isoformat()
        cursor.last_event_id = new[-1]
    cursor.gaps = dict(sorted(gaps.items(), key=lambda item: int(item[0]))[-MAX_GAPS:])
    cursor.save()


def _create(notices: list[Notification], *, mail: bool) -> int:
    """Make the notices not yet made for active people, count them on each person's row, and
    mail those wanted at once (or, without `mail`, mark every one as never to be mailed)."""
    if not notices:
        return 0
    User = get_user_model()
    active = User.objects.filter(pk__in={n.recipient_id for n in notices}, is_active=True).in_bulk()
    made = set(
        Notification.objects.filter(
            recipient_id__in=active, key__in={n.key for n in notices}
        ).values_list("recipient_id", "key")
    )
    new = []
    for notice in notices:
        pair = (notice.recipient_id, notice.key)
        if notice.recipient_id in active and pair not in made:
            made.add(pair)
            new.append(notice)
    Notification.objects.bulk_create(new)
    if mail:
        notices_mail_at_once(new, active)
    else:
        Delivery.objects.bulk_create([Delivery(notification=n) for n in new])
    counts = Counter(n.recipient_id for n in new)
    if counts:
        # One UPDATE, however many people and however different their counts.
        User.objects.filter(pk__in=counts).update(
            unread_notifications=F("unread_notifications")
            + Case(
                *(When(pk=user_id, then=Value(count)) for user_id, count in counts.items()),
                output_field=IntegerField(),
            )
        )
    return len(new)


@transaction.atomic
def notification_read(*, notification: Notification) -> Notification:
    """Mark one notice read (again and again: only the first time counts)."""
    updated = Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    if updated:
        _uncount(notification.recipient_id, updated)
    return notification


@transaction.atomic
def notifications_read_all(*, user) -> int:
    """Mark every notice of the person read; one that arrives meanwhile stays unread."""
    updated = Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    if updated:
        _uncount(user.pk, updated)
    return updated


def _uncount(user_id: int, count: int) -> None:
    get_user_model().objects.filter(pk=user_id).update(
        unread_notifications=Greatest(F("unread_notifications") - count, Value(0))
    )


def preferences_save(*, user, chosen: dict[str, str]) -> None:
    """Keep how often the person wants each kind mailed; a kind left out keeps its setting."""
    with transaction.atomic():
        for kind, frequency in chosen.items():
            Preference.objects.update_or_create(
                user=user, kind=NotificationKind(kind), defaults={"frequency": Frequency(frequency)}
            )


def preferences_turn_off(*, user, kinds) -> None:
    """No more mails of these kinds (from a one-click unsubscribe); the portal still lists them."""
    preferences_save(user=user, chosen=dict.fromkeys(kinds, Frequency.OFF))


DIGEST_LOOKBACK = {
    Frequency.DAILY: datetime.timedelta(days=2),
    Frequency.WEEKLY: datetime.timedelta(days=9),
}


def digest_key(frequency: str, day: datetime.date) -> str:
    if frequency == Frequency.WEEKLY:
        year, week, _weekday = day.isocalendar()
        return f"weekly:{year}-W{week:02d}"
    return f"daily:{day.isoformat()}"


def digests_send(*, frequency: str) -> int:
    """Mail each person one digest of the notices of the kinds they want daily (or weekly) that
    no mail has told them of yet; return how many digests were made.

    Idempotent per person and day (or week): the digest's key is unique for its person, and each
    person's digest is made in a transaction of its own, so a run that dies keeps those it made.
    """
    now = timezone.now()
    key = digest_key(frequency, timezone.localdate(now))
    waiting = list(
        Notification.objects.filter(
            delivery__isnull=True,
            created__gte=now - DIGEST_LOOKBACK[frequency],
            created__lte=now,
            recipient__is_active=True,
        )
        .select_related("event", "recipient")
        .order_by("recipient_id", "created", "pk")
    )
    chosen = frequencies(
        user_ids={n.recipient_id for n in waiting}, kinds={n.kind for n in waiting}
    )
    by_person = defaultdict(list)
    for notification in waiting:
        if chosen[notification.recipient_id, notification.kind] == frequency:
            by_person[notification.recipient].append(notification)
    made = 0
    for user, notices in by_person.items():
        with transaction.atomic():
            digest, created = Digest.objects.get_or_create(user=user, key=key)
            if not created:
                continue
            digest_mail(digest=digest, notices=notices, weekly=frequency == Frequency.WEEKLY)
            made += 1
    return made


def reminders_send(*, today: datetime.date) -> int:
    """Make the reminders owed on the day `today` (Stockholm's date) and mail those wanted at
    once; return how many were made. A second run the same day makes none: each reminder's key
    names the day or week it is about."""
    with transaction.atomic():
        return _create(reminders_due(today), mail=True)
