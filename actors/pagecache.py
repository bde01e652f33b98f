"""Whole pages for anonymous visitors, kept in the cache until the data behind them changes.

A visitor with no session and no pending message gets the same page as every other such visitor,
so it can be served from Redis. Any write to a model of the portal's apps bumps one version
number, which every cached page's key contains: the next visitor gets a fresh page. Writes that
no public page shows (settings.PAGE_CACHE_IGNORED_MODELS, e.g. newsletter deliveries) leave the
cache alone.
"""

import logging

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save

logger = logging.getLogger(__name__)

VERSION_KEY = "pagecache:version"
TIMEOUT = 600


def current_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        version = 1
        cache.add(VERSION_KEY, version, None)
    return version


def bump(**kwargs) -> None:
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


class AnonymousPageCacheMiddleware:
    """Serve and store GET pages for visitors who carry no session, message or form state."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self._cacheable_request(request):
            return self.get_response(request)
        key = f"pagecache:{current_version()}:{request.LANGUAGE_CODE}:{request.get_full_path()}"
        cached = cache.get(key)
        if cached is not None:
            response = cached
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if self._cacheable_response(request, response):
            response["X-Page-Cache"] = "miss"
            cache.set(key, response, TIMEOUT)
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
            and not getattr(request, "_page_cache_bypass", False)
            and not request.user.is_authenticated
            and "private" not in response.get("Cache-Control", "")
        )
