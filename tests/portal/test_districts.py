"""Pages read for one district: the public lists of needs, initiatives (list and board),
workshops and focus groups, and the start page. A thing of no district is the whole
collaboration's and shows in every district's list; the choice of district shows only when the
collaboration has more than one."""

import pytest
from django.urls import reverse

from actors.models import District, SiteSettings
from actors.pagecache import declared_query
from focusgroups import views as focusgroup_views
from initiatives import views as initiative_views
from portal import views as portal_views
from prioritization import views as prioritization_views
from tests.focusgroups.factories import FocusGroupFactory
from tests.initiatives.factories import InitiativeFactory
from tests.prioritization.factories import NeedFactory
from tests.workshops.factories import PlannedWorkshopFactory, WorkshopFactory
from workshops import views as workshop_views

pytestmark = pytest.mark.django_db

LISTS = [
    "prioritization:need_list",
    "initiatives:initiative_list",
    "workshops:list",
    "focusgroups:focusgroup_list",
]


@pytest.fixture
def husby():
    return District.objects.create(slug="husby", name_sv="Husby", position=1)


@pytest.fixture
def akalla():
    return District.objects.create(slug="akalla", name_sv="Akalla", position=2)


def one_of_each(title: str, district):
    """A need, an initiative, a past and a coming workshop and a focus group named `title`."""
    NeedFactory(title_sv=title, district=district)
    InitiativeFactory(title_sv=title, district=district, step="execution")
    WorkshopFactory(theme_sv=title, district=district)
    PlannedWorkshopFactory(theme_sv=f"{title} planerad", district=district)
    FocusGroupFactory(title_sv=title, district=district)


@pytest.fixture
def things(husby, akalla):
    one_of_each("Husbys egen", husby)
    one_of_each("Akallas egen", akalla)
    one_of_each("Allas gemensamma", None)


@pytest.mark.parametrize("name", LISTS)
def test_a_list_for_a_district_shows_its_things_and_the_whole_collaborations(client, things, name):
    page = client.get(reverse(name), {"district": "husby"}).content.decode()
    assert "Husbys egen" in page
    assert "Allas gemensamma" in page
    assert "Akallas egen" not in page
    everything = client.get(reverse(name)).content.decode()
    assert all(title in everything for title in ("Husbys egen", "Akallas egen", "Allas gemensamma"))


@pytest.mark.parametrize("name", LISTS)
def test_the_choice_of_district_shows_only_with_two_districts(client, husby, name):
    NeedFactory(title_sv="Allas gemensamma")
    assert 'name="district"' not in client.get(reverse(name)).content.decode()
    District.objects.create(slug="akalla", name_sv="Akalla")
    page = client.get(reverse(name), {"district": "akalla"}).content.decode()
    assert '<label class="form-label" for="filter-district">' in page
    assert '<option value="akalla" selected>Akalla</option>' in page


@pytest.mark.parametrize("name", [*LISTS, "portal:home"])
def test_an_unknown_district_is_not_found(client, husby, name):
    assert client.get(reverse(name), {"district": "nowhere"}).status_code == 404


def test_the_board_reads_for_a_district(client, coordinator, things):
    client.force_login(coordinator)
    page = client.get(reverse("initiatives:pipeline"), {"district": "akalla"}).content.decode()
    assert "Akallas egen" in page
    assert "Allas gemensamma" in page
    assert "Husbys egen" not in page


def test_the_cached_pages_are_kept_per_district():
    for view in (
        prioritization_views.need_list,
        initiative_views.initiative_list,
        workshop_views.workshop_list,
        focusgroup_views.focusgroup_list,
        portal_views.home,
    ):
        assert "district" in declared_query(view), view


def test_the_page_cache_serves_each_district_its_own_page(client, settings, things):
    settings.PAGE_CACHE_ENABLED = True
    url = reverse("prioritization:need_list")
    assert "Akallas egen" not in client.get(url, {"district": "husby"}).content.decode()
    assert "Husbys egen" not in client.get(url, {"district": "akalla"}).content.decode()
    assert client.get(url, {"district": "akalla"})["X-Page-Cache"] == "hit"


def test_the_start_page_reads_for_a_district(client, things):
    akalla = District.objects.get(slug="akalla")
    akalla.description_sv = "Stadsdelen norr om Husby."
    akalla.save()
    page = client.get(reverse("portal:home"), {"district": "akalla"}).content.decode()
    assert "Stadsdelen norr om Husby." in page
    assert "Akallas egen planerad" in page or "Allas gemensamma planerad" in page
    assert "Husbys egen planerad" not in page
    # the links to the lists keep the district
    assert f"{reverse('workshops:list')}?district=akalla" in page


def test_with_one_district_no_page_offers_a_choice(client, husby):
    one_of_each("Allas gemensamma", None)
    for name in [*LISTS, "portal:home"]:
        assert 'name="district"' not in client.get(reverse(name)).content.decode(), name


# Each list with the district's filter, at one thing of each and at many: the districts (site
# settings are cached, as on a live site), then the list's own queries.
QUERIES = {
    # count, focus areas (filter), page of needs (+focus area), their target groups
    "prioritization:need_list": 5,
    # count, page of initiatives (+focus area, lead), focus areas (filter), the steps of the
    # process
    "initiatives:initiative_list": 5,
    # coming workshops (+host), count and page of past ones (+host, people), the meetings'
    # settings
    "workshops:list": 5,
    # count, page of focus groups (+host, insights counted), their target groups
    "focusgroups:focusgroup_list": 4,
}


@pytest.mark.parametrize("size", [1, 12])
@pytest.mark.parametrize("name", LISTS)
def test_a_list_for_a_district_runs_a_fixed_number_of_queries(
    client, husby, akalla, name, size, django_assert_num_queries
):
    for number in range(size):
        one_of_each(f"Husby {number}", husby)
        one_of_each(f"Alla {number}", None)
    SiteSettings.current()
    with django_assert_num_queries(QUERIES[name]):
        response = client.get(reverse(name), {"district": "husby"})
    assert response.status_code == 200


@pytest.mark.parametrize("size", [1, 12])
def test_the_start_page_for_a_district_runs_a_fixed_number_of_queries(
    client, husby, akalla, size, django_assert_num_queries
):
    for number in range(size):
        one_of_each(f"Husby {number}", husby)
    # site settings, the districts, organisations, principles, goals, governance bodies; the
    # sections: focus areas with the district's counts, its next workshop, its networks, its
    # events
    with django_assert_num_queries(10):
        response = client.get(reverse("portal:home"), {"district": "husby"})
    assert response.status_code == 200


def test_a_need_form_asks_for_the_district_when_there_are_two(client, coordinator, husby, akalla):
    client.force_login(coordinator)
    page = client.get(reverse("prioritization:need_create")).content.decode()
    assert 'name="district"' in page
