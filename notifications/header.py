"""The header's way to a person's notifications, with how many are unread: read from the user
row that the login has already loaded, so it costs no query of its own."""

from typing import NamedTuple

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


class HeaderLink(NamedTuple):
    label: str
    url: str
    unread: int
    unread_text: str


def header_link(user) -> HeaderLink:
    unread = user.unread_notifications
    return HeaderLink(
        label=_("Notifications"),
        url=reverse("notifications:list"),
        unread=unread,
        unread_text=ngettext("%(count)d unread", "%(count)d unread", unread) % {"count": unread},
    )
