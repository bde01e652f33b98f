"""Requests no page of the portal can take, refused before any view sees them."""

from django.core.exceptions import BadRequest


def reject_null_characters(get_response):
    """A NUL character in a query parameter would reach PostgreSQL, which refuses it in text with
    an error: one 400 here spares every filter and search its own check. No person types one."""

    def middleware(request):
        for key, values in request.GET.lists():
            if "\x00" in key or any("\x00" in value for value in values):
                raise BadRequest("NUL character in the query string")
        return get_response(request)

    return middleware
