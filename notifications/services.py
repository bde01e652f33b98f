"""Every write of the notifications app: telling people of events, mailing them, and people's
reading and choices.

Reading a notice and choosing how often to be mailed are a person's own business, not a change
in the collaboration, so they record no event.
"""

import datetime
import logging
from collections import Counter, defaultdict
from functools import partial

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Case, F, IntegerField, Value, When
from django.db.models.functions import Greatest
from django.utils import timezone

from actors.eventstream import stream_read
from actors.locks import run_alone
from actors.mail import mail_batch
from actors.models import Event

from .choices import Frequency, NotificationKind
from .kinds import BY_EVENT_KIND, Batch
from .mail import digest_mail, notices_mail_at_once
from .models import Delivery, Digest, FanOutCursor, Notification, Preference
from .reminders import reminders_due
from .selectors import frequencies

logger = logging.getLogger(__name__)

FAN_OUT_BATCH = 500


def notifications_fan_out(*, batch: int = FAN_OUT_BATCH, mail: bool = True) -> int:
    """Tell people of the events recorded since the last run, a batch at a time until none is
    left; return how many notices were made. With `mail` false (the demo), none is ever mailed.

    Idempotent and safe to run in two workers at once: the stream's reader lets one run read at
    a time (`actors.eventstream`). A run that dies loses only its current batch's work, which
    the next run does again; the mails of the batches it finished are in the outbox.
    """
    with mail_batch():
        return stream_read(
            cursor=FanOutCursor, batch=batch, consume=partial(_fan_out_events, mail=mail)
        )


def _fan_out_events(events: list[Event], *, mail: bool) -> tuple[int, int]:
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
    return made, len(events)


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
    A run that starts while another of the same frequency works leaves the work to it. The
    digests leave over one connection per batch of mails (`mail_batch`), not one each.
    """
    with run_alone(f"notifications.digests.{frequency}") as alone:
        if not alone:
            logger.info("The %s digests are being made by another run", frequency)
            return 0
        with mail_batch():
            return _digests_make(frequency)


def _digests_make(frequency: str) -> int:
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


def reminders_send(*, today: datetime.date, mail: bool = True) -> int:
    """Make the reminders owed on the day `today` (Stockholm's date) and mail those wanted at
    once (with `mail` false, the demo's, none ever); return how many were made. A second run the
    same day makes none: each reminder's key names the day or week it is about. A run that
    starts while another works leaves at once, rather than racing it to the same reminders."""
    with run_alone("notifications.reminders") as alone:
        if not alone:
            logger.info("The reminders are being made by another run")
            return 0
        with mail_batch(), transaction.atomic():
            return _create(reminders_due(today), mail=mail)
