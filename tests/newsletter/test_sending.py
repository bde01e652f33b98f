"""Editions: audience, language, the mails themselves, and delivery that never sends twice."""

from datetime import timedelta
from unittest import mock

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.core import mail
from django.utils import translation
from django.utils.translation import gettext as _

from actors.models import Event
from newsletter import tasks
from newsletter.choices import (
    Audience,
    DeliveryStatus,
    EditionStatus,
    NewsletterEvent,
    StaleChoice,
    SubscriberStatus,
)
from newsletter.models import Delivery, Subscriber
from newsletter.services import deliveries, editions, subscribers
from newsletter.services.languages import StaleTranslations
from tests.factories import translated
from tests.newsletter.factories import EditionFactory, SubscriberFactory, send

pytestmark = pytest.mark.django_db


def test_audience_is_confirmed_subscribers_only(coordinator, django_capture_on_commit_callbacks):
    confirmed = SubscriberFactory()
    SubscriberFactory(status=SubscriberStatus.PENDING)
    SubscriberFactory(status=SubscriberStatus.UNSUBSCRIBED, email="")
    edition = EditionFactory()
    assert send(edition, coordinator, django_capture_on_commit_callbacks) == 1
    assert list(Delivery.objects.values_list("subscriber", flat=True)) == [confirmed.pk]


def test_audience_by_interest(coordinator, focus_areas, django_capture_on_commit_callbacks):
    safety, leisure = focus_areas
    everything = SubscriberFactory(all_interests=True)
    wants_safety = SubscriberFactory(all_interests=False)
    wants_safety.interests.set([safety])
    wants_both = SubscriberFactory(all_interests=False)
    wants_both.interests.set([safety, leisure])
    wants_leisure = SubscriberFactory(all_interests=False)
    wants_leisure.interests.set([leisure])
    edition = EditionFactory(audience=Audience.INTERESTS)
    edition.interests.set([safety])
    assert editions.edition_recipients_by_language(edition=edition) == {"sv": 3}
    send(edition, coordinator, django_capture_on_commit_callbacks)
    assert set(Delivery.objects.values_list("subscriber", flat=True)) == {
        everything.pk,
        wants_safety.pk,
        wants_both.pk,
    }


def test_each_subscriber_gets_their_language(
    coordinator, smtp_sink, site, django_capture_on_commit_callbacks
):
    SubscriberFactory(email="sv@example.org", language="sv")
    SubscriberFactory(email="so@example.org", language="so")
    SubscriberFactory(email="plain@example.org", language="sv-plain")
    edition = EditionFactory(subject_sv="Hej Husby", body_sv="Det här har **hänt**.")
    translated(edition, "so", subject="Salaan Husby", body="Tani **way dhacday**.")
    translated(edition, "sv-plain", subject="Hej alla i Husby", body="Det här **hände**.")
    send(edition, coordinator, django_capture_on_commit_callbacks)
    (swedish,) = smtp_sink.to("sv@example.org")
    (somali,) = smtp_sink.to("so@example.org")
    (plain,) = smtp_sink.to("plain@example.org")
    assert swedish["Subject"] == "Hej Husby"
    assert somali["Subject"] == "Salaan Husby"
    assert plain["Subject"] == "Hej alla i Husby"
    assert "<strong>way dhacday</strong>" in somali.get_body(("html",)).get_content()
    assert somali["Content-Language"] == "so"
    assert plain["Content-Language"] == "sv-x-plain"
    assert "/so/newsletter/unsubscribe/" in somali["List-Unsubscribe"]
    assert "/sv-plain/newsletter/unsubscribe/" in plain["List-Unsubscribe"]
    assert "/so/" not in swedish["List-Unsubscribe"]
    with translation.override("so"):
        assert _("Unsubscribe") in somali.get_body(("plain",)).get_content()


def test_a_language_without_a_translation_gets_the_swedish_text(
    coordinator, smtp_sink, django_capture_on_commit_callbacks
):
    SubscriberFactory(email="ar@example.org", language="ar")
    edition = EditionFactory(subject_sv="Bara svenska")
    send(edition, coordinator, django_capture_on_commit_callbacks)
    (message,) = smtp_sink.to("ar@example.org")
    assert message["Subject"] == "Bara svenska"
    # The text is Swedish, all around it Arabic.
    assert message["Content-Language"] == "ar, sv"
    html = message.get_body(("html",)).get_content()
    assert 'lang="sv" dir="auto"' in html
    assert 'dir="rtl"' in html


def _stale_somali(edition):
    """The edition translated into Somali, then its Swedish text changed."""
    translated(edition, "so", subject="Salaan Husby", body="Qoraal hore.")
    edition.subject_sv, edition.body_sv = "Hej Husby igen", "Ny text."
    edition.save()
    return edition


