"""The privacy notice and the accessibility statement, in every language the portal offers and
linked from every page's footer; a barrier reported with the statement's form reaches the
coordinators, rate-limited, and works from the page cache."""

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from actors.i18n import language_tag
from actors.models import Event, OutgoingMail, SiteSettings
from notifications.models import Notification
from privacy.choices import PrivacyEvent
from privacy.services import BARRIERS_PER_CONNECTION
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

REPORT = {"page": "/workshops/", "description": "Knappen går inte att nå med tangentbordet."}


def _in(language: str, name: str) -> str:
    with translation.override(language):
        return reverse(name)


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
@pytest.mark.parametrize("name", ["privacy:notice", "privacy:accessibility"])
def test_both_pages_speak_every_language_and_name_the_controller(client, site, language, name):
    site.languages = [code for code, _name in settings.LANGUAGES]
    site.save()
    page = client.get(_in(language, name))
    assert page.status_code == 200
    text = page.content.decode()
    assert f'lang="{language_tag(language)}"' in text
    assert "Collective Impact Husby" in text and "kontakt@cih.example.org" in text


def test_the_notice_states_the_keeping_times_as_the_portal_applies_them(client, site):
    text = client.get(_in("en", "privacy:notice")).content.decode()
    assert "deleted after 7 days" in text
    assert "IMY" in text and "article 6.1 a" in text


def test_the_statement_says_how_to_complain_to_digg(client, site):
    text = client.get(_in("sv", "privacy:accessibility")).content.decode()
    assert "Myndigheten för digital förvaltning" in text
    assert "https://www.digg.se/tdosanmalan" in text
    assert "delvis förenlig" in text


def test_every_page_links_both_from_its_footer(client, site, member):
    for page in (reverse("portal:home"), reverse("actors:organisation_list")):
        footer = client.get(page).content.decode().split("<footer", 1)[1]
        assert reverse("privacy:notice") in footer
        assert reverse("privacy:accessibility") in footer
    client.force_login(member)
    text = client.get(reverse("portal:dashboard")).content.decode()
    assert reverse("privacy:account") in text


def test_a_report_reaches_the_collaborations_contact_address(client, site):
    response = client.post(
        reverse("privacy:accessibility"), {**REPORT, "email": "amina@example.org"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("privacy:barrier_sent")
    (mail,) = OutgoingMail.objects.all()
    assert mail.recipient == "kontakt@cih.example.org"
    assert "Knappen går inte" in mail.body_text and "amina@example.org" in mail.body_text
    event = Event.objects.get(kind=PrivacyEvent.BARRIER_REPORTED)
    assert event.data == {"page": "/workshops/"} and not event.public


def test_without_a_contact_address_each_coordinator_is_told(client, coordinator, admin_user):
    SiteSettings.objects.filter(pk=1).delete()
    response = client.post(reverse("privacy:accessibility"), REPORT)
    assert response.status_code == 302
    assert list(OutgoingMail.objects.values_list("recipient", flat=True)) == [
        "coordinator@example.org"
    ]


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"description": ""},
        {"description": "x" * 5000},
        {"description": "ok", "email": "not an address"},
        {"description": "ok", "page": "p" * 400},
        {"description": "   ", "page": "\u202e<script>"},
    ],
)
def test_bad_reports_come_back_with_their_errors_and_send_nothing(client, site, data):
    response = client.post(reverse("privacy:accessibility"), data)
    assert response.status_code == 200 and response.context["form"].errors
    assert not OutgoingMail.objects.exists()


def test_a_bot_is_thanked_and_nothing_is_sent(client, site):
    response = client.post(reverse("privacy:accessibility"), {**REPORT, "website": "spam"})
    assert response.status_code == 302
    assert not OutgoingMail.objects.exists()


def test_reports_are_limited_per_connection(client, site):
    for _ in range(BARRIERS_PER_CONNECTION.limit):
        assert client.post(reverse("privacy:accessibility"), REPORT).status_code == 302
    refused = client.post(reverse("privacy:accessibility"), REPORT)
    assert refused.status_code == 429
    assert "Försök igen om en timme" in refused.content.decode()
    assert OutgoingMail.objects.count() == BARRIERS_PER_CONNECTION.limit
    other = client.post(reverse("privacy:accessibility"), REPORT, REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 302


def test_the_form_works_from_the_page_cache(settings, site):
    settings.PAGE_CACHE_ENABLED = True
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    url = reverse("privacy:accessibility")
    assert first.get(url)["X-Page-Cache"] == "miss"
    served = second.get(url)
    assert served["X-Page-Cache"] == "hit"
    token = re.search(r'name="csrfmiddlewaretoken" value="(\w+)"', served.content.decode())[1]
    response = second.post(url, {**REPORT, "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert OutgoingMail.objects.count() == 1


@pytest.mark.parametrize("size", [1, 10])
def test_the_pages_ask_a_fixed_number_of_queries(client, site, size, django_assert_num_queries):
    for n in range(size):
        Event.objects.create(kind=PrivacyEvent.BARRIER_REPORTED, public=False, data={"n": n})
    SiteSettings.current()
    with django_assert_num_queries(0):
        client.get(reverse("privacy:notice"))
        client.get(reverse("privacy:accessibility"))


@pytest.mark.parametrize("size", [1, 10])
def test_the_account_pages_ask_a_fixed_number_of_queries(
    client, site, member, size, django_assert_num_queries
):
    for n in range(size):
        MembershipFactory(user=member)
        Notification.objects.create(recipient=member, kind="initiative_moved", key=str(n))
    client.force_login(member)
    SiteSettings.current()
    # The session, the user, their roles (the menus); whether they are the last administrator
    # or coordinator (their own roles, read again by the service).
    with django_assert_num_queries(4):
        assert client.get(reverse("privacy:account")).status_code == 200
    with django_assert_num_queries(4):
        assert client.get(reverse("privacy:account_delete")).status_code == 200
