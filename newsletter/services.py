"""Every write of the newsletter: sign-ups, confirmations, unsubscribing, editions and sending.

Mail never goes out inside a web request. The rows say what is owed: a confirmation mail by
`Subscriber.confirmation_due`, which `confirmations_send_owed` sends every few seconds, so a
sign-up publishes nothing at all; an edition by its pending `Delivery` rows, queued in batches
with `transaction.on_commit` and queued again by the periodic sweep if the broker was down.
"""

import logging
import smtplib
from contextlib import nullcontext, suppress
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.mail import get_connection
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from actors.events import both, event_record
from actors.links import url_in
from actors.queueing import enqueue

from . import draft, links, mail
from .bounces import Bounce
from .choices import Audience, DeliveryStatus, EditionStatus, NewsletterEvent, SubscriberStatus
from .models import Delivery, Edition, Subscriber, email_hash, new_token_key, normalise_email

logger = logging.getLogger(__name__)

MAX_CONFIRMATIONS_PER_DAY = 3
BATCH_SIZE = 100
STUCK_AFTER = timedelta(minutes=10)
# Tries of one delivery before a transient failure counts as failed: three within half a minute,
# three more after the sweep's wait (see tasks.deliver_batch).
MAX_ATTEMPTS = 6
CONFIRMATIONS_PER_RUN = 500


class EditionError(Exception):
    """An action the edition's state does not allow, with a message for the coordinator."""


class LanguagesOutOfStep(ValidationError):
    """A text of the edition changed in one language and not in the other, which has its own."""


# Subscribers -------------------------------------------------------------------------------


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
    from .tasks import send_confirmation

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


def subscriber_confirm(*, token: str) -> Subscriber:
    """Confirm the address in a confirmation link; raises LinkError for a bad, old or used link."""
    payload = links.read_token(token, salt=links.CONFIRM_SALT, max_age=links.CONFIRM_MAX_AGE)
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(pk=payload.subscriber_id).first()
        if subscriber is None:
            raise links.LinkError("invalid")
        if subscriber.token_key != payload.key or subscriber.status != SubscriberStatus.PENDING:
            raise links.LinkError("used")
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


# Editions ----------------------------------------------------------------------------------


def _audience(edition: Edition):
    subscribers = Subscriber.objects.confirmed()
    if edition.audience == Audience.INTERESTS:
        chosen = edition.interests.values("pk")
        subscribers = subscribers.filter(
            Q(all_interests=True) | Q(pk__in=Subscriber.interests.through.objects.filter(
                focusarea_id__in=chosen).values("subscriber_id"))
        )  # fmt: skip
    return subscribers


def edition_audience_size(*, edition: Edition) -> int:
    return _audience(edition).count()


def _same_text(old: str, new: str) -> bool:
    # A browser sends a textarea back with CRLF line ends: that alone is no change.
    return old.replace("\r\n", "\n").strip() == new.replace("\r\n", "\n").strip()


# The field left as it was, when the same text in the other language changed: what to say.
OUT_OF_STEP = {
    "subject_en": gettext_lazy(
        "The Swedish subject changed but this one did not: English readers would get the old "
        "subject. Update it, or confirm below that it stays as it is."
    ),
    "body_en": gettext_lazy(
        "The Swedish text changed but this one did not: English readers would get the old text. "
        "Update it, or confirm below that it stays as it is."
    ),
    "subject_sv": gettext_lazy(
        "The English subject changed but this one did not: Swedish readers would get the old "
        "subject. Update it, or confirm below that it stays as it is."
    ),
    "body_sv": gettext_lazy(
        "The English text changed but this one did not: Swedish readers would get the old text. "
        "Update it, or confirm below that it stays as it is."
    ),
}


def edition_languages_out_of_step(*, edition: Edition, texts: dict[str, str]) -> dict[str, str]:
    """Where an edit changed a text in one language and left the other language's own text as
    it was, so that language's readers would get the old one: {the field left as it was: why}."""
    problems = {}
    for name in ("subject", "body"):
        changed = {
            language: not _same_text(
                getattr(edition, f"{name}_{language}"), texts[f"{name}_{language}"]
            )
            for language in ("sv", "en")
        }
        for language, other in (("sv", "en"), ("en", "sv")):
            if changed[language] and not changed[other] and getattr(edition, f"{name}_{other}"):
                problems[f"{name}_{other}"] = str(OUT_OF_STEP[f"{name}_{other}"])
    return problems


def edition_save(
    *,
    edition: Edition | None = None,
    actor,
    subject_sv: str,
    subject_en: str,
    body_sv: str,
    body_en: str,
    audience: str,
    interests,
    languages_confirmed: bool = False,
) -> Edition:
    """Create an edition or change a draft; a sent or sending edition cannot change.

    A change to a text in one language only, when the other language has a text of its own, is
    saved once the editor confirms it (`languages_confirmed`): its readers would otherwise get the
    old text unwarned.
    """
    subject_sv, subject_en = mail.single_line(subject_sv), mail.single_line(subject_en)
    with transaction.atomic():
        created = edition is None
        if created:
            edition = Edition(created_by=actor)
        else:
            edition = Edition.objects.select_for_update().get(pk=edition.pk)
            if edition.status != EditionStatus.DRAFT:
                raise EditionError(_("This edition has been sent and can no longer be changed."))
            texts = {
                "subject_sv": subject_sv,
                "subject_en": subject_en,
                "body_sv": body_sv,
                "body_en": body_en,
            }
            problems = edition_languages_out_of_step(edition=edition, texts=texts)
            if problems and not languages_confirmed:
                raise LanguagesOutOfStep(problems)
        edition.subject_sv = subject_sv
        edition.subject_en = subject_en
        edition.body_sv = body_sv
        edition.body_en = body_en
        edition.audience = audience
        edition.save()
        edition.interests.set(list(interests) if audience == Audience.INTERESTS else [])
        _edition_event(
            NewsletterEvent.EDITION_CREATED if created else NewsletterEvent.EDITION_CHANGED,
            edition,
            actor,
            audience=audience,
        )
    return edition


