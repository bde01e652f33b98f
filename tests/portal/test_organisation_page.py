"""An organisation's public page."""

import pytest
from django.urls import reverse

from tests.factories import translated

pytestmark = pytest.mark.django_db


def test_it_hides_inactive_organisations_from_the_public(client, organisation):
    organisation.active = False
    organisation.save()
    assert client.get(organisation.get_absolute_url()).status_code == 404
    assert organisation.name not in client.get(reverse("actors:organisation_list")).content.decode()


def test_it_shows_english_descriptions_and_falls_back_to_swedish(client, organisation):
    url = organisation.get_absolute_url()
    assert "En förening i området." in client.get(f"/en{url}").content.decode()
    translated(organisation, description="An association in the area.")
    page = client.get(f"/en{url}").content.decode()
    assert "An association in the area." in page
    assert "En förening i området." in client.get(url).content.decode()
