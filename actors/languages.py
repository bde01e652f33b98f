"""The languages a visitor may read the portal in, and the one they come back to.

A page's language is in its address (`/ar/…`; Swedish has no prefix). The collaboration offers
some of the portal's languages (SiteSettings.languages): an address in a language it does not
offer leads to the same page in Swedish, so an old link shared before a language was withdrawn
still reaches the page.

A visitor who switches language with the language links has the choice remembered in Django's
language cookie; coming back to the site at a Swedish address (the start page typed in, a
bookmark, a link from elsewhere), they are sent to the same page in the language they chose.
Within the site no one is redirected: following a link to a Swedish page is reading in Swedish.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpResponseRedirect
from django.urls import get_urlconf, is_valid_path
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language_from_path, override

from .i18n import offered_languages


def offered_languages_only(get_response):
    def middleware(request):
        # The offered languages are read only when the answer depends on them: a Swedish
        # address asked for without a remembered language (the API, files) costs nothing.
        in_path = get_language_from_path(request.path_info)
        if in_path and in_path != settings.LANGUAGE_CODE and in_path not in offered_languages():
            return _to(request, _unprefixed(request.path_info, in_path))
        reading = in_path or settings.LANGUAGE_CODE
        from_here = _from_this_site(request)
        if not in_path and not from_here and request.method in ("GET", "HEAD"):
            chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
            known = chosen in dict(settings.LANGUAGES) and chosen != settings.LANGUAGE_CODE
            if known and chosen in offered_languages():
                path = f"/{chosen}{request.path_info}"
                with override(chosen):
                    if is_valid_path(path, get_urlconf()):
                        return _to(request, path)
        response = get_response(request)
        if from_here and response.status_code == 200 and _switched(request, reading):
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                reading,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                path=settings.LANGUAGE_COOKIE_PATH,
                domain=settings.LANGUAGE_COOKIE_DOMAIN,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            )
        return response

    return middleware


def _unprefixed(path: str, language: str) -> str:
    return path.removeprefix(f"/{language}") or "/"


def _to(request, path: str) -> HttpResponseRedirect:
    query = request.META.get("QUERY_STRING", "")
    response = HttpResponseRedirect(f"{path}?{query}" if query else path)
    patch_vary_headers(response, ("Cookie",))
    return response


def _referer_path(request) -> str | None:
    referer = request.META.get("HTTP_REFERER")
    if not referer:
        return None
    parts = urlsplit(referer)
    try:
        host = request.get_host()
    except DisallowedHost:
        return None
    return parts.path if parts.netloc == host else None


def _from_this_site(request) -> bool:
    return _referer_path(request) is not None


def _switched(request, reading: str) -> bool:
    """Did the visitor come here from one of the site's pages in another language (a language
    link), to a language that is not the one already remembered?"""
    came_from = get_language_from_path(_referer_path(request) or "") or settings.LANGUAGE_CODE
    return came_from != reading and request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) != reading
