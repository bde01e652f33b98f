"""The start page: the collaboration, its charter and actors, and a section from several apps."""

import pytest
from django.urls import reverse

from tests.factories import OrganisationFactory
from tests.prioritization.factories import FocusAreaFactory, NeedFactory
from tests.workshops.factories import PlannedWorkshopFactory

pytestmark = pytest.mark.django_db


def test_the_start_page_shows_the_focus_areas(client):
    area = FocusAreaFactory(name_sv="Trygghet")
    NeedFactory(focus_area=area)
    page = client.get(reverse("portal:home")).content.decode()
    assert "Trygghet" in page and area.get_absolute_url() in page


def test_the_start_page_shows_the_next_workshop(client):
    PlannedWorkshopFactory(theme_sv="Föräldrar som resurs")
    response = client.get(reverse("portal:home"))
    assert "Föräldrar som resurs" in response.text


@pytest.mark.parametrize("count", [3, 30])
def test_it_renders_the_start_page_in_a_fixed_number_of_queries(
    client, count, django_assert_num_queries
):
    OrganisationFactory.create_batch(count)
    # site settings, the districts, organisations, principles, goals, governance bodies; the
    # sections: focus areas, the next workshop, the networks, the latest public events
    with django_assert_num_queries(10):
        client.get(reverse("portal:home"))
