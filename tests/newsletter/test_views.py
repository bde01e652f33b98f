"""The coordinators' pages: writing, previewing, test-sending and sending an edition."""

import pytest
from django.core import mail
from django.urls import reverse

from actors.i18n import translation
from actors.translations import State, state_of
from newsletter.choices import DeliveryStatus, EditionStatus
from newsletter.models import Delivery, Edition
from tests.factories import translated
from tests.newsletter.factories import EditionFactory, SubscriberFactory

pytestmark = pytest.mark.django_db

VALID = {"subject_sv": "Nytt från Husby", "body_sv": "Hej **alla**", "audience": "all"}


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client


def test_it_creates_a_draft(coordinator_client):
    response = coordinator_client.post(reverse("newsletter:edition_create"), VALID)
    edition = Edition.objects.get()
    assert response.status_code == 302
    assert response["Location"] == edition.get_absolute_url()
    assert edition.status == EditionStatus.DRAFT
    assert edition.subject_sv == "Nytt från Husby"


@pytest.mark.parametrize(
    "change",
    [
        {"subject_sv": ""},
        {"body_sv": ""},
        {"subject_sv": "Hej\r\nBcc: victim@example.org"},
        {"subject_sv": "x" * 151},
        {"audience": "interests"},  # with no focus area chosen
        {"audience": "nobody"},
    ],
)
def test_bad_input_gets_the_form_back(coordinator_client, change):
    response = coordinator_client.post(reverse("newsletter:edition_create"), {**VALID, **change})
    assert response.status_code == 200
    assert 'id="form-errors"' in response.text
    assert not Edition.objects.exists()


def test_interests_audience(coordinator_client, focus_areas):
    data = {**VALID, "audience": "interests", "interests": [focus_areas[0].pk]}
    coordinator_client.post(reverse("newsletter:edition_create"), data)
    assert list(Edition.objects.get().interests.all()) == [focus_areas[0]]


def test_it_edits_a_draft(coordinator_client):
    edition = EditionFactory()
    url = reverse("newsletter:edition_edit", args=[edition.pk])
    assert coordinator_client.get(url).status_code == 200
    coordinator_client.post(url, {**VALID, "subject_sv": "Ändrad"})
    edition.refresh_from_db()
    assert edition.subject_sv == "Ändrad"


def test_a_change_to_the_swedish_text_makes_its_translations_stale(coordinator_client):
    edition = translated(EditionFactory(**VALID), "so", subject="Warka Husby", body="Salaan")
    url = reverse("newsletter:edition_edit", args=[edition.pk])
    # Sent back from a browser's textarea: CRLF line ends are no change.
    assert coordinator_client.post(url, {**VALID, "body_sv": "Hej **alla**\r\n"}).status_code == 302
    edition.refresh_from_db()
    assert state_of(edition, "so") == State.CURRENT
    assert coordinator_client.post(url, {**VALID, "body_sv": "Ny text"}).status_code == 302
    edition.refresh_from_db()
    assert edition.body_sv == "Ny text"
    assert state_of(edition, "so") == State.STALE
    assert translation(edition.translations, "so", "body") == "Salaan"


def test_a_sent_edition_cannot_be_edited(coordinator_client):
    edition = EditionFactory(status=EditionStatus.SENT, subject_sv="Skickad")
    url = reverse("newsletter:edition_edit", args=[edition.pk])
    response = coordinator_client.post(url, {**VALID, "subject_sv": "Ändrad"})
    assert response.status_code == 302
    edition.refresh_from_db()
    assert edition.subject_sv == "Skickad"


def test_preview_shows_every_translation_sanitised(coordinator_client, site):
    site.languages = ["sv", "ar"]
    site.save()
    edition = EditionFactory(body_sv="**Hej** <script>alert(1)</script>")
    translated(edition, "ar", subject="مرحبا", body="*أهلا* <script>alert(2)</script>")
    response = coordinator_client.get(edition.get_absolute_url())
    assert "<strong>Hej</strong>" in response.text
    assert "<em>أهلا</em>" in response.text
    assert '<article class="border rounded p-3" lang="ar" dir="auto"' in response.text
    assert "<script>alert" not in response.text


def test_the_page_shows_each_languages_translation_and_subscribers(coordinator_client, site):
    site.languages = ["sv", "en", "so", "ar"]
    site.save()
    SubscriberFactory.create_batch(2, language="so")
    SubscriberFactory(language="ar")
    edition = translated(EditionFactory(), "en", subject="News", body="Hello")
    translated(edition, "so", subject="Warka", body="Salaan")
    edition.body_sv = "Ny text"
    edition.save()
    response = coordinator_client.get(edition.get_absolute_url())
    states = response.context["translation_states"]
    states = {state.code: (state.recipients, state.status) for state in states}
    assert states == {"en": (0, "stale"), "so": (2, "stale"), "ar": (1, "missing")}
    assert "Äldre än den svenska texten" in response.text
    # Only the stale language with subscribers asks for a choice.
    assert list(response.context["send_form"].fields) == ["confirm", "stale_so"]


def test_send_test_goes_to_the_coordinator(coordinator_client, django_capture_on_commit_callbacks):
    edition = EditionFactory()
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(
            reverse("newsletter:edition_send_test", args=[edition.pk])
        )
    assert response.status_code == 302
    assert [message.to for message in mail.outbox] == [["coordinator@example.org"]]


