"""Deliveries: the engine that mails a sending edition to each recipient, in batches over one
SMTP connection, records bounces, and sweeps up what a broker outage or a dead worker left."""

import smtplib
from contextlib import suppress
from datetime import timedelta

from django.core.mail import get_connection
from django.db import DatabaseError, connection, transaction
from django.db.models import Exists, F, OuterRef
from django.utils import timezone

from actors.mail import relax_commits
from actors.queueing import enqueue

from .. import links, mail
from ..bounces import Bounce
from ..choices import DeliveryStatus, EditionStatus, SubscriberStatus
from ..models import Delivery, Edition, Subscriber
from . import following, languages

BATCH_SIZE = 100
STUCK_AFTER = timedelta(minutes=10)
# Tries of one delivery before a transient failure counts as failed: three within half a minute,
# three more after the sweep's wait (see tasks.deliver_batch).
MAX_ATTEMPTS = 6


def edition_complete_if_done(*, edition_id: int) -> bool:
    """Mark a sending edition sent once no delivery is pending."""
    pending = Delivery.objects.filter(edition=OuterRef("pk"), status=DeliveryStatus.PENDING)
    return bool(
        Edition.objects.filter(pk=edition_id, status=EditionStatus.SENDING)
        .exclude(Exists(pending))
        .update(status=EditionStatus.SENT, sent_at=timezone.now())
    )


def _smtp_code(error: Exception) -> int | None:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _message in error.recipients.values()]
        return max(codes) if codes else None
    return getattr(error, "smtp_code", None)


def _is_permanent(error: Exception) -> bool:
    """5xx answers (and a message that cannot be built) will not get better by trying again."""
    if isinstance(error, (ValueError, UnicodeError)):
        return True
    code = _smtp_code(error)
    return code is not None and 500 <= code < 600


def _describe(error: Exception) -> str:
    return f"{type(error).__name__}: {error}"[:1000]


def deliveries_send_batch(*, edition_id: int, delivery_ids: list[int]) -> list[int]:
    """Send the pending deliveries among `delivery_ids` over one SMTP connection.

    Each delivery is sent inside its own short transaction that holds the row's lock (taken with
    SKIP LOCKED, so two workers never send the same one) and marks it sent before committing. A
    worker killed mid-send leaves its row pending and unlocked; the only possible duplicate is the
    one message on the wire at that instant. Returns the ids that failed transiently, for a retry.
    """
    rows = list(
        Delivery.objects.filter(pk__in=delivery_ids, status=DeliveryStatus.PENDING)
        .select_related("subscriber")
        .order_by("pk")
    )
    if not rows:
        edition_complete_if_done(edition_id=edition_id)
        return []
    edition = Edition.objects.get(pk=edition_id)
    contents: dict[str, mail.EditionContent] = {}
    retry: list[int] = []
    smtp = get_connection()
    try:
        smtp.open()
    except (OSError, smtplib.SMTPException) as error:
        _note_transient([row.pk for row in rows], error)
        return [row.pk for row in rows]
    # Over a real SMTP connection each message is sent from the edition serialised once per
    # language (see mail.PreparedEdition); other mail backends get full messages.
    raw = getattr(smtp, "connection", None) is not None
    prepared: dict[str, mail.PreparedEdition | None] = {}
    relax_commits(True)
    claims = _claims()
    try:
        for index, row in enumerate(rows):
            subscriber = row.subscriber
            if subscriber.status != SubscriberStatus.CONFIRMED or not subscriber.email:
                claims.flush()
                Delivery.objects.filter(pk=row.pk, status=DeliveryStatus.PENDING).update(
                    status=DeliveryStatus.SKIPPED
                )
                continue
            try:
                if not claims.claim(row.pk):
                    continue  # sent, or being sent by another worker right now
                if row.language not in contents:
                    contents[row.language], prepared[row.language] = _rendered(
                        edition, row.language, raw=raw
                    )
                message_id = mail.message_id(edition_id, row.pk)
                if fast := prepared[row.language]:
                    token = links.make_token(subscriber, salt=links.MANAGE_SALT)
                    to = mail.envelope_recipient(subscriber)
                    smtp.connection.sendmail(
                        fast.from_address,
                        [to],
                        fast.message_bytes(to=to, message_id=message_id, token=token),
                    )
                else:
                    message = mail.delivery_message(
                        contents[row.language], delivery=row, subscriber=subscriber
                    )
                    smtp.send_messages([message])
                claims.sent(row.pk, message_id)
            except (OSError, smtplib.SMTPException, ValueError, UnicodeError) as error:
                claims.release()
                if _is_permanent(error):
                    Delivery.objects.filter(pk=row.pk, status=DeliveryStatus.PENDING).update(
                        status=DeliveryStatus.FAILED,
                        attempts=F("attempts") + 1,
                        error=_describe(error),
                    )
                    if isinstance(error, smtplib.SMTPRecipientsRefused):
                        _stop_mail_to(subscriber.pk)
                    continue
                broken = isinstance(error, (OSError, smtplib.SMTPServerDisconnected))
                failed = [r.pk for r in rows[index:]] if broken else [row.pk]
                _note_transient(failed, error)
                retry += failed
                if broken:
                    break
        claims.flush()
    finally:
        claims.release()  # only does something when an unexpected error left a claim open
        relax_commits(False)
        with suppress(Exception):  # a connection that died on us needs no goodbye
            smtp.close()
    edition_complete_if_done(edition_id=edition_id)
    return retry


