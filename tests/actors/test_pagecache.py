import pytest
from django.urls import reverse

from actors.models import Organisation
from tests.factories import OrganisationFactory

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
