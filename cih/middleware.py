"""Requests no page of the portal can take, refused before any view sees them; headers that
every answer carries."""

from django.conf import settings
from django.core.exceptions import BadRequest
from django.utils.cache import add_never_cache_headers


def reject_null_characters(get_response):
    """A NUL character in a query parameter would reach PostgreSQL, which refuses it in text with
    an error: one 400 here spares every filter and search its own check. No person types one."""

    def middleware(request):
        for key, values in request.GET.lists():
            if "\x00" in key or any("\x00" in value for value in values):
                raise BadRequest("NUL character in the query string")
        return get_response(request)

    return middleware


def privacy_headers(get_response):
    """A Permissions-Policy on every answer, and no caching of anything made for one logged-in
    person: neither a proxy nor the back button of a shared computer keeps a page or a download
    that depends on who asked. A view that chose its own caching (a public logo, a private
    photo) keeps its choice."""

    def middleware(request):
        response = get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        said = response.get("Cache-Control", "")
        if (
            user is not None
            and user.is_authenticated
            and not ("public" in said or "no-store" in said)
        ):
            add_never_cache_headers(response)
        return response

    return middleware
