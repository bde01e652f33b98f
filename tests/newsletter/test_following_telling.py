"""Followers told of what they follow: once per event, in their language, with a one-click way
out, through the outbox, so neither a second run nor a mail server that is down loses or doubles
a mail."""

import threading
from collections import Counter

import pytest
from django.db import connection, transaction
from django.test import Client
from django.utils import timezone

from actors import mail
from actors.choices import MailStatus
from actors.events import event_record
from actors.models import Event, OutgoingMail
from funding.choices import EntryKind
from initiatives import services
from initiatives.choices import InitiativeStep as S
from newsletter.bounces import Bounce
from newsletter.choices import SubscriberStatus
from newsletter.models import Delivery, FollowCursor, FollowDelivery, Follower
from newsletter.services import deliveries, telling
from prioritization.choices import PrioritisationEvent
from tests.factories import translated
from tests.focusgroups.factories import IdeaFactory
from tests.funding.factories import book, make_grant
from tests.initiatives.factories import NeedFactory
from tests.newsletter.factories import EditionFactory, SubscriberFactory
from tests.newsletter.following import decide, follower_of, links_in, path_of, public_initiative
from tests.prioritization.factories import RoundFactory
from tests.smtp_sink import SmtpSink, free_port

pytestmark = pytest.mark.django_db


def test_a_follower_is_told_each_move_once_in_their_language(site, coordinator):
    initiative = translated(
        public_initiative(title_sv="Kvällsfotboll"), "en", title="Evening football"
    )
    follower_of(email="amina@example.org", initiative=initiative)
    follower_of(email="sam@example.org", language="en", initiative=initiative)
    decide(initiative, coordinator)

    assert telling.followers_tell() == 2
    assert telling.followers_tell() == 0
    assert FollowDelivery.objects.count() == 2
    swedish = OutgoingMail.objects.get(recipient="amina@example.org")
    assert "Kvällsfotboll: Beslutades den 18 november 2026." in swedish.body_text
    english = OutgoingMail.objects.get(recipient="sam@example.org")
    assert "Evening football: Decided on 18 November 2026." in english.body_text
    assert any(f"/en/initiatives/{initiative.pk}/" in url for url in links_in(english.body_text))


def test_every_mail_has_one_click_unsubscribe_that_works_without_a_login(site, coordinator):
    initiative = public_initiative()
    follower = follower_of(initiative=initiative)
    decide(initiative, coordinator)
    telling.followers_tell()
    (sent,) = OutgoingMail.objects.all()
    assert sent.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = sent.headers["List-Unsubscribe"].strip("<>")
    assert url in sent.body_text

    client = Client(enforce_csrf_checks=True)  # a mail program posts without a token
    page = client.get(path_of(url))
    assert page.status_code == 200 and "Sluta följa" in page.text
    assert Follower.objects.get().status == SubscriberStatus.CONFIRMED
    assert client.post(path_of(url), {"List-Unsubscribe": "One-Click"}).status_code == 200
    follower.refresh_from_db()
    assert (follower.status, follower.email) == (SubscriberStatus.UNSUBSCRIBED, "")
    assert client.post(path_of(url)).status_code == 200  # replayed: the same answer

    services.initiative_advance(initiative=initiative, to_step=S.FUNDING, actor=coordinator)
    assert telling.followers_tell() == 0


def test_a_tampered_unsubscribe_link_changes_nothing(client, site):
    follower_of(initiative=public_initiative())
    response = client.post("/newsletter/follow/stop/1:abc/")
    assert response.status_code == 400
    assert Follower.objects.get().status == SubscriberStatus.CONFIRMED


def test_funded_and_completed_reach_the_followers_of_the_initiative_and_of_its_needs(
    site, coordinator, treasurer
):
    need = NeedFactory()
    initiative = public_initiative(title_sv="Läxhjälp")
    initiative.needs.add(need)
    follower_of(email="needs@example.org", need=need)
    follower_of(email="both@example.org", need=need)
    follower_of(email="both@example.org", initiative=initiative)
    decide(initiative, coordinator)
    services.initiative_advance(initiative=initiative, to_step=S.FUNDING, actor=coordinator)
    grant = make_grant(treasurer, received="1000.00")
    book(treasurer, EntryKind.ALLOCATION, grant, 600, initiative)

    telling.followers_tell()
    # Decided, moved to its funding, funded.
    assert OutgoingMail.objects.filter(recipient="needs@example.org").count() == 3
    # One who follows both the initiative and its need hears of each event once.
    assert OutgoingMail.objects.filter(recipient="both@example.org").count() == 3
    assert any(
        "600,00 kr har fördelats" in m.body_text
        for m in OutgoingMail.objects.filter(recipient="needs@example.org")
    )


