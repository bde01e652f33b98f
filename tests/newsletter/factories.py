import factory
from django.utils import timezone

from newsletter.choices import SubscriberStatus
from newsletter.models import Edition, Subscriber, email_hash
from newsletter.services import editions


class SubscriberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Subscriber

    email = factory.Sequence(lambda n: f"resident{n}@example.org")
    email_hash = factory.LazyAttribute(lambda o: email_hash(o.email))
    language = "sv"
    status = SubscriberStatus.CONFIRMED
    consent_text = "Jag vill ha nyhetsbrevet."
    consented_at = factory.LazyFunction(timezone.now)


class EditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Edition

    subject_sv = factory.Sequence(lambda n: f"Nyhetsbrev {n}")
    body_sv = "Hej! Det här har **hänt**."


def send(edition, actor, callbacks, **choices):
    """Send an edition and run what its commit queues (the batches, eager in the tests)."""
    with callbacks(execute=True):
        return editions.edition_send(edition=edition, actor=actor, **choices)
