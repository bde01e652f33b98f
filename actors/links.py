"""Addresses: of objects that a page shows many times over, and of pages for mails and feeds.

Cards on the board and rows of a list show an object's address many times over, and Django's
reverse() searches the URL patterns and quotes the result on every call, which on a
board of a hundred cards costs more than the rest of the cards together. An object's address
depends only on the view, its key, the language and the script prefix, so each process keeps the
ones it has made.
"""

from functools import lru_cache
from urllib.parse import urlsplit

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, reverse
from django.utils import translation
from django.utils.translation import get_language


def object_url(viewname: str, pk: int) -> str:
    return _reversed(viewname, pk, get_language(), get_script_prefix())


@lru_cache(maxsize=16384)
def _reversed(viewname: str, pk: int, language: str, script_prefix: str) -> str:
    return reverse(viewname, args=[pk])


@receiver(setting_changed)
def _forget(*, setting, **kwargs):
    if setting in {"ROOT_URLCONF", "LANGUAGES"}:
        _reversed.cache_clear()


def absolute_url(path: str) -> str:
    """The address of a path at the portal's public address (SITE_URL), for mails and feeds,
    which are read away from the request that made them."""
    if path.startswith(("http://", "https://")):
        return path
    return f"{settings.SITE_URL}{path}"


def url_in(language: str, viewname: str, *args) -> str:
    """The public address of a page in the given language (English pages live under /en/)."""
    with translation.override(language):
        return absolute_url(reverse(viewname, args=args))


def site_domain() -> str:
    """The public host name, the right-hand side of Message-IDs and calendar UIDs: stable
    whatever host or port a request came in on."""
    return urlsplit(settings.SITE_URL).hostname or "localhost"
