"""Query strings no person types: a NUL character gets the styled 400 page, never a 500."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "query"),
    [
        ("initiatives:initiative_list", "focus_area=%00"),
        ("initiatives:pipeline", "target_group=young%00"),
        ("prioritization:need_list", "focus_area=%00"),
        ("workshops:actions", "owner=%00"),
        ("actors:organisation_list", "kind%00=x"),
    ],
)
def test_a_nul_character_in_a_filter_is_a_bad_request(client, coordinator, name, query):
    client.force_login(coordinator)
    response = client.get(f"{reverse(name)}?{query}")
    assert response.status_code == 400
    assert "Adressen kunde inte läsas" in response.text


def test_ordinary_filters_still_work(client):
    response = client.get(reverse("initiatives:initiative_list") + "?focus_area=safety&page=2")
    assert response.status_code == 200