_RENDERED: dict[tuple, tuple] = {}


def _rendered(edition: Edition, language: str, *, raw: bool):
    """The edition rendered (and serialised) in one language, kept for the worker's next batches.

    A sending edition cannot change; `updated_at` in the key keeps a reused id from matching.
    """
    text_language = languages.edition_text_language(edition, language)
    key = (edition.pk, edition.updated_at, language, text_language, raw)
    if key not in _RENDERED:
        if len(_RENDERED) >= 8:
            _RENDERED.clear()
        content = mail.edition_content(edition, language, text_language=text_language)
        _RENDERED[key] = (content, raw and mail.prepare(content) or None)
    return _RENDERED[key]


# The statements run for every message are plain SQL: building them with the ORM would cost more
# than the database takes to run them.
_TABLE = Delivery._meta.db_table
_LOCK_PENDING = f"SELECT id FROM {_TABLE} WHERE id = %s AND status = %s"  # noqa: S608
_MARK_SENT = (
    f"UPDATE {_TABLE} SET status = %s, sent_at = %s, attempts = attempts + 1, "  # noqa: S608
    "message_id = %s, error = '' WHERE id = %s"
)


class _AtomicClaims:
    """Claims through Django's atomic(), one savepoint per delivery (inside tests' transactions).

    `claim(id)` locks the delivery if it is pending, `sent(id, message_id)` marks it and commits,
    `release()` gives up the current claim, `flush()` makes sure nothing is left uncommitted.
    """

    def __init__(self):
        self.atomic = None

    def claim(self, delivery_id: int) -> bool:
        self.atomic = transaction.atomic()
        self.atomic.__enter__()
        sql = _LOCK_PENDING
        if connection.features.has_select_for_update_skip_locked:
            sql += " FOR UPDATE SKIP LOCKED"
        with connection.cursor() as cursor:
            cursor.execute(sql, [delivery_id, DeliveryStatus.PENDING])
            claimed = cursor.fetchone() is not None
        if not claimed:
            self._end()
        return claimed

    def sent(self, delivery_id: int, message_id: str) -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                _MARK_SENT, [DeliveryStatus.SENT, timezone.now(), message_id, delivery_id]
            )
        self._end()

    def release(self) -> None:
        if self.atomic is not None:
            atomic, self.atomic = self.atomic, None
            atomic.__exit__(DatabaseError, DatabaseError("released"), None)  # rolls back

    def flush(self) -> None:
        self._end()

    def _end(self) -> None:
        if self.atomic is not None:
            atomic, self.atomic = self.atomic, None
            atomic.__exit__(None, None, None)


