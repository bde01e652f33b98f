"""Subscribers: the double opt-in, preferences and unsubscribing from signed links."""

import logging
import smtplib
from contextlib import nullcontext

from django.core.mail import get_connection
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from actors.queueing import enqueue

from .. import links, mail
from ..choices import DeliveryStatus, SubscriberStatus
from ..models import Delivery, Subscriber, email_hash, new_token_key, normalise_email

logger = logging.getLogger(__name__)

MAX_CONFIRMATIONS_PER_DAY = 3
CONFIRMATIONS_PER_RUN = 500


def subscriber_sign_up(
    *, email: str, name: str, language: str, interests, consent_text: str
) -> Subscriber:
    """Record a sign-up and owe the address a confirmation mail (at most a few a day).

    A confirmed address is left as it is: the form must not reveal or change someone's
    subscription. A pending or unsubscribed address starts (again) the double opt-in.
    """
    email = normalise_email(email)
    interests = list(interests)
    now = timezone.now()
    answers = {
        "email": email,
        "name": mail.single_line(name),
        "language": language,
        "all_interests": not interests,
        "consent_text": consent_text,
        "consent_language": language,
    }
    # Most sign-ups are new addresses: one INSERT, without the lock the others need. On its own
    # it is atomic; a transaction (a savepoint inside an outer one) is only needed to add the
    # interests with it, or to carry on after a duplicate inside an outer transaction.
    needs_transaction = bool(interests) or connection.in_atomic_block
    try:
        with transaction.atomic() if needs_transaction else nullcontext():
            subscriber = Subscriber.objects.create(
                email_hash=email_hash(email),
                confirmation_day=timezone.localdate(now),
                confirmations_that_day=1,
                confirmation_due=True,
                confirmation_requested_at=now,
                **answers,
            )
            if interests:  # add() opens a transaction even for nothing
                subscriber.interests.add(*interests)
    except IntegrityError:
        subscriber, owed = _sign_up_again(email, answers, interests, now)
        if not owed:
            return subscriber
    _without_a_worker_send_now(subscriber.pk)
    return subscriber


def _without_a_worker_send_now(subscriber_id: int) -> None:
    """Without a broker (make run, the tests) no beat runs `confirmations_send_owed`: send the
    mail once the sign-up is committed. With one, the request leaves it to that task."""
    from ..tasks import send_confirmation

    if send_confirmation.app.conf.task_always_eager:
        transaction.on_commit(lambda: enqueue(send_confirmation, [(subscriber_id,)]))


def _sign_up_again(email: str, answers: dict, interests: list, now) -> tuple[Subscriber, bool]:
    """Sign-up of a known address; returns the subscriber and whether a mail is owed now."""
    today = timezone.localdate(now)
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().get(email_hash=email_hash(email))
        if subscriber.status == SubscriberStatus.CONFIRMED:
            return subscriber, False
        if subscriber.status == SubscriberStatus.UNSUBSCRIBED:
            subscriber.token_key = new_token_key()
            subscriber.unsubscribed_at = None
        subscriber.status = SubscriberStatus.PENDING
        for field, value in answers.items():
            setattr(subscriber, field, value)
        if subscriber.confirmation_day != today:
            subscriber.confirmation_day = today
            subscriber.confirmations_that_day = 0
        owed = subscriber.confirmations_that_day < MAX_CONFIRMATIONS_PER_DAY
        if owed:
            subscriber.confirmations_that_day += 1
            subscriber.confirmation_due = True
            subscriber.confirmation_requested_at = now
        subscriber.save()
        subscriber.interests.set(interests)
    return subscriber, owed


def confirmation_send(*, subscriber_id: int, smtp=None) -> bool:
    """Send the confirmation mail this subscriber is owed; False when nothing is owed (any more)
    or another worker is sending it right now."""
    with transaction.atomic():
        subscriber = (
            Subscriber.objects.select_for_update(skip_locked=True)
            .filter(pk=subscriber_id, status=SubscriberStatus.PENDING, confirmation_due=True)
            .first()
        )
        if subscriber is None:
            return False
        # Sent while the row is locked: if sending fails the mail stays owed.
        message = mail.confirmation_message(subscriber)
        message.connection = smtp
        message.send()
        subscriber.confirmation_due = False
        subscriber.save(update_fields=["confirmation_due"])
    return True


