"""The districts a collaboration covers: the coordinator's page, the service, the choice a form
offers, and Husby's demo of one district."""

import pytest
from django.urls import reverse

from actors import services
from actors.demo import HUSBY_DISTRICT
from actors.demo import load as load_actors
from actors.models import District, Event
from prioritization.forms import NeedForm

pytestmark = pytest.mark.django_db


def formset_data(*rows, initial=0):
    data = {"form-TOTAL_FORMS": len(rows), "form-INITIAL_FORMS": initial}
    for number, row in enumerate(rows):
        data.update({f"form-{number}-{name}": value for name, value in row.items()})
    return data


def test_a_coordinator_adds_a_district_with_an_address_made_from_its_name(client, coordinator):
    client.force_login(coordinator)
    response = client.post(
        reverse("actors:districts_edit"),
        formset_data({"position": 1, "name_sv": "Drottninghög", "slug": "", "description_sv": ""}),
    )
    assert response.status_code == 302
    district = District.objects.get()
    assert district.slug == "drottninghog"
    assert Event.objects.filter(kind="actors.district_added", subject_id=district.pk).exists()


def test_a_coordinator_renames_and_reorders_districts(client, coordinator, every_language):
    first = District.objects.create(slug="husby", name_sv="Husby", position=1)
    second = District.objects.create(slug="akalla", name_sv="Akalla", position=2)
    client.force_login(coordinator)
    page = client.get(reverse("actors:districts_edit")).content.decode()
    # each district links to the translation of its name and description
    assert reverse("portal:translation", args=["actors.district", first.pk, "so"]) in page
    rows = [
        {"id": first.pk, "position": 2, "name_sv": "Husby", "slug": "husby"},
        {"id": second.pk, "position": 1, "name_sv": "Akalla by", "slug": "akalla"},
    ]
    response = client.post(reverse("actors:districts_edit"), formset_data(*rows, initial=2))
    assert response.status_code == 302
    assert [d.name_sv for d in District.objects.all()] == ["Akalla by", "Husby"]
    assert Event.objects.filter(kind="actors.district_changed").count() == 2


def test_a_taken_address_gets_the_form_back(client, coordinator):
    District.objects.create(slug="husby", name_sv="Husby")
    client.force_login(coordinator)
    response = client.post(
        reverse("actors:districts_edit"),
        formset_data({"id": "", "position": 1, "name_sv": "Husby 2", "slug": "husby"}, initial=0),
    )
    assert response.status_code == 200
    assert District.objects.count() == 1


def test_the_address_made_from_a_name_is_never_taken():
    District.objects.create(slug="husby", name_sv="Husby")
    (district,) = services.districts_save(districts=[District(name_sv="Husby")])
    assert district.slug == "husby-2"


def test_a_form_offers_a_district_only_when_there_are_two():
    assert "district" not in NeedForm().fields
    District.objects.create(slug="husby", name_sv="Husby")
    assert "district" not in NeedForm().fields
    District.objects.create(slug="akalla", name_sv="Akalla")
    choices = [label for _value, label in NeedForm().fields["district"].choices]
    assert choices == ["Hela samverkan", "Husby", "Akalla"]


def test_husbys_demo_is_one_district_and_loads_once():
    load_actors()
    load_actors()
    (district,) = District.objects.all()
    assert district.slug == HUSBY_DISTRICT["slug"]
    assert Event.objects.filter(kind="actors.district_added").count() == 1
