"""The portal's one way to send a mail: rendered in the recipient's language, kept as an
`OutgoingMail` row in the caller's transaction, and sent by a task once that has committed.

Every mail leaves with the same sender (the collaboration's name at the configured address), a
Message-ID on the public host, a text and an HTML part, and links to the public address
(SITE_URL). A mail server or broker that is down never fails the action that asked for the
mail: the row waits, and the periodic sweep sends it when they are back. A job that queues
many (digests, the fan-out) does so inside `mail_batch`: a few tasks then send them, each over
one connection. The newsletter's
editions and confirmations keep rows of their own (one per recipient) for their volume, and
build their messages from the same parts here. Records of the past entered after the fact keep
the mails they ask for as sent, and send none (`mail_sent_long_ago`).
"""

import logging
import smtplib
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import timedelta
from email.utils import formataddr, make_msgid, parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import connection as db_connection
from django.db import transaction
from django.db.models import Q
from django.dispatch import Signal
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .choices import MailStatus
from .i18n import language_tag
from .links import site_domain
from .models import OutgoingMail, SiteSettings
from .queueing import enqueue, enqueue_on_commit
from .wire import Sender, envelope_recipient, wire_bytes

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 12  # with the backoff below, about a day and a half of trying
# Mails sent over one connection by one run of the sweep or one task of a batch: about 1.4 s to a
# server that answers at once.
SWEEP_BATCH = 200
# A slow server ends a run sooner: with one last send that may take EMAIL_TIMEOUT (10 s), still
# inside a task's soft time limit (25 s), so that no mail is cut off between the server taking
# it and its row saying so. The rest wait for the sweep.
SEND_FOR = 10.0
KEEP_SENT_FOR = timedelta(days=30)
# How long a task may hold the mails it claimed: longer than a task may run (its hard time
# limit, 30 s), so that no mail is given back while its task still sends it.
LEASE = timedelta(minutes=2)

_sent_long_ago: ContextVar[bool] = ContextVar("mail_sent_long_ago", default=False)
_batch: ContextVar["_Handover | None"] = ContextVar("mail_batch", default=None)


def single_line(text: str) -> str:
    """Header text can never carry a line break (header injection)."""
    return " ".join(str(text).split())


def sender(language: str) -> tuple[str, list[str]]:
    """From (the collaboration's name with the configured address) and Reply-To (its contact)."""
    with translation.override(language):
        site = SiteSettings.current()
        name = single_line(site.name)
    address = parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    reply_to = [site.contact_email] if site.contact_email else []
    return formataddr((name, address)), reply_to


def new_message_id() -> str:
    return make_msgid(domain=site_domain())


def render(template: str, *, language: str, context: dict) -> dict:
    """Subject, text and HTML of `emails/<template>-*` in the recipient's language.

    A mail without an HTML template of its own gets the text in the shared layout.
    """
    with translation.override(language):
        context = {"site": SiteSettings.current(), **context}
        subject = single_line(render_to_string(f"emails/{template}-subject.txt", context))
        text = render_to_string(f"emails/{template}-body.txt", context)
        html = html_for(text, language=language)
    return {"subject": subject, "text": text, "html": html}


def html_for(text: str, *, language: str) -> str:
    """The shared HTML layout around a text body: paragraphs kept, addresses made links."""
    with translation.override(language):
        return render_to_string(
            "emails/layout.html", {"site": SiteSettings.current(), "text": text}
        )


@contextmanager
def mail_sent_long_ago() -> Iterator[None]:
    """Record the mails that the actions done inside ask for as sent, and send none of them.

    For records of the past entered after the fact, as the demo's story is: its residents had
    their mails at the time, and no one is to have them again now.
    """
    token = _sent_long_ago.set(True)
    try:
        yield
    finally:
        _sent_long_ago.reset(token)


@contextmanager
def mail_batch() -> Iterator[None]:
    """Hand the mails queued inside to tasks that send SWEEP_BATCH of them each over one
    connection, instead of to a task each: as each of the job's transactions commits, so that
    they leave while the job goes on, and the rest once the job is done.

    For jobs that queue many mails, perhaps in many transactions of their own (a digest per
    person). A mail whose transaction rolled back is never handed over; one whose task dies or
    is never queued (the broker is down) is pending, and the sweep sends it.
    """
    handover = _Handover()
    token = _batch.set(handover)
    try:
        yield
    finally:
        _batch.reset(token)
        # After the job's own transactions, and after an outer one if the job ran inside it.
        transaction.on_commit(handover.rest)