def test_news_from_before_the_follow_and_unconfirmed_addresses_are_not_told(site, coordinator):
    initiative = public_initiative()
    decide(initiative, coordinator)
    late = follower_of(initiative=initiative)
    Follower.objects.filter(pk=late.pk).update(
        confirmed_at=timezone.now() + timezone.timedelta(minutes=1)
    )
    pending = follower_of(email="pending@example.org", initiative=initiative)
    Follower.objects.filter(pk=pending.pk).update(status=SubscriberStatus.PENDING)
    assert telling.followers_tell() == 0


def test_an_address_that_bounces_stops_getting_follow_mail(site, coordinator):
    initiative = public_initiative()
    follower_of(email="gone@example.org", initiative=initiative)
    SubscriberFactory(email="gone@example.org", status=SubscriberStatus.BOUNCED)
    decide(initiative, coordinator)
    assert telling.followers_tell() == 0


def test_a_permanent_newsletter_bounce_stops_what_the_address_follows(site):
    follower = follower_of(email="gone@example.org", initiative=public_initiative())
    subscriber = SubscriberFactory(email="gone@example.org", status=SubscriberStatus.CONFIRMED)
    delivery = Delivery.objects.create(
        edition=EditionFactory(), subscriber=subscriber, language="sv", status="sent"
    )
    deliveries.bounce_record(
        Bounce(delivery.edition_id, delivery.pk, "gone@example.org", True, "550 no such user")
    )
    follower.refresh_from_db()
    assert follower.status == SubscriberStatus.BOUNCED


def test_followers_of_one_thing_share_a_rendering_but_each_has_a_way_out_of_their_own(
    site, coordinator
):
    initiative = public_initiative()
    followers = [follower_of(email=f"r{n}@example.org", initiative=initiative) for n in range(3)]
    decide(initiative, coordinator)
    telling.followers_tell()

    mails = {mail.recipient: mail for mail in OutgoingMail.objects.all()}
    first, second = mails["r0@example.org"], mails["r1@example.org"]
    assert first.body_text != second.body_text and first.message_id != second.message_id
    assert "PLACEHOLDER" not in first.body_text + first.body_html + str(first.headers)
    client = Client()
    for follower in followers:
        sent = mails[follower.email]
        url = sent.headers["List-Unsubscribe"].strip("<>")
        assert url in sent.body_text and url in sent.body_html
        assert client.post(path_of(url), {"List-Unsubscribe": "One-Click"}).status_code == 200
        follower.refresh_from_db()
        assert follower.status == SubscriberStatus.UNSUBSCRIBED
    assert not Follower.objects.filter(status=SubscriberStatus.CONFIRMED).exists()


def test_a_run_that_dies_half_way_tells_nothing_and_the_next_tells_each_once(
    site, coordinator, monkeypatch
):
    initiative = public_initiative()
    for n in range(3):
        follower_of(email=f"r{n}@example.org", initiative=initiative)
    decide(initiative, coordinator)
    real_mail, calls = telling.mail_readdressed, []

    def dies_on_the_second(mail, **to):
        calls.append(to)
        if len(calls) == 2:
            raise RuntimeError("worker killed")
        return real_mail(mail, **to)

    monkeypatch.setattr(telling, "mail_readdressed", dies_on_the_second)
    with pytest.raises(RuntimeError):
        telling.followers_tell()
    assert not OutgoingMail.objects.exists() and not FollowDelivery.objects.exists()
    assert FollowCursor.objects.get().last_event_id == 0
    monkeypatch.setattr(telling, "mail_readdressed", real_mail)
    assert telling.followers_tell() == 3
    assert telling.followers_tell() == 0
    assert sorted(OutgoingMail.objects.values_list("recipient", flat=True)) == [
        "r0@example.org",
        "r1@example.org",
        "r2@example.org",
    ]


