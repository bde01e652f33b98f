"""What every answer of the open-data API gets, refusals included: the rate limit, CORS for any
origin, an ETag (and Last-Modified where the view knows it) with 304 for a client that already
holds the answer, and a cache of whole answers that every write to the portal empties.

A middleware rather than per-view code, so a 400, a 404 and the OpenAPI document get the same
headers as the lists, and a refused client costs no database query.
"""

import hashlib

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.utils import translation
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.utils.translation import gettext as _

from actors.pagecache import current_version, page_cache
from actors.ratelimit import Limit, client_address, first_exceeded

PREFIX = "/api/"
CACHED_PREFIX = "/api/v1/"
READ_METHODS = ("GET", "HEAD")
JSON = "application/json; charset=utf-8"
CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers": "ETag, Last-Modified, Retry-After",
}
PREFLIGHT_HEADERS = {
    **CORS_HEADERS,
    "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
    "Access-Control-Allow-Headers": "If-None-Match, If-Modified-Since",
    "Access-Control-Max-Age": "86400",
}
# As long as an anonymous page stays in the page cache; a write empties both sooner.
CACHE_SECONDS = 600


def api_limit() -> Limit:
    return Limit("api", settings.API_REQUESTS_PER_MINUTE, 60)


def etag_of(content: bytes) -> str:
    digest = hashlib.sha256(content).hexdigest()[:32]
    return f'"{digest}"'


def open_data_api(get_response):
    """Placed before the portal's own refusals (a NUL character in the query), so that those
    reach an API client as JSON too; it picks the language of its messages from Accept-Language
    itself, since the API's addresses have no language prefix."""

    def middleware(request):
        if not request.path.startswith(PREFIX):
            return get_response(request)
        with translation.override(translation.get_language_from_request(request)):
            return _api(request, get_response)

    return middleware


def clients_language(get_response):
    """Below LocaleMiddleware, which gives every address without a language prefix Swedish: the
    API's addresses have none, and its messages follow the client's Accept-Language."""

    def middleware(request):
        if request.path.startswith(PREFIX):
            translation.activate(translation.get_language_from_request(request))
            request.LANGUAGE_CODE = translation.get_language()
        return get_response(request)

    return middleware


def _api(request, get_response):
    if request.method == "OPTIONS":
        response = HttpResponse(status=204)
    elif request.method not in READ_METHODS:
        response = _read_only()
    elif request.path == CACHED_PREFIX:
        response = JsonResponse({"openapi": f"{CACHED_PREFIX}openapi.json"})
    else:
        response = _limited(request) or _answer(request, get_response)
    for header, value in (
        PREFLIGHT_HEADERS if request.method == "OPTIONS" else CORS_HEADERS
    ).items():
        response[header] = value
    return response


def _as_json(status: int) -> JsonResponse:
    """An answer of the portal's own error pages (HTML), as an API client can read it."""
    code, message = {
        400: ("bad_request", _("The request cannot be read.")),
        404: ("not_found", _("The API has no such address.")),
    }.get(status, ("server_error", _("Something went wrong on our side. Try again later.")))
    return JsonResponse({"error": code, "message": message}, status=status)


def _read_only():
    """The API takes no writes, at any address, the OpenAPI document's included."""
    response = JsonResponse(
        {"error": "method_not_allowed", "message": _("The open-data API is read-only.")},
        status=405,
    )
    response["Allow"] = "GET, HEAD, OPTIONS"
    return response


def _limited(request):
    limit = api_limit()
    if first_exceeded((limit, client_address(request))) is None:
        return None
    response = JsonResponse(
        {
            "error": "too_many_requests",
            "message": _("Too many requests: at most %(limit)d a minute. Try again later.")
            % {"limit": limit.limit},
        },
        status=429,
    )
    response["Retry-After"] = str(limit.window)
    return response


def _cache_key(request) -> str | None:
    if not (
        settings.PAGE_CACHE_ENABLED
        and request.method in READ_METHODS
        and request.path.startswith(CACHED_PREFIX)
    ):
        return None
    query = "&".join(sorted(request.META.get("QUERY_STRING", "").split("&")))
    digest = hashlib.sha256(f"{request.path}?{query}".encode()).hexdigest()
    return f"api:{current_version()}:{digest}"


def _answer(request, get_response):
    """The answer to a GET, or to a HEAD, which is a GET without its body."""
    head = request.method == "HEAD"
    if head:
        request.method = "GET"
    response = _answer_get(request, get_response)
    if head:
        response.content = b""
    return response


def _answer_get(request, get_response):
    key = _cache_key(request)
    stored = page_cache().get(key) if key else None
    if stored is not None:
        content, headers = stored
        response = HttpResponse(content, headers=headers)
        response["X-Page-Cache"] = "hit"
    else:
        response = get_response(request)
        if response.status_code >= 400 and response.get("Content-Type") != JSON:
            return _as_json(response.status_code)
        if response.status_code != 200 or response.streaming:
            return response
        response["ETag"] = etag_of(response.content)
        modified = getattr(request, "api_last_modified", None)
        if modified is not None:
            response["Last-Modified"] = http_date(modified.timestamp())
        response["Cache-Control"] = "public, max-age=60"
        if key:
            kept = ("Content-Type", "ETag", "Last-Modified", "Cache-Control")
            headers = {name: response[name] for name in kept if response.has_header(name)}
            page_cache().set(key, (response.content, headers), CACHE_SECONDS)
            response["X-Page-Cache"] = "miss"
    # Only the ETag decides a 304: Last-Modified tells when the listed initiatives or workshops
    # last changed, but their money and follow-ups change without touching them, so an answer
    # may differ under the same Last-Modified.
    return get_conditional_response(request, etag=response["ETag"], response=response)
