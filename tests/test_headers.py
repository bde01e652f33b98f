"""Headers every answer carries, and what caches may keep."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_every_answer_says_what_the_browser_may_not_use(client, client_for):
    for response in (client.get("/"), client_for("coordinator").get(reverse("portal:dashboard"))):
        policy = response["Permissions-Policy"]
        assert "camera=()" in policy and "geolocation=()" in policy and "microphone=()" in policy


@pytest.mark.parametrize(
    ("role", "url"),
    [
        ("coordinator", reverse("portal:dashboard")),
        ("member", reverse("portal:home")),
        ("treasurer", reverse("funding:ledger")),
        ("treasurer", reverse("funding:ledger_csv")),
    ],
)
def test_what_is_made_for_a_logged_in_person_is_kept_by_no_cache(client_for, role, url):
    response = client_for(role).get(url)
    assert response.status_code == 200
    cache_control = response["Cache-Control"]
    assert "private" in cache_control and "no-store" in cache_control


def test_public_pages_for_visitors_stay_cacheable(client):
    assert "no-store" not in client.get(reverse("portal:home")).get("Cache-Control", "")
