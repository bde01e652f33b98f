"""Addresses of objects that a page shows many times over: cards on the board, rows of a list.

Django's reverse() searches the URL patterns and quotes the result on every call, which on a
board of a hundred cards costs more than the rest of the cards together. An object's address
depends only on the view, its key, the language and the script prefix, so each process keeps the
ones it has made.
"""

from functools import lru_cache

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, reverse
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
