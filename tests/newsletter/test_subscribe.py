"""Sign-up, double opt-in, preferences and unsubscribing, by a resident with no account."""

import re

import pytest
from django.core import mail, signing
from django.urls import reverse

from newsletter import links
from newsletter.choices import DeliveryStatus, SubscriberStatus
from newsletter.models import Delivery, Subscriber, email_hash
from newsletter.services import subscribers
from tests.newsletter.factories import EditionFactory, SubscriberFactory

pytestmark = pytest.mark.django_db

SIGNUP = "newsletter:signup"


def sign_up(client, callbacks, **data):
    with callbacks(execute=True):
        return client.post(
            reverse(SIGNUP), {"email": "amina@example.org", "language": "sv", **data}
        )


def link_in(message, name: str) -> str:
    text = message.body
    match = re.search(r"https?://\S+/" + name + r"/\S+/", text)
    assert match, text
    return match.group(0).replace("http://127.0.0.1:8000", "")


def test_it_saves_first_and_mails_only_after_commit(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(reverse(SIGNUP), {"email": "Amina@Example.org", "language": "sv"})
    assert response.status_code == 302
    assert response["Location"] == reverse("newsletter:signup_done")
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "amina@example.org"
    assert subscriber.status == SubscriberStatus.PENDING
    assert subscriber.confirmation_due
    assert mail.outbox == []  # nothing inside the request
    assert len(callbacks) == 1
    callbacks[0]()
    assert len(mail.outbox) == 1
    subscriber.refresh_from_db()
    assert not subscriber.confirmation_due


def test_it_records_the_consent_text_and_interests(
    client, django_capture_on_commit_callbacks, focus_areas
):
    sign_up(
        client,
        django_capture_on_commit_callbacks,
        name="Amina",
        language="en",
        interests=[focus_areas[0].pk],
    )
    subscriber = Subscriber.objects.get()
    assert subscriber.language == "en"
    assert "unsubscribe at any time" in subscriber.consent_text
    assert subscriber.consent_language == "en"
    assert not subscriber.all_interests
    assert list(subscriber.interests.all()) == [focus_areas[0]]
    assert subscriber.consented_at is None  # consent is given by confirming


def test_confirmation_mail_is_in_the_subscribers_language(
    client, django_capture_on_commit_callbacks
):
    sign_up(client, django_capture_on_commit_callbacks, language="en", name="Amina")
    (message,) = mail.outbox
    # Only the address until it is confirmed: the name is whatever the sign-up form was given.
    assert message.to == ["amina@example.org"] and "Amina" not in message.message().as_string()
    assert "Confirm your subscription" in message.subject
    assert "/en/newsletter/confirm/" in message.body
    assert message.alternatives[0][1] == "text/html"


def test_the_button_behind_the_link_subscribes_and_records_consent(
    client, django_capture_on_commit_callbacks
):
    sign_up(client, django_capture_on_commit_callbacks)
    url = link_in(mail.outbox[0], "confirm")
    response = client.get(url)
    assert response.status_code == 200
    assert "amina@example.org" in response.text and "Bekräfta min prenumeration" in response.text
    # Opening the link, as mail scanners do, changes nothing.
    assert Subscriber.objects.get().status == SubscriberStatus.PENDING
    response = client.post(url)
    assert response.status_code == 200
    assert "amina@example.org" in response.text
    subscriber = Subscriber.objects.get()
    assert subscriber.status == SubscriberStatus.CONFIRMED
    assert subscriber.consented_at is not None


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_link_used_again_says_the_address_is_already_confirmed(
    client, django_capture_on_commit_callbacks, method
):
    sign_up(client, django_capture_on_commit_callbacks)
    url = link_in(mail.outbox[0], "confirm")
    client.post(url)
    consented_at = Subscriber.objects.get().consented_at
    response = getattr(client, method)(url)
    assert response.status_code == 200
    assert "Din adress är redan bekräftad" in response.text
    assert "Länken kan inte användas" not in response.text
    assert Subscriber.objects.get().consented_at == consented_at


def test_an_old_link_of_a_confirmed_address_says_so_in_the_subscribers_language(
    client, django_capture_on_commit_callbacks, monkeypatch
):
    sign_up(client, django_capture_on_commit_callbacks, language="en")
    url = link_in(mail.outbox[0], "confirm")
    client.post(url)
    monkeypatch.setattr(links, "CONFIRM_MAX_AGE", -1)
    response = client.get(url)
    assert response.status_code == 200
    assert "Your address is already confirmed" in response.text


def test_a_link_replaced_by_a_newer_one_is_refused(client, django_capture_on_commit_callbacks):
    subscriber = SubscriberFactory(status=SubscriberStatus.PENDING)
    old = links.make_token(subscriber, salt=links.CONFIRM_SALT)
    subscriber.token_key = "newer"
    subscriber.save()
    response = client.post(reverse("newsletter:confirm", args=[old]))
    assert response.status_code == 410 and 'data-reason="used"' in response.text
    assert Subscriber.objects.get().status == SubscriberStatus.PENDING


@pytest.mark.parametrize("method", ["get", "post"])
def test_an_altered_link_is_refused(client, django_capture_on_commit_callbacks, method):
    sign_up(client, django_capture_on_commit_callbacks)
    url = link_in(mail.outbox[0], "confirm")
    token = url.rstrip("/").rsplit("/", 1)[1]
    forged = signing.dumps([Subscriber.objects.get().pk + 1, "x"], salt="wrong")
    for bad in (token[:-2] + "xx", forged, "nonsense"):
        response = getattr(client, method)(reverse("newsletter:confirm", args=[bad]))
        assert response.status_code == 400
        assert 'data-reason="invalid"' in response.text
    assert Subscriber.objects.get().status == SubscriberStatus.PENDING


@pytest.mark.parametrize("method", ["get", "post"])
def test_an_expired_link_is_refused(
    client, django_capture_on_commit_callbacks, monkeypatch, method
):
    sign_up(client, django_capture_on_commit_callbacks)
    url = link_in(mail.outbox[0], "confirm")
    monkeypatch.setattr(links, "CONFIRM_MAX_AGE", -1)
    response = getattr(client, method)(url)
    assert response.status_code == 410
    assert 'data-reason="expired"' in response.text
    assert Subscriber.objects.get().status == SubscriberStatus.PENDING


def test_the_confirmation_link_of_an_unsubscribed_address_says_so(
    client, django_capture_on_commit_callbacks
):
    sign_up(client, django_capture_on_commit_callbacks)
    url = link_in(mail.outbox[0], "confirm")
    subscribers.subscriber_unsubscribe(subscriber=Subscriber.objects.get())
    response = client.post(url)
    assert response.status_code == 410 and 'data-reason="unsubscribed"' in response.text
    assert Subscriber.objects.get().status == SubscriberStatus.UNSUBSCRIBED


def test_a_manage_link_cannot_confirm(client):
    subscriber = SubscriberFactory(status=SubscriberStatus.PENDING)
    token = links.make_token(subscriber, salt=links.MANAGE_SALT)
    assert client.get(reverse("newsletter:confirm", args=[token])).status_code == 400
    assert client.post(reverse("newsletter:confirm", args=[token])).status_code == 400


def test_the_page_never_reveals_an_existing_subscription(
    client, django_capture_on_commit_callbacks
):
    SubscriberFactory(email="amina@example.org", name="Amina")
    response = sign_up(client, django_capture_on_commit_callbacks, name="Someone else")
    assert response["Location"] == reverse("newsletter:signup_done")
    assert mail.outbox == []
    subscriber = Subscriber.objects.get()
    assert subscriber.name == "Amina"  # a stranger cannot change a confirmed subscription
    assert subscriber.status == SubscriberStatus.CONFIRMED


def test_an_address_gets_at_most_three_confirmation_mails_a_day(
    client, django_capture_on_commit_callbacks
):
    for _attempt in range(5):
        with django_capture_on_commit_callbacks(execute=True):
            subscribers.subscriber_sign_up(
                email="amina@example.org", name="", language="sv", interests=[], consent_text="x"
            )
    assert len(mail.outbox) == subscribers.MAX_CONFIRMATIONS_PER_DAY
    assert Subscriber.objects.count() == 1


def test_a_flood_from_one_ip_is_stopped(client, django_capture_on_commit_callbacks):
    for number in range(10):
        response = sign_up(
            client, django_capture_on_commit_callbacks, email=f"a{number}@example.org"
        )
        assert response.status_code == 302
    response = sign_up(client, django_capture_on_commit_callbacks, email="late@example.org")
    assert response.status_code == 429
    assert "För många anmälningar" in response.text
    assert not Subscriber.objects.filter(email="late@example.org").exists()
    assert len(mail.outbox) == 10


def test_a_flood_for_one_address_is_stopped(client, django_capture_on_commit_callbacks):
    for number in range(6):
        response = client.post(
            reverse(SIGNUP),
            {"email": "amina@example.org", "language": "sv"},
            REMOTE_ADDR=f"10.0.0.{number}",
        )
    assert response.status_code == 429


def test_the_honeypot_pretends_success_and_saves_nothing(
    client, django_capture_on_commit_callbacks
):
    response = sign_up(client, django_capture_on_commit_callbacks, website="http://spam.example")
    assert response.status_code == 302
    assert not Subscriber.objects.exists()
    assert mail.outbox == []


@pytest.mark.parametrize(
    "data",
    [
        {"email": "not-an-address"},
        {"email": "a" * 250 + "@example.org"},
        {"email": "amina@example.org\r\nBcc: victim@example.org"},
        {"name": "Amina\r\nBcc: victim@example.org"},
        {"language": "fi"},
        {"email": ""},
    ],
)
def test_bad_input_gets_the_form_back_and_saves_nothing(
    client, django_capture_on_commit_callbacks, data
):
    response = sign_up(client, django_capture_on_commit_callbacks, **data)
    assert response.status_code == 200
    assert 'id="form-errors"' in response.text
    assert not Subscriber.objects.exists()
    assert mail.outbox == []


def test_the_footer_form_is_on_other_pages_and_signs_up(client, django_capture_on_commit_callbacks):
    page = client.get(reverse("portal:home"))
    assert 'id="footer-newsletter-email"' in page.text
    assert f'action="{reverse(SIGNUP)}"' in page.text
    response = sign_up(client, django_capture_on_commit_callbacks, website="")
    assert response.status_code == 302
    assert Subscriber.objects.get().all_interests


def manage_url(name, subscriber):
    return reverse(name, args=[links.make_token(subscriber, salt=links.MANAGE_SALT)])


def test_one_click_unsubscribe_by_the_headers_post(client, focus_areas):
    subscriber = SubscriberFactory(email="amina@example.org", name="Amina", all_interests=False)
    subscriber.interests.set(focus_areas)
    edition = EditionFactory()
    Delivery.objects.create(edition=edition, subscriber=subscriber, language="sv")
    response = client.post(
        manage_url("newsletter:unsubscribe", subscriber),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.UNSUBSCRIBED
    assert subscriber.email == "" and subscriber.name == ""
    assert subscriber.email_hash == email_hash("amina@example.org")
    assert not subscriber.interests.exists()
    assert Delivery.objects.get().status == DeliveryStatus.SKIPPED


def test_unsubscribe_by_the_link_asks_first_then_deletes(client):
    subscriber = SubscriberFactory(email="amina@example.org", name="Amina")
    url = manage_url("newsletter:unsubscribe", subscriber)
    page = client.get(url)
    assert page.status_code == 200
    assert Subscriber.objects.get().status == SubscriberStatus.CONFIRMED  # a GET changes nothing
    client.post(url)
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.UNSUBSCRIBED
    assert subscriber.email_hash == email_hash("amina@example.org")
    assert not Subscriber.objects.filter(email="amina@example.org").exists()
    assert client.post(url).status_code == 200  # twice is fine
    assert client.get(manage_url("newsletter:preferences", subscriber)).status_code == 410


def test_an_unsubscribed_address_can_opt_in_again(client, django_capture_on_commit_callbacks):
    subscriber = SubscriberFactory(email="amina@example.org")
    old_link = manage_url("newsletter:unsubscribe", subscriber)
    subscribers.subscriber_unsubscribe(subscriber=subscriber)
    sign_up(client, django_capture_on_commit_callbacks)
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.PENDING
    assert subscriber.email == "amina@example.org"
    client.post(link_in(mail.outbox[0], "confirm"))
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.CONFIRMED
    # A link from a mail before unsubscribing no longer works.
    assert client.post(old_link).status_code == 410
    assert Subscriber.objects.get().status == SubscriberStatus.CONFIRMED


def test_preferences_change_without_login(client, focus_areas):
    subscriber = SubscriberFactory(email="amina@example.org")
    url = manage_url("newsletter:preferences", subscriber)
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"name": "Amina A", "language": "en", "interests": [focus_areas[1].pk]}
    )
    assert response.status_code == 302
    subscriber.refresh_from_db()
    assert (subscriber.name, subscriber.language) == ("Amina A", "en")
    assert list(subscriber.interests.all()) == [focus_areas[1]]
    assert not subscriber.all_interests


def test_preferences_refuse_bad_input(client):
    subscriber = SubscriberFactory(email="amina@example.org", name="Amina")
    url = manage_url("newsletter:preferences", subscriber)
    response = client.post(url, {"name": "x\r\nBcc: y@example.org", "language": "sv"})
    assert response.status_code == 200
    assert 'id="form-errors"' in response.text
    subscriber.refresh_from_db()
    assert subscriber.name == "Amina"


def test_the_form_needs_no_csrf_token_so_cached_pages_can_carry_it(
    django_capture_on_commit_callbacks,
):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    page = client.get(reverse("portal:home"))
    assert "csrfmiddlewaretoken" not in page.text.split('class="newsletter-footer"')[1]
    response = sign_up(client, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert Subscriber.objects.count() == 1


def test_pages_behind_signed_links_are_never_cached(client):
    subscriber = SubscriberFactory()
    for name in ("newsletter:preferences", "newsletter:unsubscribe"):
        response = client.get(manage_url(name, subscriber))
        assert "private" in response["Cache-Control"]


def test_account_pages_have_no_footer_form(client):
    assert "footer-newsletter-email" not in client.get(reverse("account_login")).text
