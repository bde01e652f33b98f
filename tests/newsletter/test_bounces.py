"""Bounce reports for real newsletter mails: sent through an SMTP server on 127.0.0.1, returned
the way a receiving mail server reports them (RFC 3464), and read by the pipe command."""

import io

import pytest
from django.core.management import call_command

from initiatives import services
from initiatives.choices import InitiativeStep as S
from newsletter import bounces
from newsletter.choices import DeliveryStatus, SubscriberStatus
from newsletter.models import Delivery, Follower, Subscriber
from newsletter.services import following, subscribers, telling
from tests.initiatives.factories import NeedFactory
from tests.newsletter.factories import EditionFactory, SubscriberFactory, send
from tests.newsletter.following import decide, follower_of, public_initiative

pytestmark = pytest.mark.django_db


def dsn(*, recipient: str, status: str, action: str = "failed", original: str) -> bytes:
    """A delivery status notification as Postfix writes it, around the returned original."""
    return (
        "From: MAILER-DAEMON@mx.example.org\n"
        "To: no-reply@cih.example.org\n"
        "Subject: Undelivered Mail Returned to Sender\n"
        "MIME-Version: 1.0\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="B"\n\n'
        "--B\nContent-Type: text/plain\n\nYour message could not be delivered.\n"
        "--B\nContent-Type: message/delivery-status\n\n"
        "Reporting-MTA: dns; mx.example.org\n\n"
        f"Final-Recipient: rfc822; {recipient}\n"
        f"Action: {action}\n"
        f"Status: {status}\n"
        f"Diagnostic-Code: smtp; {status[0]}50 {status} mailbox unavailable\n"
        f"{original}"
        "--B--\n"
    ).encode()


def bounce_report(received, *, recipient: str, status: str, action: str = "failed") -> bytes:
    """The report quoting only the original's headers (text/rfc822-headers)."""
    headers = "".join(f"{name}: {value}\n" for name, value in received.items())
    original = f"--B\nContent-Type: text/rfc822-headers\n\n{headers}"
    return dsn(recipient=recipient, status=status, action=action, original=original)


@pytest.fixture
def sent(coordinator, smtp_sink, django_capture_on_commit_callbacks):
    """One edition delivered to two subscribers; the mail Amina's server received."""
    amina = SubscriberFactory(email="amina@example.org")
    SubscriberFactory(email="bo@example.org")
    send(EditionFactory(), coordinator, django_capture_on_commit_callbacks)
    return amina, smtp_sink.to("amina@example.org")[0]


def pipe(raw: bytes, monkeypatch) -> str:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(raw)))
    out = io.StringIO()
    call_command("newsletter_bounces", stdout=out)
    return out.getvalue()


def test_a_permanent_bounce_stops_mail_to_the_address(
    sent, monkeypatch, coordinator, smtp_sink, django_capture_on_commit_callbacks
):
    amina, received = sent
    output = pipe(
        bounce_report(received, recipient="Amina@Example.org", status="5.1.1"), monkeypatch
    )

    assert "recorded" in output
    delivery = Delivery.objects.get(subscriber=amina)
    assert delivery.status == DeliveryStatus.BOUNCED
    assert "5.1.1" in delivery.error
    assert Subscriber.objects.get(pk=amina.pk).status == SubscriberStatus.BOUNCED
    assert Delivery.objects.exclude(subscriber=amina).get().status == DeliveryStatus.SENT

    send(EditionFactory(), coordinator, django_capture_on_commit_callbacks)
    assert len(smtp_sink.to("amina@example.org")) == 1
    assert len(smtp_sink.to("bo@example.org")) == 2


def test_a_temporary_bounce_is_recorded_and_mail_goes_on(sent, monkeypatch):
    amina, received = sent
    pipe(bounce_report(received, recipient="amina@example.org", status="4.2.2"), monkeypatch)
    assert Delivery.objects.get(subscriber=amina).status == DeliveryStatus.BOUNCED
    assert Subscriber.objects.get(pk=amina.pk).status == SubscriberStatus.CONFIRMED


def test_a_delay_warning_is_not_a_bounce(sent, monkeypatch):
    amina, received = sent
    report = bounce_report(
        received, recipient="amina@example.org", status="4.4.1", action="delayed"
    )
    assert bounces.read_report(report) == []
    pipe(report, monkeypatch)
    assert Delivery.objects.get(subscriber=amina).status == DeliveryStatus.SENT


def test_a_report_for_another_address_changes_nothing(sent, monkeypatch):
    """A forged report must know the subscriber's address, not only the guessable Message-ID."""
    amina, received = sent
    output = pipe(bounce_report(received, recipient="bo@example.org", status="5.1.1"), monkeypatch)
    assert "ignored" in output
    assert set(Delivery.objects.values_list("status", flat=True)) == {DeliveryStatus.SENT}
    assert Subscriber.objects.get(pk=amina.pk).status == SubscriberStatus.CONFIRMED


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"Subject: out of office\n\nI am away until Monday.",
        b"\xff\xfe not a mail at all \x00",
    ],
    ids=["empty", "auto-reply", "garbage"],
)
def test_mail_that_is_no_bounce_of_ours_is_left_alone(sent, monkeypatch, raw):
    assert pipe(raw, monkeypatch) == ""
    assert set(Delivery.objects.values_list("status", flat=True)) == {DeliveryStatus.SENT}