def test_an_event_with_more_followers_than_a_batch_may_mail_is_told_over_several_runs(
    site, coordinator, monkeypatch
):
    need = NeedFactory()
    initiative = public_initiative()
    initiative.needs.add(need)
    for n in range(6):
        follower_of(email=f"r{n}@example.org", initiative=initiative)
    follower_of(email="r0@example.org", need=need)  # follows the need too: told once
    follower_of(email="r6@example.org", need=need)
    decide(initiative, coordinator)
    monkeypatch.setattr(telling, "MAILS_PER_BATCH", 3)
    monkeypatch.setattr(telling, "RUN_SECONDS", 0)  # one batch a run
    batches = []
    real_tell = telling._tell
    monkeypatch.setattr(telling, "_tell", lambda events: batches.append(1) or real_tell(events))

    queued = []
    monkeypatch.setattr(telling, "enqueue_on_commit", lambda task: queued.append(task.name))

    assert [telling.followers_tell() for _run in range(4)] == [3, 3, 1, 0]

    assert len(batches) == 3  # the fourth run found nothing after the cursor
    # The two runs stopped for time with followers left queued the next at once.
    assert queued == ["newsletter.tasks.tell_followers"] * 2
    recipients = sorted(OutgoingMail.objects.values_list("recipient", flat=True))
    assert recipients == [f"r{n}@example.org" for n in range(7)]
    assert FollowCursor.objects.get().last_event_id == Event.objects.latest("pk").pk


def test_a_cursor_set_back_tells_nobody_twice(site, coordinator):
    initiative = public_initiative()
    for n in range(3):
        follower_of(email=f"r{n}@example.org", initiative=initiative)
    decide(initiative, coordinator)
    services.initiative_advance(initiative=initiative, to_step=S.FUNDING, actor=coordinator)
    assert telling.followers_tell() == 6

    FollowCursor.objects.update(last_event_id=0, gaps={})
    assert telling.followers_tell() == 0
    assert OutgoingMail.objects.count() == 6
    assert FollowCursor.objects.get().last_event_id == Event.objects.latest("pk").pk


def test_batches_that_go_on_inside_an_event_pass_over_who_is_not_to_be_told(
    site, coordinator, monkeypatch
):
    need = NeedFactory()
    initiative = public_initiative()
    initiative.needs.add(need)
    later = timezone.now() + timezone.timedelta(hours=1)
    for n in range(3):
        follower_of(email=f"r{n}@example.org", initiative=initiative)
        follower_of(email=f"idea{n}@example.org", need=need, idea=IdeaFactory())
        Follower.objects.filter(
            pk=follower_of(email=f"late{n}@example.org", initiative=initiative).pk
        ).update(confirmed_at=later)
    decide(initiative, coordinator)
    services.initiative_advance(initiative=initiative, to_step=S.FUNDING, actor=coordinator)
    monkeypatch.setattr(telling, "MAILS_PER_BATCH", 2)
    monkeypatch.setattr(telling, "RUN_SECONDS", 0)  # one batch a run
    monkeypatch.setattr(telling, "enqueue_on_commit", lambda task: None)

    runs = [telling.followers_tell() for _run in range(8)]

    assert sum(runs) == 9 and runs[-2:] == [0, 0]
    told = Counter(OutgoingMail.objects.values_list("recipient", flat=True))
    # Of the decision everyone who followed before it; of the move to funding, not idea senders.
    assert told == {**{f"r{n}@example.org": 2 for n in range(3)}} | {
        f"idea{n}@example.org": 1 for n in range(3)
    }
    assert FollowCursor.objects.get().last_event_id == Event.objects.latest("pk").pk


def test_a_batch_reads_the_same_number_of_queries_for_three_followers_or_thirty(
    site, coordinator, django_assert_num_queries
):
    for count in (3, 30):
        need = NeedFactory()
        initiative = public_initiative()
        initiative.needs.add(need)
        for n in range(count):
            follower_of(email=f"r{count}-{n}@example.org", initiative=initiative)
            follower_of(email=f"n{count}-{n}@example.org", need=need)
        decide(initiative, coordinator)
        events = list(Event.objects.filter(kind="initiatives.decided", subject_id=initiative.pk))
        with django_assert_num_queries(8):
            assert telling._tell(events) == (2 * count, 1)


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_a_run_skips_while_another_run_holds_the_cursor(site, coordinator):
    initiative = public_initiative()
    follower_of(initiative=initiative)
    decide(initiative, coordinator)
    FollowCursor.objects.create(pk=1)
    locked, done = threading.Event(), threading.Event()

    def other_run():
        with transaction.atomic():
            FollowCursor.objects.select_for_update().get(pk=1)
            locked.set()
            done.wait(10)
        connection.close()

    thread = threading.Thread(target=other_run)
    thread.start()
    assert locked.wait(10)
    try:
        assert telling.followers_tell() == 0
    finally:
        done.set()
        thread.join()
    assert telling.followers_tell() == 1


