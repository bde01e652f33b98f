import factory

from actors.models import District
from networks.choices import ParticipantKind
from networks.models import ContactPerson, Network, Participant


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District

    slug = factory.Sequence(lambda n: f"stadsdel-{n}")
    name_sv = factory.Sequence(lambda n: f"Stadsdel {n}")


class NetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Network

    name_sv = factory.Sequence(lambda n: f"Nätverk {n}")
    description_sv = "Samordnar aktiviteter i stadsdelen."


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    network = factory.SubFactory(NetworkFactory)
    name = factory.Sequence(lambda n: f"Förvaltning {n}")
    kind = ParticipantKind.DEPARTMENT


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactPerson

    network = factory.SubFactory(NetworkFactory)
    name = factory.Sequence(lambda n: f"Kontakt Person {n}")
    role = "Samordnare"
    email = factory.Sequence(lambda n: f"kontakt{n}@example.org")
    consents_to_publication = True
