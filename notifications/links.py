"""Signed addresses in notification mails: one-click unsubscribe (RFC 8058) from the kinds a
mail tells of, usable without logging in. The signature binds the person, their address and the
kinds."""

from django.core import signing

from actors.links import url_in

from .choices import NotificationKind

SALT = "notifications.unsubscribe"


class BadLink(Exception):
    """A link that was tampered with, or names a person or kind no longer there."""


def unsubscribe_url(*, user, kinds: list[str], language: str) -> str:
    token = signing.dumps(
        {"u": user.pk, "e": user.email, "k": sorted(set(kinds))}, salt=SALT, compress=True
    )
    return url_in(language, "notifications:unsubscribe", token)


def unsubscribe_target(token: str) -> tuple:
    """The person and the kinds an unsubscribe link names."""
    from django.contrib.auth import get_user_model

    try:
        data = signing.loads(token, salt=SALT)
    except signing.BadSignature as error:
        raise BadLink from error
    kinds = data.get("k") if isinstance(data, dict) else None
    if not kinds or not isinstance(kinds, list) or not set(kinds) <= set(NotificationKind.values):
        raise BadLink
    user = get_user_model().objects.filter(pk=data.get("u"), email=data.get("e")).first()
    if user is None:
        raise BadLink
    return user, [NotificationKind(kind) for kind in kinds]
