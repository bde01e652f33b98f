import pytest
from django.core.exceptions import ValidationError

from actors.models import Event
from networks import demo, services
from networks.choices import ParticipantKind
from networks.models import ContactPerson, Network, Participant
from tests.factories import OrganisationFactory
from tests.networks.factories import (
    ContactFactory,
    DistrictFactory,
    NetworkFactory,
    ParticipantFactory,
)

pytestmark = pytest.mark.django_db


def test_a_network_is_saved_with_the_organisations_taking_part(coordinator):
    district = DistrictFactory()
    organisations = OrganisationFactory.create_batch(2)
    network = services.network_save(
        network=Network(name_sv="Trygghetsnätverket", district=district),
        organisations=organisations,
        actor=coordinator,
    )
    assert set(network.organisations.all()) == set(organisations)
    event = Event.objects.get()
    assert (event.kind, event.actor, event.public) == (
        "networks.network_created",
        coordinator,
        False,
    )
    assert event.data["name_sv"] == "Trygghetsnätverket"
    assert event.data["district"] == district.pk


def test_a_network_needs_a_name():
    with pytest.raises(ValidationError):
        services.network_save(network=Network(name_sv=""))
    assert not Network.objects.exists() and not Event.objects.exists()


def test_a_network_without_district_is_the_whole_collaborations():
    network = services.network_save(network=Network(name_sv="Alla"))
    assert network.district is None


def test_the_name_reads_in_the_active_language():
    from django.utils import translation

    from tests.factories import translated

    network = translated(NetworkFactory(name_sv="Fritidsnätverket"), name="Leisure network")
    with translation.override("en"):
        assert network.name == "Leisure network"
    with translation.override("so"):
        assert network.name == "Fritidsnätverket"


def test_participants_are_added_changed_and_removed():
    network = NetworkFactory()
    participant = services.participant_save(
        participant=Participant(
            network=network, name="Socialförvaltningen", kind=ParticipantKind.DEPARTMENT
        )
    )
    participant.kind = ParticipantKind.OTHER
    services.participant_save(participant=participant)
    services.participant_delete(participant=participant)
    assert not network.participants.exists()
    assert list(Event.objects.order_by("pk").values_list("kind", flat=True)) == [
        "networks.participant_added",
        "networks.participant_changed",
        "networks.participant_removed",
    ]


def test_a_participant_needs_a_known_kind():
    with pytest.raises(ValidationError):
        services.participant_save(
            participant=Participant(network=NetworkFactory(), name="X", kind="castle")
        )


def test_contact_events_never_name_the_person():
    network = NetworkFactory()
    contact = services.contact_save(
        contact=ContactPerson(
            network=network, name="Hemlig Person", email="Hemlig@Example.org", language="so"
        )
    )
    assert contact.email == "hemlig@example.org" and not contact.consents_to_publication
    services.contact_delete(contact=contact)
    events = list(Event.objects.order_by("pk"))
    assert [e.kind for e in events] == ["networks.contact_added", "networks.contact_removed"]
    assert all(e.subject == network for e in events)
    assert "Hemlig" not in str([e.data for e in events])
    assert "hemlig@example.org" not in str([e.data for e in events])


def test_a_contact_needs_an_email_address():
    with pytest.raises(ValidationError):
        services.contact_save(contact=ContactPerson(network=NetworkFactory(), name="A", email=""))
    with pytest.raises(ValidationError):
        services.contact_save(
            contact=ContactPerson(network=NetworkFactory(), name="A", email="not an address")
        )


def test_removing_a_network_removes_its_participants_and_contacts():
    contact = ContactFactory()
    ParticipantFactory(network=contact.network)
    contact.network.delete()
    assert not ContactPerson.objects.exists() and not Participant.objects.exists()


NETWORKS = [
    {
        "name_sv": "Fritidsnätverket Drottninghög",
        "description_sv": "Samordnar fritid för unga.",
        "district": "drottninghog",
        "translations": {"en": {"name": "Leisure network", "description": "Leisure for youth."}},
        "organisations": ["folkets-husby"],
        "participants": [
            ("Kultur- och fritidsförvaltningen", ParticipantKind.DEPARTMENT),
            ("Helsingborgshem", ParticipantKind.MUNICIPAL_COMPANY),
        ],
        "contacts": [
            {
                "name": "Anna Andersson",
                "email": "anna@example.org",
                "role": "Samordnare",
                "language": "en",
                "consents_to_publication": True,
            },
            {"name": "Bo Berg", "email": "bo@example.org"},
        ],
    },
    {"name_sv": "Stadsövergripande nätverket", "description_sv": "Hela staden."},
]


def test_the_demo_loads_networks_once(organisation):
    DistrictFactory(slug="drottninghog")
    first = demo.load(NETWORKS)
    events = Event.objects.count()
    second = demo.load(NETWORKS)
    assert first == second and Event.objects.count() == events
    network = first[0]
    assert network.district.slug == "drottninghog" and first[1].district is None
    assert list(network.organisations.all()) == [organisation]
    assert [p.name for p in network.participants.all()] == [
        "Kultur- och fritidsförvaltningen",
        "Helsingborgshem",
    ]
    anna, bo = network.contacts.order_by("position")
    assert (anna.language, anna.consents_to_publication) == ("en", True)
    assert (bo.language, bo.consents_to_publication) == ("sv", False)
    from django.utils import translation

    with translation.override("en"):
        assert network.name == "Leisure network"