class _Handover:
    """The mails of a `mail_batch` whose transactions have committed, handed to tasks."""

    def __init__(self):
        self.committed: list[int] = []

    def queued(self, mail_ids: list[int]) -> None:
        transaction.on_commit(lambda: self._commit(mail_ids))

    def _commit(self, mail_ids: list[int]) -> None:
        self.committed += mail_ids
        full = len(self.committed) - len(self.committed) % SWEEP_BATCH
        if full:
            _hand_over(self.committed[:full])
            del self.committed[:full]

    def rest(self) -> None:
        if self.committed:
            _hand_over(self.committed)
            self.committed = []


def _hand_over(mail_ids: list[int]) -> None:
    from .tasks import deliver_mails

    enqueue(
        deliver_mails,
        [(mail_ids[at : at + SWEEP_BATCH],) for at in range(0, len(mail_ids), SWEEP_BATCH)],
    )


def mail_owed(
    *,
    to: str,
    language: str,
    subject: str,
    text: str,
    html: str = "",
    headers=None,
    attachments: list[dict] | None = None,
) -> OutgoingMail:
    """The row that owes `to` this mail, not saved yet: `mails_queue` saves many at once.
    `attachments` are text files, each {"filename", "content_type", "content"}."""
    return OutgoingMail(
        recipient=to,
        language=language,
        subject=single_line(subject)[:300],
        body_text=text,
        body_html=html or html_for(text, language=language),
        headers=headers or {},
        attachments=attachments or [],
        message_id=new_message_id(),
    )


def mail_owed_from_template(
    template: str,
    *,
    to: str,
    language: str,
    context: dict,
    headers=None,
    attachments: list[dict] | None = None,
) -> OutgoingMail:
    """`emails/<template>-*` rendered in `language` for `to`, not saved yet."""
    return mail_owed(
        to=to,
        language=language,
        headers=headers,
        attachments=attachments,
        **render(template, language=language, context=context),
    )


def mail_readdressed(mail: OutgoingMail, *, to: str, replace: tuple[str, str]) -> OutgoingMail:
    """A copy of the owed `mail` for `to`, with the text `replace[0]` (a placeholder in its
    bodies and headers) made `replace[1]`, not saved yet: for many readers of one message who
    differ only in a link of their own, which rendering once and replacing makes cheap."""
    old, new = replace
    return OutgoingMail(
        recipient=to,
        language=mail.language,
        subject=mail.subject,
        body_text=mail.body_text.replace(old, new),
        body_html=mail.body_html.replace(old, new),
        headers={name: value.replace(old, new) for name, value in mail.headers.items()},
        attachments=mail.attachments,
        message_id=new_message_id(),
    )


def mails_queue(mails: list[OutgoingMail]) -> list[OutgoingMail]:
    """Save the owed mails in one INSERT; they leave once the caller's transaction commits, a
    task each or, inside `mail_batch`, SWEEP_BATCH over each connection."""
    if _sent_long_ago.get():
        now = timezone.now()
        for mail in mails:
            mail.status, mail.sent_at = MailStatus.SENT, now
    OutgoingMail.objects.bulk_create(mails)
    pending = [mail.pk for mail in mails if mail.status == MailStatus.PENDING]
    batch = _batch.get()
    if batch is not None:
        batch.queued(pending)
    else:
        from .tasks import deliver_mail

        for mail_id in pending:
            enqueue_on_commit(deliver_mail, mail_id)
    return mails


def mail_queue(**owed) -> OutgoingMail:
    """Owe one mail (the arguments of `mail_owed`); it leaves once the caller's transaction
    commits."""
    return mails_queue([mail_owed(**owed)])[0]


def mail_send_template(template: str, **owed) -> OutgoingMail:
    """Render `emails/<template>-*` (the arguments of `mail_owed_from_template`) and owe it."""
    return mails_queue([mail_owed_from_template(template, **owed)])[0]


