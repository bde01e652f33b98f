import logging

from django.http import HttpResponseBadRequest, HttpResponseServerError
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
