"""Run by test_make_run.py inside the environment `make run` gives: log in as a demo person (or
stay anonymous) through the real login form, then request every page reachable by links from the
start page and the dashboard, in both languages. Prints one JSON line: pages seen, failures."""

import json
import os
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cih.settings")
django.setup()

from django.test import Client  # noqa: E402 - Django is set up first

from actors.demo import DEMO_PASSWORD  # noqa: E402
from tests.crawl import crawl  # noqa: E402

STARTS = ["/", "/en/", "/dashboard/", "/en/dashboard/"]


def main(email: str) -> dict:
    client = Client(HTTP_HOST="127.0.0.1", raise_request_exception=False)
    logged_in = None
    if email != "anonymous":
        response = client.post("/accounts/login/", {"login": email, "password": DEMO_PASSWORD})
        logged_in = response.status_code == 302 and response["Location"].endswith("/dashboard/")
    visits = crawl(client, STARTS, with_query=True)
    return {
        "logged_in": logged_in,
        "pages": len(visits),
        "languages": sorted({visit.language for visit in visits}),
        "failures": [
            f"{visit.status} {visit.url} (linked from {visit.found_on or 'the start'})"
            for visit in visits
            if visit.status >= 500
        ],
    }


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1])))
