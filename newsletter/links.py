"""Signed links that work without a login.

Each link carries the subscriber's id and `token_key`. Rotating the key (on confirmation and on
unsubscribing) voids every link sent before, which makes a confirmation link single-use.
"""

from dataclasses import dataclass

from django.core import signing
from django.urls import reverse
from django.utils import translation

from actors.links import absolute_url, url_in

from .choices import SubscriberStatus

CONFIRM_SALT = "newsletter.confirm"
MANAGE_SALT = "newsletter.manage"
CONFIRM_MAX_AGE = 60 * 60 * 24 * 3  # a confirmation link works for three days


class LinkError(Exception):
    """A signed link that cannot be used: "invalid" (altered), "expired", "used",
    "unsubscribed", or for a confirmation link "confirmed" (the address already is)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class LinkPayload:
    subscriber_id: int
    key: str


def make_token(subscriber, *, salt: str) -> str:
    return signing.dumps([subscriber.pk, subscriber.token_key], salt=salt)


def read_token(token: str, *, salt: str, max_age: int | None = None) -> LinkPayload:
    try:
        value = signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired as error:
        raise LinkError("expired") from error
    except signing.BadSignature as error:
        raise LinkError("invalid") from error
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not isinstance(value[0], int)
        or not isinstance(value[1], str)
    ):
        raise LinkError("invalid")
    return LinkPayload(subscriber_id=value[0], key=value[1])


def pending_to_confirm(token: str, rows, *, salt: str):
    """The pending subscriber or follower in `rows` a confirmation link is for; LinkError saying
    why it is not: "confirmed" (it already is, however old the link), "unsubscribed", "used" (a
    newer link replaced it), "expired" or "invalid"."""
    payload = read_token(token, salt=salt)
    row = rows.filter(pk=payload.subscriber_id).first()
    if row is None:
        raise LinkError("invalid")
    if row.status == SubscriberStatus.CONFIRMED:
        raise LinkError("confirmed")
    if row.status == SubscriberStatus.UNSUBSCRIBED:
        raise LinkError("unsubscribed")
    if row.token_key != payload.key:
        raise LinkError("used")
    read_token(token, salt=salt, max_age=CONFIRM_MAX_AGE)
    return row


def confirm_url(subscriber) -> str:
    token = make_token(subscriber, salt=CONFIRM_SALT)
    return url_in(subscriber.language, "newsletter:confirm", token)


def preferences_url(subscriber) -> str:
    token = make_token(subscriber, salt=MANAGE_SALT)
    return url_in(subscriber.language, "newsletter:preferences", token)


def manage_urls(subscriber) -> tuple[str, str]:
    """The unsubscribe and preferences addresses of a subscriber (one signature for both)."""
    token = make_token(subscriber, salt=MANAGE_SALT)
    with translation.override(subscriber.language):
        return (
            absolute_url(reverse("newsletter:unsubscribe", args=[token])),
            absolute_url(reverse("newsletter:preferences", args=[token])),
        )


FOLLOW_CONFIRM_SALT = "newsletter.follow.confirm"
UNFOLLOW_SALT = "newsletter.follow.stop"


def follow_confirm_url(follower) -> str:
    token = make_token(follower, salt=FOLLOW_CONFIRM_SALT)
    return url_in(follower.language, "newsletter:follow_confirm", token)


def unfollow_url(follower) -> str:
    """The one-click address that stops this follow (RFC 8058), also the link in every mail."""
    token = make_token(follower, salt=UNFOLLOW_SALT)
    return url_in(follower.language, "newsletter:unfollow", token)
