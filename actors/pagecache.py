"""Whole pages for anonymous visitors, kept in the cache until the data behind them changes.

A visitor with no session and no pending message gets the same page as every other such visitor,
so it can be served from the cache. Any write to a model of the portal's apps bumps one version
number, which every cached page's key contains: the next visitor gets a fresh page. Writes that
no public page shows (settings.PAGE_CACHE_IGNORED_MODELS, e.g. newsletter deliveries) leave the
cache alone.

A page is keyed on its path, its language and the query parameters its view declares with
`@varies_on_query` — nothing else, so `?utm_source=…` in a thousand shapes is one page. The view
of a cached request sees only those parameters, so what it renders cannot depend on the others.

Forms on cached pages (the footer's newsletter sign-up, the idea form) carry a CSRF token that
belongs to one visitor. The stored copy has a placeholder in its place, and each visitor who is
served the copy gets their own token in it, with the cookie that goes with it.
"""

import re
from urllib.parse import urlencode

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse, QueryDict
from django.middleware.csrf import CSRF_TOKEN_LENGTH, get_token

VERSION_KEY = "pagecache:version"
TIMEOUT = 600
# As long as a real token, so a stored page keeps its Content-Length when the token goes in.
CSRF_PLACEHOLDER = b"P" * CSRF_TOKEN_LENGTH
_CSRF_INPUT = re.compile(
    rb'(name="csrfmiddlewaretoken" value=")[A-Za-z0-9]{%d}(")' % CSRF_TOKEN_LENGTH
)


def page_cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def varies_on_query(*names: str):
    """Declare the query parameters a public page reads (filters, page number)."""

    def decorator(view):
        view.page_cache_query = frozenset(names)
        return view

    return decorator


def current_version() -> int:
    cache = page_cache()
    version = cache.get(VERSION_KEY)
    if version is None:
        version = 1
        cache.add(VERSION_KEY, version, None)
    return version


def bump(**kwargs) -> None:
    cache = page_cache()
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.add(VERSION_KEY, 2, None)


def connect_invalidation() -> None:
    """Bump the version on every write to a model that a public page may show."""
    ignored = {label.lower() for label in settings.PAGE_CACHE_IGNORED_MODELS}
    for app_label in settings.PORTAL_APPS:
        for model in apps.get_app_config(app_label).get_models():
            if model._meta.label_lower in ignored:
                continue
            uid = f"pagecache:{model._meta.label_lower}"
            post_save.connect(bump, sender=model, dispatch_uid=f"{uid}:save")
            post_delete.connect(bump, sender=model, dispatch_uid=f"{uid}:delete")
            for field in model._meta.local_many_to_many:
                m2m_changed.connect(
                    bump, sender=field.remote_field.through, dispatch_uid=f"{uid}:{field.name}"
                )


def declared_query(view_func) -> frozenset[str]:
    declared = getattr(view_func, "page_cache_query", None)
    if declared is None:
        declared = getattr(getattr(view_func, "view_class", None), "page_cache_query", frozenset())
    return declared


class AnonymousPageCacheMiddleware:
    """Serve and store GET pages for visitors who carry no session, message or form state."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        key = getattr(request, "_page_cache_key", None)
        if key is not None and self._cacheable_response(request, response):
            page_cache().set(key, self._storable(response), TIMEOUT)
            response["X-Page-Cache"] = "miss"
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not self._cacheable_request(request):
            return None
        declared = declared_query(view_func)
        request.GET = QueryDict(
            urlencode(
                [
                    (name, value)
                    for name in sorted(declared.intersection(request.GET))
                    for value in request.GET.getlist(name)
                ]
            )
        )
        query = request.GET.urlencode()
        key = f"pagecache:{current_version()}:{request.LANGUAGE_CODE}:{request.path}?{query}"
        cached = page_cache().get(key)
        if cached is not None:
            return self._served(request, cached)
        request._page_cache_key = key
        return None

    @staticmethod
    def _storable(response) -> HttpResponse:
        """A copy of the page without the first visitor's CSRF token."""
        return HttpResponse(
            _CSRF_INPUT.sub(rb"\1" + CSRF_PLACEHOLDER + rb"\2", response.content),
            status=response.status_code,
            headers=dict(response.items()),
        )

    @staticmethod
    def _served(request, response):
        if CSRF_PLACEHOLDER in response.content:
            # get_token also has the CSRF middleware set this visitor's cookie on the way out.
            response.content = response.content.replace(
                CSRF_PLACEHOLDER, get_token(request).encode()
            )
        response["X-Page-Cache"] = "hit"
        return response

    @staticmethod
    def _cacheable_request(request) -> bool:
        return (
            settings.PAGE_CACHE_ENABLED
            and request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and "messages" not in request.COOKIES
            and not request.path.startswith(tuple(settings.PAGE_CACHE_EXCLUDED_PATHS))
        )

    @staticmethod
    def _cacheable_response(request, response) -> bool:
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not request.user.is_authenticated
            and "private" not in response.get("Cache-Control", "")
            and "no-cache" not in response.get("Cache-Control", "")
        )
