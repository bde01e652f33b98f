import logging

from django.http import HttpResponseBadRequest, HttpResponseForbidden, HttpResponseServerError
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