class _PipelinedClaims:
    """The same on PostgreSQL in a worker, in one database round trip per message.

    A delivery's "sent" mark and COMMIT travel with the next delivery's BEGIN and lock; the
    last mark goes with `flush()`. The next message is sent only once that round trip has
    answered, so at most one sent message is ever waiting for its mark: the one a killed
    worker may send twice.
    """

    def __init__(self):
        self.open = False  # a transaction holding a claim (or nothing) is open
        self.mark: list | None = None  # the "sent" mark waiting to travel

    def _prefix(self) -> tuple[list[str], list]:
        statements, params = [], []
        if self.mark is not None:
            statements.append(_MARK_SENT)
            params += self.mark
            self.mark = None
        if self.open:
            statements.append("COMMIT")
            self.open = False
        return statements, params

    def claim(self, delivery_id: int) -> bool:
        statements, params = self._prefix()
        statements += ["BEGIN", _LOCK_PENDING + " FOR UPDATE SKIP LOCKED"]
        params += [delivery_id, DeliveryStatus.PENDING]
        with connection.cursor() as cursor:
            self.open = True
            cursor.execute("; ".join(statements), params)
            while cursor.cursor.nextset():
                pass
            return cursor.fetchone() is not None

    def sent(self, delivery_id: int, message_id: str) -> None:
        self.mark = [DeliveryStatus.SENT, timezone.now(), message_id, delivery_id]

    def release(self) -> None:
        if self.open:
            self.mark = None  # a mark is only ever waiting inside the open transaction
            self.open = False
            with connection.cursor() as cursor:
                cursor.execute("ROLLBACK")

    def flush(self) -> None:
        statements, params = self._prefix()
        if statements:
            with connection.cursor() as cursor:
                cursor.execute("; ".join(statements), params)


def _claims():
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        return _PipelinedClaims()
    return _AtomicClaims()


def _note_transient(delivery_ids: list[int], error: Exception) -> None:
    # The attempt counts as a queueing: the sweep hands these out again STUCK_AFTER from now.
    Delivery.objects.filter(pk__in=delivery_ids, status=DeliveryStatus.PENDING).update(
        attempts=F("attempts") + 1, error=_describe(error), queued_at=timezone.now()
    )


def deliveries_give_up(*, edition_id: int, delivery_ids: list[int]) -> list[int]:
    """Transient failures tried MAX_ATTEMPTS times become failures (the error is already
    recorded); returns the ids among `delivery_ids` still pending, worth another try."""
    if not delivery_ids:
        return []
    pending = Delivery.objects.filter(pk__in=delivery_ids, status=DeliveryStatus.PENDING)
    if pending.filter(attempts__gte=MAX_ATTEMPTS).update(status=DeliveryStatus.FAILED):
        edition_complete_if_done(edition_id=edition_id)
    return list(pending.order_by("pk").values_list("pk", flat=True))


def bounce_record(bounce: Bounce) -> Delivery | None:
    """Mark a sent delivery bounced; a permanent bounce stops all mail to the address.

    Returns None, changing nothing, when the report matches no delivery to that address.
    """
    with transaction.atomic():
        delivery = (
            Delivery.objects.select_for_update()
            .select_related("subscriber")
            .filter(pk=bounce.delivery_id, edition_id=bounce.edition_id)
            .first()
        )
        if delivery is None or delivery.subscriber.email.lower() != bounce.recipient:
            return None
        delivery.status = DeliveryStatus.BOUNCED
        delivery.error = bounce.diagnostic
        delivery.save(update_fields=["status", "error"])
        if bounce.permanent:
            _stop_mail_to(delivery.subscriber_id)
            following.followers_bounced(email_hash_value=delivery.subscriber.email_hash)
    return delivery


def _stop_mail_to(subscriber_id: int) -> None:
    """The address does not receive mail: sending on would only hurt every other delivery."""
    Subscriber.objects.filter(pk=subscriber_id, status=SubscriberStatus.CONFIRMED).update(
        status=SubscriberStatus.BOUNCED
    )


# The periodic sweep ------------------------------------------------------------------------


def newsletter_sweep(*, stuck_after: timedelta = STUCK_AFTER) -> dict:
    """Queue again the deliveries left behind (the broker was down, a worker died, or a mail
    server still failed after a batch's quick retries).

    Re-queueing is always safe: a batch skips every delivery that is sent or being sent.
    """
    from ..tasks import deliver_batch

    now = timezone.now()
    requeued = 0
    for edition_id in Edition.objects.filter(status=EditionStatus.SENDING).values_list(
        "pk", flat=True
    ):
        with transaction.atomic():
            stuck = list(
                Delivery.objects.select_for_update(skip_locked=True)
                .filter(
                    edition_id=edition_id,
                    status=DeliveryStatus.PENDING,
                    queued_at__lte=now - stuck_after,
                )
                .order_by("pk")
                .values_list("pk", flat=True)
            )
            Delivery.objects.filter(pk__in=stuck).update(queued_at=now)
            batches = [
                (edition_id, stuck[i : i + BATCH_SIZE]) for i in range(0, len(stuck), BATCH_SIZE)
            ]
            transaction.on_commit(lambda batches=batches: enqueue(deliver_batch, batches))
            requeued += len(stuck)
        edition_complete_if_done(edition_id=edition_id)
    return {"requeued": requeued}