def test_sending_from_the_page(coordinator_client, django_capture_on_commit_callbacks):
    SubscriberFactory.create_batch(3)
    edition = EditionFactory()
    url = reverse("newsletter:edition_send", args=[edition.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(url, {"confirm": "yes"})
    assert response.status_code == 302
    assert len(mail.outbox) == 3
    edition.refresh_from_db()
    assert edition.status == EditionStatus.SENT
    # Sending again is refused with a message, and sends nothing.
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(url, {"confirm": "yes"}, follow=True)
    assert "skickas redan eller har redan skickats" in response.text
    assert len(mail.outbox) == 3


def test_sending_needs_the_box_ticked(coordinator_client, django_capture_on_commit_callbacks):
    SubscriberFactory()
    edition = EditionFactory()
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(
            reverse("newsletter:edition_send", args=[edition.pk]), follow=True
        )
    assert response.status_code == 200
    assert mail.outbox == []
    edition.refresh_from_db()
    assert edition.status == EditionStatus.DRAFT
    assert not Delivery.objects.exists()


def test_sending_asks_what_the_readers_of_a_stale_translation_get(
    coordinator_client, django_capture_on_commit_callbacks
):
    SubscriberFactory(language="so")
    edition = translated(EditionFactory(), "so", subject="Warka", body="Salaan")
    edition.subject_sv = "Ny rubrik"
    edition.save()
    url = reverse("newsletter:edition_send", args=[edition.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(url, {"confirm": "on"})
    assert response.status_code == 200
    assert response.context["send_form"].errors == {
        "stale_so": ["Välj vad prenumeranterna som läser Soomaali får."]
    }
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(url, {"confirm": "on", "stale_so": "swedish"})
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.subject == "Ny rubrik"
    edition.refresh_from_db()
    assert edition.swedish_for == ["so"]


def test_mutating_views_refuse_get_anonymous_and_outsiders(client, outsider):
    edition = EditionFactory()
    for name in ("edition_send", "edition_send_test"):
        url = reverse(f"newsletter:{name}", args=[edition.pk])
        assert client.get(url).status_code == 405
        assert client.post(url)["Location"].startswith(reverse("account_login"))
        client.force_login(outsider)
        assert client.post(url).status_code == 403
        client.logout()
    assert not Delivery.objects.exists()


def test_progress_json(coordinator_client, coordinator):
    edition = EditionFactory(status=EditionStatus.SENDING)
    for status in (DeliveryStatus.SENT, DeliveryStatus.SENT, DeliveryStatus.FAILED):
        Delivery.objects.create(
            edition=edition, subscriber=SubscriberFactory(), language="sv", status=status
        )
    Delivery.objects.create(edition=edition, subscriber=SubscriberFactory(), language="sv")
    response = coordinator_client.get(reverse("newsletter:edition_progress", args=[edition.pk]))
    assert response.json() == {
        "status": "sending",
        "total": 4,
        "sent": 2,
        "failed": 1,
        "skipped": 0,
        "pending": 1,
        "percent": 75,
    }
    page = coordinator_client.get(edition.get_absolute_url())
    assert 'data-progress-url="' in page.text
    assert "newsletter/edition-progress.js" in page.text


def make_editions(count: int, recipients: int):
    subscribers = SubscriberFactory.create_batch(recipients)
    for _number in range(count):
        edition = EditionFactory(status=EditionStatus.SENT)
        Delivery.objects.bulk_create(
            Delivery(
                edition=edition,
                subscriber=subscriber,
                language="sv",
                status=DeliveryStatus.FAILED,
                error="550 no such user",
            )
            for subscriber in subscribers
        )
    return edition


@pytest.mark.parametrize("editions,recipients", [(2, 2), (30, 10)])
def test_edition_list_queries_stay_fixed(
    coordinator_client, django_assert_num_queries, editions, recipients
):
    make_editions(editions, recipients)
    # session, user, roles (one query, organisations with them); count of editions, site
    # settings, the page of editions with their delivery counts (+sent by)
    with django_assert_num_queries(6):
        response = coordinator_client.get(reverse("newsletter:edition_list"))
    assert response.status_code == 200


@pytest.mark.parametrize("recipients", [2, 40])
def test_edition_detail_queries_stay_fixed(
    coordinator_client, django_assert_num_queries, recipients
):
    edition = make_editions(1, recipients)
    # session, user, roles (one query, organisations with them); the edition, count of
    # failures, its focus areas, the progress counts, site settings, the page of failures
    # (+subscriber)
    with django_assert_num_queries(9):
        response = coordinator_client.get(edition.get_absolute_url())
    assert response.status_code == 200
    assert "550 no such user" in response.text


@pytest.mark.parametrize("areas", [0, 6])
def test_signup_page_queries_stay_fixed(client, django_assert_num_queries, areas):
    from prioritization.models import FocusArea

    for number in range(areas):
        FocusArea.objects.create(slug=f"area-{number}", name_sv=f"Område {number}")
    # site settings; focus areas for the checkboxes
    with django_assert_num_queries(2):
        response = client.get(reverse("newsletter:signup"))
    assert response.status_code == 200