def test_reports_can_be_read_from_files(sent, tmp_path):
    amina, received = sent
    path = tmp_path / "bounce.eml"
    path.write_bytes(bounce_report(received, recipient="amina@example.org", status="5.1.1"))
    call_command("newsletter_bounces", str(path), stdout=io.StringIO())
    assert Subscriber.objects.get(pk=amina.pk).status == SubscriberStatus.BOUNCED


def test_a_bounced_address_that_signs_up_again_starts_the_opt_in_anew(sent, monkeypatch):
    amina, received = sent
    pipe(bounce_report(received, recipient="amina@example.org", status="5.2.1"), monkeypatch)
    subscribers.subscriber_sign_up(
        email="amina@example.org", name="", language="sv", interests=[], consent_text="ja"
    )
    assert Subscriber.objects.get(pk=amina.pk).status == SubscriberStatus.PENDING


def test_an_original_returned_in_full_is_read_too(sent):
    amina, received = sent
    original = f"--B\nContent-Type: message/rfc822\n\n{received.as_string()}\n"
    raw = dsn(recipient="<Amina@example.org>", status="5.1.1", original=original)
    (bounce,) = bounces.read_report(raw)
    assert bounce.delivery_id == Delivery.objects.get(subscriber=amina).pk
    assert bounce.recipient == "amina@example.org"
    assert bounce.permanent


# Mails telling followers (and residents who sent an idea) what became of what they follow.


@pytest.fixture
def told(site, coordinator, smtp_sink, django_capture_on_commit_callbacks):
    """Amina follows an initiative and one of its needs, Bo the initiative; a decision is told
    to both through the SMTP server. Returns the initiative and the mail Amina's server got."""
    initiative = public_initiative(title_sv="Läxhjälp")
    initiative.needs.add(need := NeedFactory())
    for thing in ({"initiative": initiative}, {"need": need}):
        follower_of(email="amina@example.org", **thing)
    follower_of(email="bo@example.org", initiative=initiative)
    decide(initiative, coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        assert telling.followers_tell() == 2
    return initiative, smtp_sink.to("amina@example.org")[0]


def statuses(email: str) -> set[str]:
    return set(Follower.objects.filter(email=email).values_list("status", flat=True))


def tell_again(initiative, coordinator, django_capture_on_commit_callbacks):
    services.initiative_advance(initiative=initiative, to_step=S.FUNDING, actor=coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        telling.followers_tell()


def test_a_permanent_bounce_of_a_follow_mail_stops_everything_the_address_follows(
    told, monkeypatch, coordinator, smtp_sink, django_capture_on_commit_callbacks
):
    initiative, received = told
    output = pipe(
        bounce_report(received, recipient="Amina@Example.org", status="5.1.1"), monkeypatch
    )

    assert "permanent bounce for follow mail" in output and "recorded" in output
    assert statuses("amina@example.org") == {SubscriberStatus.BOUNCED}
    assert statuses("bo@example.org") == {SubscriberStatus.CONFIRMED}
    tell_again(initiative, coordinator, django_capture_on_commit_callbacks)
    assert smtp_sink.counts() == {"amina@example.org": 1, "bo@example.org": 2}


def test_a_temporary_bounce_of_a_follow_mail_changes_nothing(told, monkeypatch):
    _initiative, received = told
    pipe(bounce_report(received, recipient="amina@example.org", status="4.2.2"), monkeypatch)
    assert statuses("amina@example.org") == {SubscriberStatus.CONFIRMED}


def test_a_follow_mail_report_for_another_address_changes_nothing(told, monkeypatch):
    _initiative, received = told
    output = pipe(bounce_report(received, recipient="bo@example.org", status="5.1.1"), monkeypatch)
    assert "ignored" in output
    assert statuses("amina@example.org") == statuses("bo@example.org") == {"confirmed"}


def test_a_recipient_the_server_refuses_outright_stops_following(
    site, coordinator, smtp_sink, django_capture_on_commit_callbacks
):
    initiative = public_initiative()
    follower_of(email="gone@example.org", initiative=initiative)
    follower_of(email="busy@example.org", initiative=initiative)
    smtp_sink.reject["gone@example.org"] = "550 No such user"
    smtp_sink.reject_once["busy@example.org"] = "451 Try again later"
    decide(initiative, coordinator)

    with django_capture_on_commit_callbacks(execute=True):
        telling.followers_tell()

    assert statuses("gone@example.org") == {SubscriberStatus.BOUNCED}
    assert statuses("busy@example.org") == {SubscriberStatus.CONFIRMED}  # a 4xx may pass


def test_a_bounced_address_that_follows_again_starts_the_opt_in_anew(
    told, monkeypatch, smtp_sink, django_capture_on_commit_callbacks
):
    initiative, received = told
    pipe(bounce_report(received, recipient="amina@example.org", status="5.2.1"), monkeypatch)

    with django_capture_on_commit_callbacks(execute=True):
        following.follow_request(email="amina@example.org", language="sv", initiative=initiative)

    follower = Follower.objects.get(email="amina@example.org", initiative=initiative)
    assert follower.status == SubscriberStatus.PENDING
    assert len(smtp_sink.to("amina@example.org")) == 2  # the news, then the confirmation link
