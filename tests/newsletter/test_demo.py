from io import StringIO

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command

from actors.i18n import translation
from actors.models import User
from newsletter import demo
from newsletter.choices import DeliveryStatus, EditionStatus, SubscriberStatus
from newsletter.models import Delivery, Edition, Subscriber
from newsletter.services import editions

pytestmark = pytest.mark.django_db


def snapshot():
    return (
        list(Subscriber.objects.order_by("pk").values()),
        list(Edition.objects.order_by("pk").values()),
        list(Delivery.objects.order_by("pk").values()),
    )


def test_demo_data_loads_twice_without_changes(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        call_command("seed_demo", stdout=StringIO())
    assert not [c for c in callbacks if "newsletter" in getattr(c, "__module__", "")]
    assert mail.outbox == []  # nothing is mailed
    first = snapshot()
    demo.load()
    assert snapshot() == first
    assert Subscriber.objects.filter(status=SubscriberStatus.CONFIRMED).count() == 300
    assert not Subscriber.objects.exclude(email__endswith="@example.org").exists()
    assert list(Edition.objects.values_list("status", flat=True)) == [EditionStatus.SENT] * 2
    assert set(Delivery.objects.values_list("status", flat=True)) == {DeliveryStatus.SENT}
    assert Delivery.objects.count() == 600


def test_the_demos_draft_tells_a_decision_a_funding_and_a_completion():
    call_command("seed_demo", stdout=StringIO())
    coordinator = User.objects.get(email="coordinator@demo.cih.se")
    edition = editions.edition_create_draft(actor=coordinator)
    for heading in (
        "## Beslut som fattats",
        "## Satsningar som fått finansiering",
        "## Avslutade satsningar",
    ):
        assert heading in edition.body_sv
    assert "Trygga vuxna i centrum" in edition.body_sv  # decided, then partly funded
    assert "Läxhjälp och mellanmål efter skolan" in edition.body_sv  # completed
    assert "## Initiatives completed" in translation(edition.translations, "en", "body")


def test_beat_runs_the_sweep_every_minute_and_sends_confirmations_every_few_seconds():
    entry = settings.CELERY_BEAT_SCHEDULE["newsletter-sweep"]
    assert entry == {"task": "newsletter.tasks.sweep", "schedule": 60.0}
    entry = settings.CELERY_BEAT_SCHEDULE["newsletter-confirmations"]
    assert entry == {"task": "newsletter.tasks.send_owed_confirmations", "schedule": 5.0}


def test_the_demo_has_a_follower_and_an_idea_sender_told_of_the_past_without_a_mail(
    django_capture_on_commit_callbacks,
):
    from actors.choices import MailStatus
    from actors.models import OutgoingMail
    from focusgroups.choices import IdeaStatus
    from focusgroups.models import Idea
    from newsletter.models import FollowDelivery, Follower
    from newsletter.services import telling

    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", stdout=StringIO())
    assert mail.outbox == []
    assert not OutgoingMail.objects.filter(status=MailStatus.PENDING).exists()
    idea = Idea.objects.get(email=demo.IDEA_SENDER)
    assert idea.status == IdeaStatus.ACCEPTED and idea.tell_me_what_became
    (sender,) = Follower.objects.filter(idea=idea)
    assert sender.need.ideas.filter(pk=idea.pk).exists()
    follower = Follower.objects.get(email=demo.FOLLOWER)
    # Decided, funded and completed for the sender; every move for the follower.
    assert FollowDelivery.objects.filter(follower=sender).count() >= 3
    assert FollowDelivery.objects.filter(follower=follower).count() > 3
    assert telling.followers_tell() == 0  # the next minute's run owes no one the demo's past