def confirmations_send_owed(*, limit: int = CONFIRMATIONS_PER_RUN) -> int:
    """Send owed confirmation mails, oldest first, over one SMTP connection; returns how many.

    Runs every few seconds (CELERY_BEAT_SCHEDULE). Rows another run is sending are skipped, so
    runs that overlap never send one mail twice; a mail that fails stays owed for the next run.
    """
    owed = list(
        Subscriber.objects.filter(confirmation_due=True, status=SubscriberStatus.PENDING)
        .order_by("confirmation_requested_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    if not owed:
        return 0
    sent = 0
    with get_connection() as smtp:
        for subscriber_id in owed:
            try:
                sent += confirmation_send(subscriber_id=subscriber_id, smtp=smtp)
            except (OSError, smtplib.SMTPException):
                logger.exception("Confirmation mail to subscriber %s failed", subscriber_id)
    return sent


def subscriber_to_confirm(*, token: str) -> Subscriber:
    """The subscriber a confirmation link would confirm, changing nothing: opening the link (as
    mail scanners do) only shows the button that confirms. LinkError as `subscriber_confirm`."""
    return links.pending_to_confirm(token, Subscriber.objects.all(), salt=links.CONFIRM_SALT)


def subscriber_confirm(*, token: str) -> Subscriber:
    """Confirm the address in a confirmation link; raises LinkError for a bad, old or used link,
    with the reason "confirmed" when the address already is."""
    with transaction.atomic():
        subscriber = links.pending_to_confirm(
            token, Subscriber.objects.select_for_update(), salt=links.CONFIRM_SALT
        )
        subscriber.status = SubscriberStatus.CONFIRMED
        subscriber.consented_at = timezone.now()
        subscriber.confirmation_due = False
        subscriber.token_key = new_token_key()
        subscriber.save()
    return subscriber


def subscriber_from_manage_token(token: str) -> Subscriber:
    """The subscriber a preferences or unsubscribe link belongs to; LinkError otherwise."""
    payload = links.read_token(token, salt=links.MANAGE_SALT)
    subscriber = Subscriber.objects.filter(pk=payload.subscriber_id).first()
    if subscriber is None:
        raise links.LinkError("invalid")
    if subscriber.status == SubscriberStatus.UNSUBSCRIBED:
        raise links.LinkError("unsubscribed")
    if subscriber.token_key != payload.key:
        raise links.LinkError("used")
    return subscriber


def subscriber_update_preferences(
    *, subscriber: Subscriber, name: str, language: str, interests
) -> Subscriber:
    """Change name, language and interests from the signed preferences link."""
    interests = list(interests)
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        subscriber.name = mail.single_line(name)
        subscriber.language = language
        subscriber.all_interests = not interests
        subscriber.save(update_fields=["name", "language", "all_interests"])
        subscriber.interests.set(interests)
    return subscriber


def subscriber_unsubscribe(*, subscriber: Subscriber) -> Subscriber:
    """Stop all mail and delete the address and name; only the address's hash remains."""
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        if subscriber.status == SubscriberStatus.UNSUBSCRIBED:
            return subscriber
        subscriber.status = SubscriberStatus.UNSUBSCRIBED
        subscriber.email = ""
        subscriber.name = ""
        subscriber.all_interests = False
        subscriber.confirmation_due = False
        subscriber.token_key = new_token_key()
        subscriber.unsubscribed_at = timezone.now()
        subscriber.save()
        subscriber.interests.clear()
        Delivery.objects.filter(subscriber=subscriber, status=DeliveryStatus.PENDING).update(
            status=DeliveryStatus.SKIPPED
        )
    return subscriber
