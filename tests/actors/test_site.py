import re

import pytest
from django.test import override_settings
from django.utils import translation

pytestmark = pytest.mark.django_db


def test_the_404_page_is_styled_and_in_the_visitors_language(client):
    assert "Vi hittade inte sidan" in client.get("/finns-inte/").content.decode()
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert "We could not find that page" in response.content.decode()


@override_settings(DEBUG=False)
def test_the_500_page_is_styled(client):
    from actors.errors import server_error

    request = client.get("/").wsgi_request
    response = server_error(request)
    assert response.status_code == 500
    assert "Något gick fel hos oss" in response.content.decode()


def test_every_page_has_a_strict_content_security_policy(client):
    policy = client.get("/")["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "<script>" not in client.get("/").content.decode()


def alternates(page: str) -> dict:
    return dict(re.findall(r'<link rel="alternate" hreflang="(\w+)" href="([^"]*)">', page))


def test_every_page_links_to_itself_in_the_other_language(client, organisation):
    swedish = client.get(f"/actors/{organisation.slug}/?tab=1").content.decode()
    assert alternates(swedish) == {
        "sv": f"http://testserver/actors/{organisation.slug}/?tab=1",
        "en": f"http://testserver/en/actors/{organisation.slug}/?tab=1",
    }
    english = client.get(f"/en/actors/{organisation.slug}/").content.decode()
    assert alternates(english)["sv"] == f"http://testserver/actors/{organisation.slug}/"


def test_a_missing_page_links_to_its_own_address(client):
    page = client.get("/finns-inte/").content.decode()
    assert alternates(page) == {
        "sv": "http://testserver/finns-inte/",
        "en": "http://testserver/finns-inte/",
    }


def test_an_objects_address_follows_the_language():
    from initiatives.models import Initiative

    initiative = Initiative(pk=7)
    assert initiative.get_absolute_url() == "/initiatives/7/"
    with translation.override("en"):
        assert initiative.get_absolute_url() == "/en/initiatives/7/"
    assert initiative.get_absolute_url() == "/initiatives/7/"