def message_for(
    mail: OutgoingMail, connection=None, senders: dict | None = None
) -> EmailMultiAlternatives:
    """The message of `mail`; `senders` keeps the sender of each language for a run's next
    mails."""
    from_ = _sender_of(mail, {} if senders is None else senders)
    message = EmailMultiAlternatives(
        subject=mail.subject,
        body=mail.body_text,
        from_email=from_.from_email,
        to=[mail.recipient],
        reply_to=from_.reply_to_list,
        headers={
            "Message-ID": mail.message_id,
            "Content-Language": language_tag(mail.language),
            "Auto-Submitted": "auto-generated",
            **mail.headers,
        },
        connection=connection,
    )
    message.attach_alternative(mail.body_html, "text/html")
    for attachment in mail.attachments:
        message.attach(attachment["filename"], attachment["content"], attachment["content_type"])
    return message


def _sender_of(mail: OutgoingMail, senders: dict) -> Sender:
    if mail.language not in senders:
        senders[mail.language] = Sender(*sender(mail.language))
    return senders[mail.language]


def _transmit(mail: OutgoingMail, connection, senders: dict) -> None:
    """Over an open SMTP connection, the mail's bytes as `wire` writes them; through any other
    mail backend (the console in development, the outbox in tests), or for a mail `wire` leaves
    to Django, Django's message."""
    smtp = getattr(connection, "connection", None)
    if smtp is not None:
        from_ = _sender_of(mail, senders)
        data = wire_bytes(mail, from_)
        if data is not None:
            smtp.sendmail(from_.envelope, [envelope_recipient(mail.recipient)], data)
            return
    message_for(mail, connection, senders).send()


def _backoff(attempts: int) -> timedelta:
    """1, 2, 4 … minutes after each failed attempt, at most three hours."""
    return timedelta(minutes=min(2 ** (attempts - 1), 180))


class Outcome:
    """What one attempt at a mail came to."""

    SENT = "sent"
    SKIPPED = "skipped"  # already sent or given up, or another worker is sending it now
    GIVEN_UP = "given up"  # the server refused it for good, or it was tried long enough
    LATER = "later"  # the server is down or busy: tried again after a pause


def mail_deliver(*, mail_id: int, task_id: str = "") -> str:
    """Send one owed mail and say how it went. Idempotent: a mail already sent, given up or
    claimed by another task is left alone."""
    claimed = _claim([mail_id], task_id)
    if not claimed:
        return Outcome.SKIPPED
    try:
        return _send(claimed[0], connection=None)
    finally:
        _give_back(claimed)  # only if something unforeseen stopped it half way


def _claim(mail_ids: list[int], task_id: str) -> list[OutgoingMail]:
    """Take the pending mails among `mail_ids` for this task, in order, for LEASE. A task handed
    out again (its worker died) takes back those it had claimed and not sent."""
    claimable = Q(status=MailStatus.PENDING)
    if task_id:
        claimable |= Q(status=MailStatus.SENDING, lease_task=task_id)
    with transaction.atomic():
        mails = list(
            OutgoingMail.objects.select_for_update(skip_locked=True)
            .filter(claimable, pk__in=mail_ids)
            .order_by("pk")
        )
        OutgoingMail.objects.filter(pk__in=[mail.pk for mail in mails]).update(
            status=MailStatus.SENDING, lease_until=timezone.now() + LEASE, lease_task=task_id
        )
    for mail in mails:
        mail.status = MailStatus.SENDING
    return mails


def _send(mail: OutgoingMail, connection, senders: dict | None = None) -> str:
    """Send one claimed mail and mark how it went: sent, given up, or pending again later."""
    try:
        _transmit(mail, connection, {} if senders is None else senders)
    except (smtplib.SMTPException, OSError, ValueError) as error:
        permanent = _permanent(error)
        if permanent and isinstance(error, smtplib.SMTPRecipientsRefused):
            mail_refused.send(sender=OutgoingMail, mail=mail)
        return _failed(mail, error, permanent=permanent)
    # One plain statement that commits at once: the ORM's would cost more than sending.
    with db_connection.cursor() as cursor:
        cursor.execute(_MARK_SENT, [MailStatus.SENT, timezone.now(), mail.pk])
    mail.status = MailStatus.SENT
    return Outcome.SENT


