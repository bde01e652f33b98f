"""Notices by mail, through the portal's outbox (actors.mail): each at once, or gathered in a
daily or weekly digest, as the person chose for its kind. A `Delivery` row per notice, made in
the transaction that queues the mail, keeps a notice from being mailed twice; the outbox keeps
it from being lost while the mail server is down."""

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from actors.links import absolute_url, url_in
from actors.mail import mail_owed_from_template, mail_send_template, mails_queue

from .choices import Frequency
from .kinds import KINDS
from .links import unsubscribe_url
from .models import Delivery, Digest, Notification
from .selectors import frequencies

# The portal keeps no language per person: mails speak the collaboration's default.
LANGUAGE = settings.LANGUAGE_CODE


@dataclass(frozen=True)
class MailedNotice:
    label: str
    text: str
    url: str


def _told(notification: Notification) -> MailedNotice:
    kind = KINDS[notification.kind]
    return MailedNotice(
        label=str(kind.kind.label),
        text=kind.text(notification.event, notification.data),
        url=url_in(LANGUAGE, "notifications:open", notification.pk),
    )


def _unsubscribe_headers(url: str) -> dict:
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def _preferences_url() -> str:
    with translation.override(LANGUAGE):
        return absolute_url(reverse("notifications:preferences"))


def notices_mail_at_once(notices: list[Notification], recipients: dict) -> int:
    """Queue a mail for each new notice whose kind its person wants at once; `recipients` are
    the people by id. Called in the transaction that made the notices."""
    chosen = frequencies(
        user_ids={n.recipient_id for n in notices}, kinds={n.kind for n in notices}
    )
    owed = [n for n in notices if chosen[n.recipient_id, n.kind] == Frequency.AT_ONCE]
    Delivery.objects.bulk_create([Delivery(notification=n) for n in owed])
    preferences_url = _preferences_url()
    mails = []
    for notification in owed:
        user = recipients[notification.recipient_id]
        unsubscribe = unsubscribe_url(user=user, kinds=[notification.kind], language=LANGUAGE)
        with translation.override(LANGUAGE):
            told = _told(notification)
        mails.append(
            mail_owed_from_template(
                "notification",
                to=user.email,
                language=LANGUAGE,
                context={
                    **told.__dict__,
                    "preferences_url": preferences_url,
                    "unsubscribe_url": unsubscribe,
                },
                headers=_unsubscribe_headers(unsubscribe),
            )
        )
    mails_queue(mails)
    return len(owed)


def digest_mail(*, digest: Digest, notices: list[Notification], weekly: bool) -> None:
    """Queue one digest of the given notices to its person, in the digest's transaction."""
    user = digest.user
    Delivery.objects.bulk_create([Delivery(notification=n, digest=digest) for n in notices])
    unsubscribe = unsubscribe_url(user=user, kinds=[n.kind for n in notices], language=LANGUAGE)
    with translation.override(LANGUAGE):
        told = [_told(n) for n in notices]
        list_url = absolute_url(reverse("notifications:list"))
    mail_send_template(
        "notification_digest",
        to=user.email,
        language=LANGUAGE,
        context={
            "notices": told,
            "count": len(told),
            "weekly": weekly,
            "list_url": list_url,
            "preferences_url": _preferences_url(),
            "unsubscribe_url": unsubscribe,
        },
        headers=_unsubscribe_headers(unsubscribe),
    )