def test_with_the_mail_server_down_each_follow_mail_arrives_once_it_is_back(
    site, coordinator, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://portal.example.org"
    port = free_port()
    SmtpSink(port=port).use_in(settings)
    initiative = public_initiative()
    follower_of(email="amina@example.org", initiative=initiative)
    follower_of(email="sam@example.org", language="en", initiative=initiative)
    decide(initiative, coordinator)

    with django_capture_on_commit_callbacks(execute=True):
        telling.followers_tell()
    assert OutgoingMail.objects.filter(status=MailStatus.PENDING).count() == 2

    with SmtpSink(port=port) as sink:
        OutgoingMail.objects.update(next_attempt_at=timezone.now())
        telling.followers_tell()
        mail.mail_sweep()
        telling.followers_tell()
        mail.mail_sweep()
    assert sink.counts() == {"amina@example.org": 1, "sam@example.org": 1}
    (message,) = [m for m in sink.messages if m["To"] == "amina@example.org"]
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert (
        message["List-Unsubscribe"]
        .strip()
        .startswith("<https://portal.example.org/newsletter/follow/")
    )


def test_a_need_follower_hears_that_a_round_prioritised_it(site, coordinator):
    need = NeedFactory(title_sv="Trygga vägar hem")
    other = NeedFactory()
    follower_of(need=need)
    follower_of(email="other@example.org", need=other)
    with transaction.atomic():
        event_record(
            kind=PrioritisationEvent.ROUND_CLOSED,
            subject=RoundFactory(),
            actor=coordinator,
            data={
                "title_sv": "Våren",
                "ranked": 2,
                "prioritised": [{"need": need.pk, "title_sv": need.title_sv}],
            },
            public=True,
        )
    assert telling.followers_tell() == 1
    (told,) = OutgoingMail.objects.all()
    assert told.recipient == "amina@example.org"
    assert "Trygga vägar hem" in told.body_text


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_an_event_that_commits_after_a_later_one_is_told_when_it_does_and_once(site, coordinator):
    early, late = public_initiative(), public_initiative()
    follower_of(email="early@example.org", initiative=early)
    follower_of(email="late@example.org", initiative=late)
    recorded, commit, early_ids = threading.Event(), threading.Event(), []

    def slow_action():
        try:
            with transaction.atomic():
                decide(early, coordinator)  # takes the lower id
                early_ids.append(Event.objects.get(kind__in=telling.TOLD_KINDS).pk)
                recorded.set()
                commit.wait(10)
        finally:
            connection.close()

    thread = threading.Thread(target=slow_action)
    thread.start()
    try:
        assert recorded.wait(10)
        decide(late, coordinator)  # a higher id, visible first
        assert telling.followers_tell() == 1
        assert str(early_ids[0]) in FollowCursor.objects.get().gaps
    finally:
        commit.set()
        thread.join()
    assert telling.followers_tell() == 1  # the early one, now that it has committed
    assert telling.followers_tell() == 0
    assert sorted(OutgoingMail.objects.values_list("recipient", flat=True)) == [
        "early@example.org",
        "late@example.org",
    ]
    assert str(early_ids[0]) not in FollowCursor.objects.get().gaps


def test_an_event_below_the_cursor_is_told_once_it_is_seen(site, coordinator):
    initiative = public_initiative()
    follower_of(initiative=initiative)
    decide(initiative, coordinator)
    event = Event.objects.get(kind__in=telling.TOLD_KINDS)
    FollowCursor.objects.create(
        pk=1, last_event_id=event.pk, gaps={str(event.pk): timezone.now().isoformat()}
    )
    assert telling.followers_tell() == 1
    assert telling.followers_tell() == 0
    assert FollowCursor.objects.get().gaps == {}
