"""Notices by mail, through the portal's outbox (actors.mail): each at once, or gathered in a
daily or weekly digest, as the person chose for its kind. A `Delivery` row per notice, made in
the transaction that queues the mail, keeps a notice from being mailed twice; the outbox keeps
it from being lost while the mail server is down."""

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from actors.links import absolute_url, url_in
from actors.mail import mail_owed_from_template, mails_queue

from .choices import Frequency
from .kinds import KINDS, Link
from .links import unsubscribe_url
from .models import Delivery, Digest, Notification
from .selectors import frequencies


def language_of(user) -> str:
    """The language a person's mails speak: the one they last chose, if the portal still
    offers it."""
    return user.language if user.language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


@dataclass(frozen=True)
class MailedNotice:
    label: str
    text: str
    url: str
    links: list[Link]
    # Where a digest, which carries no files, links to the calendar file a mail at once carries.
    calendar_url: str = ""


def _told(notification: Notification, language: str) -> MailedNotice:
    kind = KINDS[notification.kind]
    return MailedNotice(
        label=str(kind.kind.label),
        text=kind.text(notification.event, notification.data),
        url=url_in(language, "notifications:open", notification.pk),
        links=[
            Link(link.text, absolute_url(link.url))
            for link in kind.links(notification.event, notification.data)
        ],
        calendar_url=(
            url_in(language, kind.calendar.viewname, notification.data["pk"])
            if kind.calendar
            else ""
        ),
    )


def _calendar_files(notices: list[Notification]) -> Callable[[Notification], list[dict]]:
    """What each of the notices' mails carries attached: the calendar file of its kind, read
    for all the notices together."""
    readers = {
        kind: KINDS[kind].calendar.read([n.data for n in notices if n.kind == kind])
        for kind in {n.kind for n in notices}
        if KINDS[kind].calendar
    }

    def files(notification: Notification) -> list[dict]:
        read = readers.get(notification.kind)
        file = read(notification.data) if read else None
        return [file] if file else []

    return files


def _mail_to(user, template: str, *, language: str, context: dict, unsubscribe: str, **more):
    """The mail `template` owes `user`, with the headers that let a mail client unsubscribe."""
    return mail_owed_from_template(
        template,
        to=user.email,
        language=language,
        context=context,
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
        **more,
    )


def _preferences_url() -> str:
    """In the active language: called where a mail's language is."""
    return absolute_url(reverse("notifications:preferences"))


def notices_mail_at_once(notices: list[Notification], recipients: dict) -> int:
    """Queue a mail for each new notice whose kind its person wants at once; `recipients` are
    the people by id. Called in the transaction that made the notices."""
    chosen = frequencies(
        user_ids={n.recipient_id for n in notices}, kinds={n.kind for n in notices}
    )
    owed = [n for n in notices if chosen[n.recipient_id, n.kind] == Frequency.AT_ONCE]
    Delivery.objects.bulk_create([Delivery(notification=n) for n in owed])
    files = _calendar_files(owed)
    mails = []
    for notification in owed:
        user = recipients[notification.recipient_id]
        language = language_of(user)
        unsubscribe = unsubscribe_url(user=user, kinds=[notification.kind], language=language)
        with translation.override(language):
            attachments = files(notification)
            context = {
                **_told(notification, language).__dict__,
                "preferences_url": _preferences_url(),
                "unsubscribe_url": unsubscribe,
                "attached": bool(attachments),
            }
        mails.append(
            _mail_to(
                user,
                "notification",
                language=language,
                context=context,
                unsubscribe=unsubscribe,
                attachments=attachments,
            )
        )
    mails_queue(mails)
    return len(owed)


def digest_mail(*, digest: Digest, notices: list[Notification], weekly: bool) -> None:
    """Queue one digest of the given notices to its person, in the digest's transaction."""
    user = digest.user
    Delivery.objects.bulk_create([Delivery(notification=n, digest=digest) for n in notices])
    language = language_of(user)
    unsubscribe = unsubscribe_url(user=user, kinds=[n.kind for n in notices], language=language)
    with translation.override(language):
        told = [_told(n, language) for n in notices]
        context = {
            "notices": told,
            "count": len(told),
            "weekly": weekly,
            "list_url": absolute_url(reverse("notifications:list")),
            "preferences_url": _preferences_url(),
            "unsubscribe_url": unsubscribe,
        }
    mails_queue(
        [
            _mail_to(
                user,
                "notification_digest",
                language=language,
                context=context,
                unsubscribe=unsubscribe,
            )
        ]
    )
