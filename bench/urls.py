from django.http import HttpResponse
from django.urls import path

from cih.urls import handler500  # noqa: F401
from cih.urls import urlpatterns as portal_urls


def ok(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/ok", ok), *portal_urls]
