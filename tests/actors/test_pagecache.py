import re

import pytest
from django.conf import settings
from django.core.cache import caches
from django.test import Client
from django.urls import reverse

from actors.models import Organisation
from actors.pagecache import CSRF_PLACEHOLDER
from focusgroups.services import idea_confirm, idea_confirm_token
from initiatives.forms import DecisionForm
from initiatives.services import decision_record
from tests.factories import OrganisationFactory
from tests.focusgroups.factories import IdeaFactory
from tests.initiatives.factories import InitiativeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_ENABLED = True


def test_anonymous_pages_come_from_the_cache_in_no_queries(
    client, organisation, django_assert_num_queries
):
    url = reverse("actors:organisation_list")
    assert client.get(url)["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        response = client.get(url)
    assert response["X-Page-Cache"] == "hit"
    assert "Folkets Husby" in response.content.decode()
    assert "Content-Security-Policy" in response


def test_a_write_shows_at_once(client, organisation):
    url = reverse("actors:organisation_list")
    client.get(url)
    OrganisationFactory(name="Löparakademin")
    response = client.get(url)
    assert response["X-Page-Cache"] == "miss"
    assert "Löparakademin" in response.content.decode()
    Organisation.objects.filter(name="Löparakademin").delete()
    assert "Löparakademin" not in client.get(url).content.decode()


def test_each_language_has_its_own_page(client, organisation):
    client.get("/actors/")
    assert 'lang="en"' in client.get("/en/actors/").content.decode()
    assert 'lang="sv"' in client.get("/actors/").content.decode()


def test_logged_in_people_and_pages_with_forms_are_never_cached(client, member, organisation):
    client.force_login(member)
    assert "X-Page-Cache" not in client.get(reverse("actors:organisation_list"))
    client.logout()
    assert "X-Page-Cache" not in client.get(reverse("account_login"))
    assert (
        "member@example.org" not in client.get(reverse("actors:organisation_list")).content.decode()
    )


def test_each_visitor_of_a_cached_form_gets_a_token_of_their_own_that_works(client, db):
    """The idea form and the footer's sign-up come from the cache with the visitor's own token
    and cookie, so the form they send is accepted; another visitor's token is refused."""
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    url = reverse("focusgroups:idea_submit")
    assert first.get(url)["X-Page-Cache"] == "miss"
    served = second.get(url)
    assert served["X-Page-Cache"] == "hit"
    tokens = [csrf_token(first.get(url)), csrf_token(served)]
    assert len(set(tokens)) == 2 and CSRF_PLACEHOLDER.decode() not in tokens
    assert settings.CSRF_COOKIE_NAME in served.cookies
    idea = {"title": "Utegym", "text": "Vid skolan", "email": "amina@example.org"}
    assert second.post(url, {**idea, "csrfmiddlewaretoken": tokens[1]}).status_code == 302
    refused = Client(enforce_csrf_checks=True)
    refused.get(reverse("portal:home"))
    response = refused.post(url, {**idea, "csrfmiddlewaretoken": tokens[0]})
    assert response.status_code == 403
    assert "Formuläret hade gått ut" in response.content.decode()


def test_query_parameters_no_page_reads_share_one_entry(client, organisation):
    url = reverse("actors:organisation_list")
    assert client.get(f"{url}?utm_source=a")["X-Page-Cache"] == "miss"
    for tracking in ("utm_source=b", "fbclid=x&utm_medium=y", ""):
        assert client.get(f"{url}?{tracking}")["X-Page-Cache"] == "hit"
    # A parameter the page does read makes its own page.
    assert client.get(f"{url}?kind=school")["X-Page-Cache"] == "miss"
    assert client.get(f"{url}?kind=school&utm_source=c")["X-Page-Cache"] == "hit"


def test_a_view_of_a_cached_page_sees_only_the_parameters_it_declared(client, organisation):
    url = reverse("actors:organisation_list")
    response = client.get(f"{url}?utm_source=a&kind=school")
    assert dict(response.wsgi_request.GET) == {"kind": ["school"]}


def test_a_flood_of_addresses_cannot_grow_the_cache_past_its_own_store(client, organisation):
    url = reverse("actors:organisation_list")
    for number in range(50):
        client.get(f"{url}?utm_content={number}")
    pages = caches[settings.PAGE_CACHE_ALIAS]
    assert len([key for key in pages._cache if ":pagecache:" in key and "?" in key]) == 1
    assert not any("pagecache" in key for key in caches["default"]._cache)


def csrf_token(response) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.text).group(1)


def test_a_public_event_shows_at_once_and_a_private_one_leaves_cached_pages_alone(
    client, coordinator
):
    url = reverse("portal:home")
    initiative = InitiativeFactory(step="decision", title_sv="Kvällsfotboll")
    client.get(url)
    idea_confirm(token=idea_confirm_token(IdeaFactory(status="unconfirmed")))
    assert client.get(url)["X-Page-Cache"] == "hit"
    form = DecisionForm({"decided_on": "2026-11-18", "decided_by": "Aktörerna"})
    assert form.is_valid()
    decision_record(initiative=initiative, data=form.cleaned_data, actor=coordinator)
    response = client.get(url)
    assert response["X-Page-Cache"] == "miss"
    assert "Kvällsfotboll</a>: Beslutades den 18 november 2026." in response.content.decode()
