import logging

from django.http import (
    HttpResponseBadRequest,
    HttpResponseForbidden,
    HttpResponseNotAllowed,
    HttpResponseServerError,
)
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)


def bad_request(request, exception):
    """The styled page for a request no page can take, in the visitor's language."""
    return HttpResponseBadRequest(render_to_string("400.html", request=request))


def server_error(request):
    """The styled error page in the visitor's language, or plain text if even that fails."""
    try:
        body = render_to_string("500.html", request=request)
    except Exception:
        logger.exception("The error page itself could not be rendered")
        body = "<h1>Server error (500)</h1>"
    return HttpResponseServerError(body)


def csrf_failure(request, reason=""):
    """A form sent without its token (an old tab, cookies refused): say what to do, in the
    visitor's language, instead of Django's technical page."""
    logger.info("CSRF failure on %s: %s", request.path, reason)
    return HttpResponseForbidden(render_to_string("403_csrf.html", request=request))


def method_not_allowed_page(get_response):
    """Django has no handler for 405: an address that only takes a form answers a visit (a reload,
    the back button, a shared link) with an empty body, which the browser shows as a blank page.
    Give it the styled page in the visitor's language instead, keeping the status and the
    methods the address takes."""

    def middleware(request):
        response = get_response(request)
        if isinstance(response, HttpResponseNotAllowed) and not response.content:
            response.content = render_to_string("405.html", request=request)
        return response

    return middleware