def test_a_stale_translation_is_not_sent_without_a_choice(
    coordinator, smtp_sink, django_capture_on_commit_callbacks
):
    SubscriberFactory(language="so")
    edition = _stale_somali(EditionFactory())
    with pytest.raises(StaleTranslations) as refused:
        send(edition, coordinator, django_capture_on_commit_callbacks)
    assert refused.value.languages == ["so"]
    with pytest.raises(StaleTranslations):
        send(edition, coordinator, django_capture_on_commit_callbacks, stale_choices={"so": "?"})
    edition.refresh_from_db()
    assert edition.status == EditionStatus.DRAFT
    assert not Delivery.objects.exists()
    assert not smtp_sink.messages


def test_a_stale_translation_without_readers_needs_no_choice(
    coordinator, django_capture_on_commit_callbacks
):
    SubscriberFactory(language="sv")
    edition = _stale_somali(EditionFactory())
    assert send(edition, coordinator, django_capture_on_commit_callbacks) == 1


@pytest.mark.parametrize(
    ("choice", "subject"),
    [(StaleChoice.TRANSLATION, "Salaan Husby"), (StaleChoice.SWEDISH, "Hej Husby igen")],
)
def test_the_choice_for_a_stale_translation_is_honoured_and_recorded(
    coordinator, smtp_sink, django_capture_on_commit_callbacks, choice, subject
):
    SubscriberFactory(email="so@example.org", language="so")
    SubscriberFactory(email="ti@example.org", language="ti")
    edition = _stale_somali(EditionFactory())
    translated(edition, "ti", subject="ሰላም ሑስቢ", body="ሓድሽ ጽሑፍ።")
    send(edition, coordinator, django_capture_on_commit_callbacks, stale_choices={"so": choice})
    (somali,) = smtp_sink.to("so@example.org")
    (tigrinya,) = smtp_sink.to("ti@example.org")
    assert somali["Subject"] == subject
    assert tigrinya["Subject"] == "ሰላም ሑስቢ"  # current: its translation, whatever was chosen
    sent = Event.objects.get(kind=NewsletterEvent.EDITION_SENT)
    assert sent.data["stale"] == {"so": choice}


