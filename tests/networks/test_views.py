import pytest
from django.test import Client
from django.urls import reverse

from actors.models import Event
from networks.models import ContactPerson, Network
from tests.factories import OrganisationFactory
from tests.networks.factories import (
    ContactFactory,
    DistrictFactory,
    NetworkFactory,
    ParticipantFactory,
)

pytestmark = pytest.mark.django_db

LIST = reverse("networks:network_list")


@pytest.fixture
def shown_and_hidden():
    network = NetworkFactory(name_sv="Trygghetsnätverket")
    ContactFactory(network=network, name="Synlig Samordnare", email="synlig@example.org")
    ContactFactory(
        network=network,
        name="Dold Handläggare",
        email="dold@example.org",
        phone="070-123 45 67",
        consents_to_publication=False,
    )
    return network


def test_the_list_shows_active_networks_with_their_participants(client):
    organisation = OrganisationFactory(name="Räddningstjänsten")
    network = NetworkFactory(name_sv="Trygghetsnätverket")
    network.organisations.add(organisation)
    ParticipantFactory(network=network, name="Socialförvaltningen")
    NetworkFactory(name_sv="Vilande nätverket", active=False)
    page = client.get(LIST).content.decode()
    assert "Trygghetsnätverket" in page and "Vilande nätverket" not in page
    assert "Räddningstjänsten" in page and "Socialförvaltningen" in page


def test_one_district_needs_no_filter(client):
    DistrictFactory()
    NetworkFactory()
    assert 'name="district"' not in client.get(LIST).content.decode()


def test_the_list_filters_by_district_and_keeps_the_whole_collaborations(client):
    north, south = DistrictFactory(slug="norr"), DistrictFactory(slug="soder")
    NetworkFactory(name_sv="Norra nätverket", district=north)
    NetworkFactory(name_sv="Södra nätverket", district=south)
    NetworkFactory(name_sv="Hela stadens nätverk")
    page = client.get(LIST, {"district": "norr"}).content.decode()
    assert 'name="district"' in page
    assert "Norra nätverket" in page and "Hela stadens nätverk" in page
    assert "Södra nätverket" not in page


@pytest.mark.parametrize("district", ["", "okänd", "x" * 5000, "<script>"])
def test_an_unknown_district_shows_every_network(client, district):
    DistrictFactory.create_batch(2)
    NetworkFactory(name_sv="Nätverket")
    response = client.get(LIST, {"district": district})
    assert response.status_code == 200 and "Nätverket" in response.content.decode()


def test_the_page_names_only_contacts_who_consent(client, shown_and_hidden):
    page = client.get(shown_and_hidden.get_absolute_url()).content.decode()
    assert "Synlig Samordnare" in page and "synlig@example.org" in page
    assert "Dold Handläggare" not in page and "dold@example.org" not in page
    assert "070-123" not in page
    assert reverse("focusgroups:idea_submit_to_network", args=[shown_and_hidden.pk]) in page


def test_an_unnamed_contact_is_said_to_exist(client):
    network = NetworkFactory()
    ContactFactory(network=network, consents_to_publication=False)
    with_english = client.get(f"/en{network.get_absolute_url()}").content.decode()
    assert "The network has one more contact person, who is not named here." in with_english


def test_no_public_page_nor_its_cached_copy_names_a_contact_without_consent(
    settings, shown_and_hidden
):
    settings.PAGE_CACHE_ENABLED = True
    anonymous = Client()
    for url in [
        LIST,
        shown_and_hidden.get_absolute_url(),
        f"/en{shown_and_hidden.get_absolute_url()}",
        reverse("focusgroups:idea_submit_to_network", args=[shown_and_hidden.pk]),
    ]:
        first, cached = anonymous.get(url), anonymous.get(url)
        assert (first["X-Page-Cache"], cached["X-Page-Cache"]) == ("miss", "hit"), url
        for response in (first, cached):
            assert b"Dold" not in response.content and b"dold@example.org" not in response.content


def test_an_inactive_or_unknown_network_is_not_found(client):
    inactive = NetworkFactory(active=False)
    assert client.get(inactive.get_absolute_url()).status_code == 404
    assert client.get(reverse("networks:network_detail", args=[99999])).status_code == 404
    assert client.get("/networks/99999999999999999999/").status_code == 404


@pytest.mark.parametrize("size", [1, 10])
def test_the_list_asks_a_fixed_number_of_queries(client, django_assert_num_queries, size):
    districts = DistrictFactory.create_batch(2)
    for index in range(size):
        network = NetworkFactory(district=districts[index % 2])
        network.organisations.add(OrganisationFactory())
        ParticipantFactory(network=network)
        ContactFactory(network=network)
    # site settings; districts; networks (+district); their organisations; their participants
    with django_assert_num_queries(5):
        assert client.get(LIST).status_code == 200