_MARK_SENT = (
    f"UPDATE {OutgoingMail._meta.db_table} "  # noqa: S608 - no outside input
    "SET status = %s, sent_at = %s, lease_until = NULL WHERE id = %s"
)


def _give_back(mails: list[OutgoingMail]) -> None:
    """The claimed mails not sent nor marked: pending again, at once."""
    left = [mail.pk for mail in mails if mail.status == MailStatus.SENDING]
    if left:
        OutgoingMail.objects.filter(pk__in=left, status=MailStatus.SENDING).update(
            status=MailStatus.PENDING, lease_until=None
        )


# Sent with `mail=` when the server refuses a mail's recipient for good (a 5xx answer to RCPT):
# an app that keeps addresses stops mailing that one.
mail_refused = Signal()


def _permanent(error: Exception) -> bool:
    """A 5xx answer, or an address or header no message can carry (ValueError), will not change
    on a second try; a 4xx answer or a dead connection may."""
    if isinstance(error, ValueError):
        return True
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _text in error.recipients.values())
    return isinstance(error, smtplib.SMTPResponseException) and error.smtp_code >= 500


def _failed(mail: OutgoingMail, error: Exception, *, permanent: bool) -> str:
    logger.warning("Mail %s to %s not sent: %r", mail.pk, mail.recipient, error)
    mail.attempts += 1
    mail.last_error = f"{error.__class__.__name__}: {error}"[:300]
    mail.lease_until = None
    if permanent or mail.attempts >= MAX_ATTEMPTS:
        mail.status = MailStatus.FAILED
    else:
        mail.status = MailStatus.PENDING
        mail.next_attempt_at = timezone.now() + _backoff(mail.attempts)
    mail.save(update_fields=["attempts", "last_error", "status", "next_attempt_at", "lease_until"])
    return Outcome.GIVEN_UP if mail.status == MailStatus.FAILED else Outcome.LATER


def mail_deliver_many(*, mail_ids: list[int], task_id: str = "") -> int:
    """Send the owed mails among `mail_ids` over one connection, in order, and return how many
    were sent. They are claimed at once (SENDING, for LEASE) and each marked sent the moment the
    server took it, in a statement of its own. A server that puts one off (down or busy), or is
    slow enough to use up SEND_FOR, ends the run: the rest are pending again for the sweep, as
    every mail is when the server takes no connection at all."""
    mails = _claim(mail_ids, task_id)
    if not mails:
        return 0
    sent, until, senders = 0, time.monotonic() + SEND_FOR, {}
    relax_commits(True)
    try:
        with get_connection() as connection:
            for mail in mails:
                outcome = _send(mail, connection, senders)
                sent += outcome == Outcome.SENT
                if outcome == Outcome.LATER or time.monotonic() > until:
                    break
    except (smtplib.SMTPException, OSError) as error:
        logger.warning("Mail server unavailable: %r", error)
    finally:
        _give_back(mails)
        relax_commits(False)
    return sent


def relax_commits(on: bool) -> None:
    """While a batch sends, commit "sent" marks without waiting for the disk.

    A killed worker loses nothing by it: the database still commits. Only a crash of the database
    server itself could forget the last few milliseconds of marks, and those mails would then go
    out twice. Waiting for the disk on every message would cost more than building the message.
    """
    if db_connection.vendor == "postgresql":
        with db_connection.cursor() as cursor:
            cursor.execute("SET synchronous_commit TO OFF" if on else "RESET synchronous_commit")


def mail_sweep() -> dict:
    """Send the mails that are due (over one connection), and forget mails sent long ago.

    Run every minute by celery beat; a server still down ends the run at its first refusal.
    """
    now = timezone.now()
    # Mails whose task died holding them: its worker is gone, or the lease would still run.
    OutgoingMail.objects.filter(status=MailStatus.SENDING, lease_until__lt=now).update(
        status=MailStatus.PENDING, lease_until=None
    )
    due = list(
        OutgoingMail.objects.filter(status=MailStatus.PENDING, next_attempt_at__lte=now)
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:SWEEP_BATCH]
    )
    sent = mail_deliver_many(mail_ids=due)
    forgotten, _by_model = OutgoingMail.objects.filter(
        status=MailStatus.SENT, sent_at__lt=now - KEEP_SENT_FOR
    ).delete()
    return {"due": len(due), "sent": sent, "forgotten": forgotten}