def _edition_event(kind: str, edition: Edition, actor, **data) -> None:
    event_record(
        kind=kind,
        subject=edition,
        actor=actor,
        data={**both(edition, "subject"), **data},
        public=False,
    )


def edition_create_draft(*, actor) -> Edition:
    """A new draft with what happened since the last edition went out (or the last 30 days)."""
    last = Edition.objects.exclude(send_started_at=None).order_by("-send_started_at").first()
    since = last.send_started_at if last else timezone.now() - timedelta(days=30)
    subject_sv, body_sv = draft.compose(since=since, language="sv")
    subject_en, body_en = draft.compose(since=since, language="en")
    return edition_save(
        actor=actor,
        subject_sv=subject_sv,
        subject_en=subject_en,
        body_sv=body_sv,
        body_en=body_en,
        audience=Audience.ALL,
        interests=[],
    )


def edition_send_test(*, edition: Edition, actor) -> None:
    """Queue a test copy of the edition, in each of its languages, to the coordinator's address."""
    from .tasks import send_test

    if not actor.email:
        raise EditionError(_("Your account has no e-mail address to send the test to."))
    edition_id, email = edition.pk, actor.email
    transaction.on_commit(lambda: enqueue(send_test, [(edition_id, email)]))


def edition_test_send(*, edition_id: int, email: str) -> int:
    """Send the test copies now (the task's work); returns the number of mails."""
    edition = Edition.objects.get(pk=edition_id)
    languages = ["sv"] + (["en"] if edition.subject_en or edition.body_en else [])
    signup = url_in("sv", "newsletter:signup")
    messages = [
        mail.edition_message(
            mail.edition_content(edition, language, test=True),
            to=email,
            unsubscribe_url=signup,
            preferences_url=signup,
        )
        for language in languages
    ]
    return get_connection().send_messages(messages) or 0


def edition_send(*, edition: Edition, actor) -> int:
    """Send the edition: one pending delivery per recipient, handed out in batches to workers."""
    from .tasks import deliver_batch

    now = timezone.now()
    with transaction.atomic():
        edition = Edition.objects.select_for_update().get(pk=edition.pk)
        if edition.status != EditionStatus.DRAFT:
            raise EditionError(_("This edition is already being sent or has been sent."))
        recipients = _audience(edition).values_list("pk", "language")
        Delivery.objects.bulk_create(
            [
                Delivery(edition=edition, subscriber_id=pk, language=language, queued_at=now)
                for pk, language in recipients.iterator(chunk_size=2000)
            ],
            batch_size=2000,
        )
        edition.status = EditionStatus.SENDING
        edition.sent_by = actor
        edition.send_started_at = now
        edition.save(update_fields=["status", "sent_by", "send_started_at"])
        ids = list(edition.deliveries.order_by("pk").values_list("pk", flat=True))
        _edition_event(NewsletterEvent.EDITION_SENT, edition, actor, recipients=len(ids))
        edition_id = edition.pk
        if not ids:
            edition_complete_if_done(edition_id=edition_id)
        batches = [(edition_id, ids[i : i + BATCH_SIZE]) for i in range(0, len(ids), BATCH_SIZE)]
        transaction.on_commit(lambda: enqueue(deliver_batch, batches))
    return len(ids)


def edition_complete_if_done(*, edition_id: int) -> bool:
    """Mark a sending edition sent once no delivery is pending."""
    pending = Delivery.objects.filter(edition=OuterRef("pk"), status=DeliveryStatus.PENDING)
    return bool(
        Edition.objects.filter(pk=edition_id, status=EditionStatus.SENDING)
        .exclude(Exists(pending))
        .update(status=EditionStatus.SENT, sent_at=timezone.now())
    )


# Delivery ----------------------------------------------------------------------------------


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
    _relax_commits(True)
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
        _relax_commits(False)
        with suppress(Exception):  # a connection that died on us needs no goodbye
            smtp.close()
    edition_complete_if_done(edition_id=edition_id)
    return retry


_RENDERED: dict[tuple, tuple] = {}


def _rendered(edition: Edition, language: str, *, raw: bool):
    """The edition rendered (and serialised) in one language, kept for the worker's next batches.

    A sending edition cannot change; `updated_at` in the key keeps a reused id from matching.
    """
    key = (edition.pk, edition.updated_at, language, raw)
    if key not in _RENDERED:
        if len(_RENDERED) >= 8:
            _RENDERED.clear()
        content = mail.edition_content(edition, language)
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


def _relax_commits(on: bool) -> None:
    """While a batch sends, commit "sent" marks without waiting for the disk.

    A killed worker loses nothing by it: the database still commits. Only a crash of the database
    server itself could forget the last few milliseconds of marks, and those mails would then go
    out twice. Waiting for the disk on every message would cost more than building the message.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET synchronous_commit TO OFF" if on else "RESET synchronous_commit")


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
    from .tasks import deliver_batch

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
