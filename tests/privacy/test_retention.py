"""What is kept past its time is deleted each night: unconfirmed ideas, sign-ups and follows after
seven days; an idea sender's address once nothing more is owed to it. Idempotent, and a fixed
number of queries whatever the amount of data."""

import datetime
import zoneinfo

import pytest
import time_machine
from celery.schedules import crontab
from django.conf import settings

from actors.models import Event, SiteSettings
from focusgroups.choices import IdeaStatus
from focusgroups.models import Idea
from newsletter.choices import SubscriberStatus
from newsletter.models import Follower, Subscriber
from newsletter.services import telling
from privacy.choices import PrivacyEvent
from privacy.services import retention_apply
from privacy.tasks import apply_retention
from tests.focusgroups.factories import IdeaFactory
from tests.initiatives.factories import NeedFactory
from tests.newsletter.factories import SubscriberFactory
from tests.newsletter.following import follower_of

pytestmark = pytest.mark.django_db

# In one transaction (savepoint and release): unconfirmed ideas (select, their links to needs,
# their followers, the ideas: 4), subscribers (select, interests, deliveries, the rows, then the
# interests and the update of those confirmed before: 6), followers (select, deliveries, the rows,
# the update: 4), idea addresses (1), the event (1).
QUERIES = 18
STOCKHOLM = zoneinfo.ZoneInfo("Europe/Stockholm")
SENT = datetime.datetime(2026, 11, 2, 21, 30, tzinfo=STOCKHOLM)


def _at(when):
    return time_machine.travel(when, tick=False)


def _unconfirmed_everything():
    """An idea, a sign-up and a follow, never confirmed; and a sign-up and a follow that had
    been confirmed once and asked again."""
    need = NeedFactory()
    IdeaFactory(status=IdeaStatus.UNCONFIRMED, email="unsure@example.org")
    SubscriberFactory(
        email="pending@example.org", status=SubscriberStatus.PENDING, consented_at=None
    )
    SubscriberFactory(email="again@example.org", name="Again", status=SubscriberStatus.PENDING)
    Follower.objects.create(email="f@example.org", email_hash="f", need=need, asked_at=SENT)
    Follower.objects.create(
        email="g@example.org", email_hash="g", need=NeedFactory(), asked_at=SENT, confirmed_at=SENT
    )


def test_the_unconfirmed_are_gone_after_seven_days_not_before():
    with _at(SENT):
        _unconfirmed_everything()
    with _at(SENT + datetime.timedelta(days=6, hours=23)):
        assert sum(retention_apply().values()) == 0
    with _at(SENT + datetime.timedelta(days=7, minutes=1)):
        counts = retention_apply()
    assert counts == {"ideas": 1, "subscribers": 2, "followers": 2, "idea_addresses": 0}
    assert not Idea.objects.exists()
    # Once confirmed, the row stays for what it received; the address goes.
    (subscriber,) = Subscriber.objects.all()
    assert (subscriber.email, subscriber.name, subscriber.status) == (
        "",
        "",
        SubscriberStatus.UNSUBSCRIBED,
    )
    (follower,) = Follower.objects.all()
    assert (follower.email, follower.status) == ("", SubscriberStatus.UNSUBSCRIBED)
    event = Event.objects.get(kind=PrivacyEvent.RETENTION_APPLIED)
    assert event.data == counts and event.actor is None


def test_a_second_run_changes_nothing_and_records_nothing():
    with _at(SENT):
        _unconfirmed_everything()
    with _at(SENT + datetime.timedelta(days=8)):
        retention_apply()
        assert sum(retention_apply().values()) == 0
    assert Event.objects.filter(kind=PrivacyEvent.RETENTION_APPLIED).count() == 1


def test_confirmed_ideas_and_subscribers_stay():
    with _at(SENT):
        IdeaFactory(status=IdeaStatus.AWAITING, email="waiting@example.org")
        IdeaFactory(status=IdeaStatus.KEPT, email="kept@example.org")
        SubscriberFactory(email="reader@example.org")
    with _at(SENT + datetime.timedelta(days=30)):
        retention_apply()
    assert sorted(Idea.objects.values_list("email", flat=True)) == [
        "kept@example.org",
        "waiting@example.org",
    ]
    assert Subscriber.objects.get().email == "reader@example.org"


def test_a_declined_idea_or_one_whose_sender_wanted_no_news_loses_its_address():
    declined = IdeaFactory(status=IdeaStatus.DECLINED)
    quiet = IdeaFactory(status=IdeaStatus.ACCEPTED, tell_me_what_became=False)
    NeedFactory().ideas.add(quiet)
    assert retention_apply()["idea_addresses"] == 2
    assert Idea.objects.get(pk=declined.pk).email == Idea.objects.get(pk=quiet.pk).email == ""


def test_an_idea_keeps_its_address_while_its_sender_follows_the_need(site):
    idea = IdeaFactory(
        status=IdeaStatus.ACCEPTED, tell_me_what_became=True, email="sender@example.org"
    )
    need = NeedFactory()
    need.ideas.add(idea)
    # Not yet followed: the telling job has not run since the idea was taken up.
    assert retention_apply()["idea_addresses"] == 0
    telling.followers_from_ideas()
    assert retention_apply()["idea_addresses"] == 0
    assert Idea.objects.get().email == "sender@example.org"

    Follower.objects.update(email="", status=SubscriberStatus.UNSUBSCRIBED)  # the stop link
    assert retention_apply()["idea_addresses"] == 1
    assert Idea.objects.get().email == ""
    # A forgotten address never starts following again.
    NeedFactory().ideas.add(idea)
    assert telling.followers_from_ideas() == 0


def test_the_job_runs_each_night_stockholm_time():
    entry = settings.CELERY_BEAT_SCHEDULE["privacy-retention"]
    assert entry["task"] == apply_retention.name
    assert entry["schedule"] == crontab(hour=3, minute=15)
    assert settings.CELERY_TIMEZONE == "Europe/Stockholm"
    with _at(SENT):
        IdeaFactory(status=IdeaStatus.UNCONFIRMED)
    with _at(datetime.datetime(2026, 11, 10, 3, 15, tzinfo=STOCKHOLM)):
        assert apply_retention.delay().get()["ideas"] == 1


def _data(n):
    need = NeedFactory()
    for i in range(n):
        IdeaFactory(status=IdeaStatus.UNCONFIRMED)
        IdeaFactory(status=IdeaStatus.DECLINED)
        SubscriberFactory(status=SubscriberStatus.PENDING, consented_at=None)
        SubscriberFactory(status=SubscriberStatus.PENDING)
        follower_of(email=f"p{i}@example.org", need=need)
    Follower.objects.update(status=SubscriberStatus.PENDING, confirmed_at=None, asked_at=SENT)


@pytest.mark.parametrize("rows", [1, 20])
def test_the_query_count_does_not_grow_with_the_data(rows, site, django_assert_num_queries):
    with _at(SENT):
        _data(rows)
    with _at(SENT + datetime.timedelta(days=8)):
        SiteSettings.current()  # cached, as it is between runs
        # Per kind: the rows to delete and their dependants (deliveries, links to needs), then
        # the updates that forget addresses; the event.
        with django_assert_num_queries(QUERIES):
            counts = retention_apply()
    assert counts == {
        "ideas": rows,
        "subscribers": 2 * rows,
        "followers": rows,
        "idea_addresses": rows,
    }
