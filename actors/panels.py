"""Sections that later apps contribute to pages this app owns (the start page, the dashboard).

The actors app sits on the ground floor and imports no other app. An app that wants a section on
one of these pages gives itself a `panels.py` with a function named after the page, taking the
request and returning a list of `Panel`s (or `NavLink`s for the menus "nav" and "user_nav");
the lists are collected here in PORTAL_APPS order.
"""

from dataclasses import dataclass, field
from functools import cache
from importlib import import_module
from importlib.util import find_spec

from django.conf import settings


@dataclass(frozen=True)
class Panel:
    """A section of a page, rendered from its own template."""

    template: str
    context: dict = field(default_factory=dict)


@dataclass(frozen=True)
class NavLink:
    """An entry in the main menu ("nav") or the signed-in user's menu ("user_nav")."""

    label: str
    url: str


@cache
def _providers(page: str):
    providers = []
    for app in settings.PORTAL_APPS:
        if find_spec(f"{app}.panels") is None:
            continue
        provider = getattr(import_module(f"{app}.panels"), page, None)
        if provider is not None:
            providers.append(provider)
    return tuple(providers)


def collect(page: str, request) -> list:
    return [panel for provider in _providers(page) for panel in provider(request)]
