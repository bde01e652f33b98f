"""The coordinators' pages: writing, previewing, test-sending and sending an edition."""

import pytest
from django.core import mail
from django.urls import reverse

from newsletter.choices import DeliveryStatus, EditionStatus
from newsletter.models import Delivery, Edition
from tests.newsletter.factories import EditionFactory, SubscriberFactory

pytestmark = pytest.mark.django_db

VALID = {
    "subject_sv": "Nytt från Husby",
    "subject_en": "News from Husby",
    "body_sv": "Hej **alla**",
    "body_en": "Hello **everyone**",
    "audience": "all",
}


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
    assert edition.subject_en == "News from Husby"


@pytest.mark.parametrize(
    "change",
    [
        {"subject_sv": ""},
        {"body_sv": ""},
        {"subject_sv": "Hej\r\nBcc: victim@example.org"},
        {"subject_sv": "x" * 151},
        {"audience": "interests"},  # with no focus area chosen
        {"audience": "nobody"},
        {"subject_en": "Only a subject", "body_en": ""},
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


@pytest.mark.parametrize(
    ("change", "warned"),
    [
        ({"subject_sv": "Ny rubrik"}, "subject_en"),
        ({"body_sv": "Ny text"}, "body_en"),
        ({"subject_en": "New subject"}, "subject_sv"),
    ],
)
def test_a_change_in_one_language_only_is_saved_once_confirmed(coordinator_client, change, warned):
    edition = EditionFactory(**{k: v for k, v in VALID.items() if k != "audience"})
    url = reverse("newsletter:edition_edit", args=[edition.pk])
    data = {**VALID, **change}
    response = coordinator_client.post(url, data)
    assert response.status_code == 200
    form = response.context["form"]
    assert list(form.errors) == [warned]
    assert "bekräfta nedan att den ska stå kvar" in form.errors[warned][0]
    assert 'name="languages_confirmed"' in response.text
    edition.refresh_from_db()
    assert edition.subject_sv == VALID["subject_sv"] and edition.body_sv == VALID["body_sv"]

    response = coordinator_client.post(url, {**data, "languages_confirmed": "on"})
    assert response.status_code == 302
    edition.refresh_from_db()
    field, value = next(iter(change.items()))
    assert getattr(edition, field) == value


def test_changing_both_languages_or_a_language_without_its_own_text_needs_no_confirmation(
    coordinator_client,
):
    edition = EditionFactory(**{k: v for k, v in VALID.items() if k != "audience"})
    url = reverse("newsletter:edition_edit", args=[edition.pk])
    both = {**VALID, "subject_sv": "Ny", "subject_en": "New"}
    # Sent back from a browser's textarea: CRLF line ends are no change.
    assert (
        coordinator_client.post(url, {**both, "body_en": "Hello **everyone**\r\n"}).status_code
        == 302
    )
    swedish_only = EditionFactory(subject_en="", body_en="")
    url = reverse("newsletter:edition_edit", args=[swedish_only.pk])
    data = {**VALID, "subject_en": "", "body_en": "", "subject_sv": "Bara svenska"}
    assert coordinator_client.post(url, data).status_code == 302


def test_a_sent_edition_cannot_be_edited(coordinator_client):
    edition = EditionFactory(status=EditionStatus.SENT, subject_sv="Skickad")
    url = reverse("newsletter:edition_edit", args=[edition.pk])
    response = coordinator_client.post(url, {**VALID, "subject_sv": "Ändrad"})
    assert response.status_code == 302
    edition.refresh_from_db()
    assert edition.subject_sv == "Skickad"


def test_preview_shows_both_languages_sanitised(coordinator_client):
    edition = EditionFactory(body_sv="**Hej** <script>alert(1)</script>", body_en="*Hello*")
    response = coordinator_client.get(edition.get_absolute_url())
    assert "<strong>Hej</strong>" in response.text
    assert "<em>Hello</em>" in response.text
    assert "<script>alert" not in response.text


def test_send_test_goes_to_the_coordinator(coordinator_client, django_capture_on_commit_callbacks):
    edition = EditionFactory()
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(
            reverse("newsletter:edition_send_test", args=[edition.pk])
        )
    assert response.status_code == 302
    assert [message.to for message in mail.outbox] == [["coordinator@example.org"]] * 2


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