def test_the_mail_has_what_a_newsletter_needs(
    coordinator, smtp_sink, site, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://cih.example.org"
    SubscriberFactory(email="amina@example.org", name="Amina")
    edition = EditionFactory(body_sv="Läs **mer** <script>alert(1)</script> [här](https://x.se)")
    send(edition, coordinator, django_capture_on_commit_callbacks)
    (message,) = smtp_sink.to("amina@example.org")
    delivery = Delivery.objects.get()
    assert message["From"] == "Collective Impact Husby <no-reply@cih.example.org>"
    assert message["Reply-To"] == "kontakt@cih.example.org"
    assert message["To"] == "Amina <amina@example.org>"
    assert message["Message-ID"] == delivery.message_id
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert (
        message["List-Unsubscribe"]
        .strip()
        .startswith("<https://cih.example.org/newsletter/unsubscribe/")
    )
    assert message.get_content_type() == "multipart/alternative"
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert "https://cih.example.org/newsletter/preferences/" in text
    assert "https://cih.example.org/newsletter/unsubscribe/" in html
    assert "<strong>mer</strong>" in html
    assert "<script>" not in html
    assert '<a href="https://x.se"' in html
    assert delivery.status == DeliveryStatus.SENT
    edition.refresh_from_db()
    assert edition.status == EditionStatus.SENT
    assert edition.sent_at is not None


def test_message_ids_differ_per_delivery(
    coordinator, smtp_sink, django_capture_on_commit_callbacks
):
    SubscriberFactory.create_batch(3)
    send(EditionFactory(), coordinator, django_capture_on_commit_callbacks)
    assert len({message["Message-ID"] for message in smtp_sink.messages}) == 3


def test_a_batch_run_again_sends_nothing_twice(
    coordinator, smtp_sink, django_capture_on_commit_callbacks
):
    SubscriberFactory.create_batch(5)
    edition = EditionFactory()
    send(edition, coordinator, django_capture_on_commit_callbacks)
    ids = list(Delivery.objects.values_list("pk", flat=True))
    tasks.deliver_batch.apply(args=[edition.pk, ids])
    deliveries.deliveries_send_batch(edition_id=edition.pk, delivery_ids=ids)
    assert len(smtp_sink.messages) == 5
    assert set(smtp_sink.counts().values()) == {1}


def test_deliveries_are_handed_out_in_batches(
    coordinator, monkeypatch, django_capture_on_commit_callbacks
):
    batches = []
    monkeypatch.setattr(tasks.deliver_batch, "apply_async", lambda args, **kw: batches.append(args))
    SubscriberFactory.create_batch(230)
    send(EditionFactory(), coordinator, django_capture_on_commit_callbacks)
    assert [len(ids) for _edition, ids in batches] == [100, 100, 30]


def test_a_permanent_refusal_marks_the_delivery_failed(
    coordinator, smtp_sink, django_capture_on_commit_callbacks
):
    SubscriberFactory(email="gone@example.org")
    SubscriberFactory(email="fine@example.org")
    smtp_sink.reject["gone@example.org"] = "550 5.1.1 No such user"
    edition = EditionFactory()
    send(edition, coordinator, django_capture_on_commit_callbacks)
    failed = Delivery.objects.get(subscriber__email="gone@example.org")
    assert failed.status == DeliveryStatus.FAILED
    assert "550" in failed.error
    assert Delivery.objects.get(subscriber__email="fine@example.org").status == DeliveryStatus.SENT
    edition.refresh_from_db()
    assert edition.status == EditionStatus.SENT
    # The address is not tried again with the next edition.
    assert Subscriber.objects.get(pk=failed.subscriber_id).status == SubscriberStatus.BOUNCED
    send(EditionFactory(), coordinator, django_capture_on_commit_callbacks)
    assert Delivery.objects.filter(subscriber__email="gone@example.org").count() == 1


def test_a_transient_refusal_is_retried(coordinator, smtp_sink, django_capture_on_commit_callbacks):
    SubscriberFactory(email="busy@example.org")
    smtp_sink.reject_once["busy@example.org"] = "451 4.3.0 Try again later"
    send(EditionFactory(), coordinator, django_capture_on_commit_callbacks)
    delivery = Delivery.objects.get()
    assert delivery.status == DeliveryStatus.SENT
    assert delivery.attempts == 2
    assert len(smtp_sink.to("busy@example.org")) == 1


def test_transient_failures_wait_for_the_sweep_then_give_up_after_the_last_try(
    coordinator, smtp_sink, django_capture_on_commit_callbacks
):
    SubscriberFactory(email="busy@example.org")
    smtp_sink.reject["busy@example.org"] = "451 4.3.0 Try again later"
    edition = EditionFactory()
    send(edition, coordinator, django_capture_on_commit_callbacks)
    delivery = Delivery.objects.get()
    assert delivery.status == DeliveryStatus.PENDING
    assert delivery.attempts == tasks.QUICK_RETRIES + 1

    # The sweep's wait runs from the last try, not from when the edition was sent.
    with django_capture_on_commit_callbacks(execute=True):
        assert deliveries.newsletter_sweep() == {"requeued": 0}
        assert deliveries.newsletter_sweep(stuck_after=timedelta(0)) == {"requeued": 1}
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.FAILED
    assert delivery.attempts == deliveries.MAX_ATTEMPTS
    assert "451" in delivery.error
    edition.refresh_from_db()
    assert edition.status == EditionStatus.SENT


def test_a_batch_stopped_at_its_soft_time_limit_is_tried_again(
    coordinator, smtp_sink, django_capture_on_commit_callbacks
):
    """A slow mail server: the rest of the batch goes round again instead of being killed."""
    SubscriberFactory(email="slow@example.org")
    send_batch, runs = deliveries.deliveries_send_batch, []

    def stopped_the_first_time(**batch):
        runs.append(batch)
        if len(runs) == 1:
            raise SoftTimeLimitExceeded()
        return send_batch(**batch)

    with mock.patch.object(deliveries, "deliveries_send_batch", stopped_the_first_time):
        send(EditionFactory(), coordinator, django_capture_on_commit_callbacks)
    assert len(runs) == 2
    assert Delivery.objects.get().status == DeliveryStatus.SENT
    assert len(smtp_sink.to("slow@example.org")) == 1


def test_an_unreachable_mail_server_leaves_deliveries_pending_for_a_retry(
    coordinator, settings, django_capture_on_commit_callbacks
):
    from tests.smtp_sink import free_port

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()
    SubscriberFactory.create_batch(2)
    edition = EditionFactory()
    with django_capture_on_commit_callbacks(execute=False):
        editions.edition_send(edition=edition, actor=coordinator)
    ids = list(Delivery.objects.values_list("pk", flat=True))
    retry = deliveries.deliveries_send_batch(edition_id=edition.pk, delivery_ids=ids)
    assert retry == ids
    assert set(Delivery.objects.values_list("status", flat=True)) == {DeliveryStatus.PENDING}
    edition.refresh_from_db()
    assert edition.status == EditionStatus.SENDING


def test_someone_who_unsubscribes_before_their_turn_is_skipped(
    coordinator, smtp_sink, django_capture_on_commit_callbacks
):
    leaving = SubscriberFactory()
    SubscriberFactory()
    edition = EditionFactory()
    with django_capture_on_commit_callbacks(execute=False):
        editions.edition_send(edition=edition, actor=coordinator)
    subscribers.subscriber_unsubscribe(subscriber=leaving)
    ids = list(Delivery.objects.values_list("pk", flat=True))
    deliveries.deliveries_send_batch(edition_id=edition.pk, delivery_ids=ids)
    assert Delivery.objects.get(subscriber=leaving).status == DeliveryStatus.SKIPPED
    assert len(smtp_sink.messages) == 1


def test_an_edition_is_sent_only_once(coordinator, django_capture_on_commit_callbacks):
    SubscriberFactory()
    edition = EditionFactory()
    send(edition, coordinator, django_capture_on_commit_callbacks)
    with pytest.raises(editions.EditionError):
        editions.edition_send(edition=edition, actor=coordinator)
    with pytest.raises(editions.EditionError):
        editions.edition_save(
            edition=edition, actor=coordinator, subject_sv="x", body_sv="x",
            audience=Audience.ALL, interests=[],
        )  # fmt: skip
    assert Delivery.objects.count() == 1


def test_an_edition_with_no_recipients_is_done_at_once(
    coordinator, django_capture_on_commit_callbacks
):
    edition = EditionFactory()
    assert send(edition, coordinator, django_capture_on_commit_callbacks) == 0
    edition.refresh_from_db()
    assert edition.status == EditionStatus.SENT


def test_a_test_copy_goes_to_the_coordinator_only(
    coordinator, smtp_sink, django_capture_on_commit_callbacks
):
    SubscriberFactory()
    edition = translated(EditionFactory(), "en", subject="Newsletter", body="Hello!")
    with django_capture_on_commit_callbacks(execute=True):
        editions.edition_test_copy_queue(edition=edition, actor=coordinator)
    assert [str(m["To"]) for m in smtp_sink.messages] == ["coordinator@example.org"] * 2
    assert {m["Subject"] for m in smtp_sink.messages} == {
        f"[TEST] {edition.subject_sv}",
        "[TEST] Newsletter",
    }
    assert not Delivery.objects.exists()
    edition.refresh_from_db()
    assert edition.status == EditionStatus.DRAFT


def test_header_injection_in_a_subject_is_flattened(coordinator):
    edition = editions.edition_save(
        actor=coordinator, subject_sv="Hej\r\nBcc: victim@example.org", body_sv="x",
        audience=Audience.ALL, interests=[],
    )  # fmt: skip
    assert edition.subject_sv == "Hej Bcc: victim@example.org"
    mail.outbox.clear()


def test_a_long_paragraph_is_sent_in_full_messages(
    coordinator, smtp_sink, django_capture_on_commit_callbacks
):
    """A paragraph over 998 characters is quoted-printable encoded, which can split the
    placeholders of the once-serialised edition; such an edition is built per message."""
    from newsletter import mail

    SubscriberFactory(email="amina@example.org")
    edition = EditionFactory(body_sv="Ord " * 400)
    assert mail.prepare(mail.edition_content(edition, "sv", text_language="sv")) is None
    send(edition, coordinator, django_capture_on_commit_callbacks)
    (message,) = smtp_sink.to("amina@example.org")
    assert "/newsletter/unsubscribe/" in message["List-Unsubscribe"]
    assert Delivery.objects.get().status == DeliveryStatus.SENT


def test_the_prepared_and_the_full_message_say_the_same(coordinator):
    from newsletter import links, mail

    subscriber = SubscriberFactory(email="amina@example.org", name="Åsa Öberg")
    edition = EditionFactory()
    delivery = Delivery.objects.create(edition=edition, subscriber=subscriber, language="sv")
    content = mail.edition_content(edition, "sv", text_language="sv")
    full = mail.delivery_message(content, delivery=delivery, subscriber=subscriber)
    prepared = mail.prepare(content).message_bytes(
        to=mail.envelope_recipient(subscriber),
        message_id=mail.message_id(edition.pk, delivery.pk),
        token=links.make_token(subscriber, salt=links.MANAGE_SALT),
    )
    import email
    from email import policy

    fast = email.message_from_bytes(prepared, policy=policy.default)
    slow = email.message_from_bytes(full.message().as_bytes(linesep="\r\n"), policy=policy.default)
    for header in ("From", "To", "Subject", "Message-ID", "List-Unsubscribe", "Reply-To"):
        assert str(fast[header]).strip() == str(slow[header]).strip(), header
    assert fast.get_body(("plain",)).get_content() == slow.get_body(("plain",)).get_content()
    assert fast.get_body(("html",)).get_content() == slow.get_body(("html",)).get_content()