@pytest.mark.parametrize("size", [1, 10])
def test_the_network_page_asks_a_fixed_number_of_queries(client, django_assert_num_queries, size):
    network = NetworkFactory()
    for _ in range(size):
        network.organisations.add(OrganisationFactory())
        ParticipantFactory(network=network)
        ContactFactory(network=network, organisation=OrganisationFactory())
        ContactFactory(network=network, consents_to_publication=False)
    # the network for permission; the network (+district, unnamed contacts counted); its
    # organisations; participants; named contacts (+organisation); site settings
    with django_assert_num_queries(6):
        assert client.get(network.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("size", [1, 10])
def test_the_coordinators_pages_ask_a_fixed_number_of_queries(
    client, coordinator, django_assert_num_queries, size
):
    client.force_login(coordinator)
    networks = NetworkFactory.create_batch(size)
    for network in networks:
        ParticipantFactory(network=network)
        ContactFactory.create_batch(2, network=network, organisation=OrganisationFactory())
    client.get(reverse("networks:network_manage"))  # the session and roles, once
    # session, user, roles; networks (+district) with contacts counted
    with django_assert_num_queries(4):
        assert client.get(reverse("networks:network_manage")).status_code == 200
    # session, user, roles; the network; its organisations (the form's initial); the network
    # for editing (+district), participants, contacts (+organisation); the form's choices of
    # districts and of organisations
    with django_assert_num_queries(10):
        response = client.get(reverse("networks:network_edit", args=[networks[0].pk]))
    assert response.status_code == 200


def test_a_coordinator_adds_a_network_its_participants_and_contacts(client, coordinator):
    client.force_login(coordinator)
    district = DistrictFactory()
    organisation = OrganisationFactory()
    response = client.post(
        reverse("networks:network_create"),
        {
            "name_sv": "Fritidsnätverket",
            "description_sv": "Samordnar fritid.",
            "district": district.pk,
            "organisations": [organisation.pk],
            "active": "on",
            "position": 0,
        },
    )
    network = Network.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("networks:network_edit", args=[network.pk])
    assert list(network.organisations.all()) == [organisation]
    client.post(
        reverse("networks:participant_create", args=[network.pk]),
        {"name": "Helsingborgshem", "kind": "municipal_company", "position": 0},
    )
    client.post(
        reverse("networks:contact_create", args=[network.pk]),
        {
            "name": "Anna A",
            "email": "anna@example.org",
            "language": "sv",
            "position": 0,
        },
    )
    assert network.participants.get().name == "Helsingborgshem"
    contact = network.contacts.get()
    assert not contact.consents_to_publication  # consent is asked, never assumed
    page = client.get(reverse("networks:network_edit", args=[network.pk])).content.decode()
    assert "anna@example.org" in page and "Helsingborgshem" in page
    assert list(Event.objects.order_by("pk").values_list("kind", flat=True)) == [
        "networks.network_created",
        "networks.participant_added",
        "networks.contact_added",
    ]


def test_an_empty_post_shows_the_empty_form(client, coordinator):
    client.force_login(coordinator)
    response = client.post(reverse("networks:network_create"), {})
    assert response.status_code == 200 and not response.context["form"].is_bound
    assert not Network.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"name_sv": "", "position": 0},
        {"name_sv": "x" * 5000, "position": 0},
        {"name_sv": "Nätverk", "position": -1},
        {"name_sv": "Nätverk", "position": 0, "district": 99999},
        {"name_sv": "Nätverk", "position": 0, "organisations": ["not a number"]},
    ],
)
def test_bad_network_input_gets_the_form_back(client, coordinator, data):
    client.force_login(coordinator)
    response = client.post(reverse("networks:network_create"), data)
    assert response.status_code == 200 and response.context["form"].errors
    assert not Network.objects.exists() and not Event.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"name": "", "email": "a@example.org", "language": "sv", "position": 0},
        {"name": "A", "email": "nope", "language": "sv", "position": 0},
        {"name": "A" * 500, "email": "a@example.org", "language": "sv", "position": 0},
        {"name": "A", "email": "a@example.org", "language": "xx", "position": 0},
    ],
)
def test_bad_contact_input_gets_the_form_back(client, coordinator, data):
    client.force_login(coordinator)
    network = NetworkFactory()
    response = client.post(reverse("networks:contact_create", args=[network.pk]), data)
    assert response.status_code == 200 and not response.context["form"].is_valid()
    assert not ContactPerson.objects.exists()


def test_a_participant_or_contact_cannot_move_to_another_network(client, coordinator):
    client.force_login(coordinator)
    contact = ContactFactory()
    other = NetworkFactory()
    client.post(
        reverse("networks:contact_edit", args=[contact.pk]),
        {
            "name": "Ny",
            "email": contact.email,
            "language": "sv",
            "position": 0,
            "network": other.pk,
        },
    )
    contact.refresh_from_db()
    assert contact.name == "Ny" and contact.network != other


def test_a_coordinator_removes_a_contact(client, coordinator):
    client.force_login(coordinator)
    contact = ContactFactory()
    response = client.post(reverse("networks:contact_delete", args=[contact.pk]))
    assert response["Location"] == reverse("networks:network_edit", args=[contact.network_id])
    assert not ContactPerson.objects.exists()
    assert client.post(reverse("networks:contact_delete", args=[contact.pk])).status_code == 404
