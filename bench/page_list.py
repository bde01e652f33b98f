"""Run inside the portal (DATABASE_URL set): which URLs the page benchmark loads, how many SQL
queries each one runs, and a session cookie for the logged-in pages. Prints one JSON object."""

import json
import os
import sys
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
os.environ["ALLOWED_HOSTS"] = "localhost,127.0.0.1"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.core.paginator import Paginator  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from initiatives.models import Initiative  # noqa: E402
from initiatives.selectors import initiative_list_public  # noqa: E402
from prioritization.models import FocusArea  # noqa: E402


def public_pages() -> dict:
    last = Paginator(initiative_list_public(), 25).num_pages
    initiative = Initiative.objects.public().order_by("-pk").first()
    return {
        "start": reverse("portal:home"),
        "initiatives_first": reverse("initiatives:initiative_list"),
        "initiatives_last": f"{reverse('initiatives:initiative_list')}?page={last}",
        "initiative": initiative.get_absolute_url(),
        "focus_area": FocusArea.objects.first().get_absolute_url(),
        "workshops": reverse("workshops:list"),
        # the open-data API's first page of initiatives (issue 20: >= 0.25 of the floor)
        "api_initiatives": reverse("api:initiative_list"),
    }


def logged_in_pages() -> dict:
    return {
        "pipeline": reverse("initiatives:pipeline"),
        "open_actions": reverse("workshops:actions"),
        # A coordinator's search for two words of a decision the demo's workshops keep coming
        # back to. Logged in, so that the search runs each time: an anonymous visitor's would be
        # served from the page cache after the first.
        "search": f"{reverse('portal:search')}?{urlencode({'q': 'kvällsaktiviteter våren'})}",
    }


def count_queries(client, path) -> int:
    """Queries of the page once the cached site settings are in the cache, as on a live site."""
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return len(queries)


def main():
    # Production pages name their static files from the manifest, which a fresh clone lacks.
    call_command("collectstatic", interactive=False, verbosity=0)
    settings.PAGE_CACHE_ENABLED = False  # count what a page costs when it is built
    coordinator = get_user_model().objects.get(email="coordinator@demo.cih.se")
    anonymous, staff = Client(HTTP_HOST="localhost"), Client(HTTP_HOST="localhost")
    staff.force_login(coordinator)
    public, private = public_pages(), logged_in_pages()
    queries = {name: count_queries(anonymous, path) for name, path in public.items()}
    queries |= {name: count_queries(staff, path) for name, path in private.items()}
    cookie = settings.SESSION_COOKIE_NAME
    print(
        json.dumps(
            {
                "public": public,
                "logged_in": private,
                "signup": reverse("newsletter:signup"),
                "queries": queries,
                "session_cookie": f"{cookie}={staff.cookies[cookie].value}",
            }
        )
    )


if __name__ == "__main__":
    main()
