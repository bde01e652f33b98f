"""A person's mails speak the language they last chose: the one they logged in with, or the one
set in their notification settings."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from notifications.kinds import kinds_for
from notifications.services import digests_send, notifications_fan_out
from prioritization.choices import PrioritisationEvent
from tests.factories import PASSWORD, MembershipFactory
from tests.prioritization.factories import RoundFactory

from .conftest import moved, record

pytestmark = pytest.mark.django_db


def body_of(message) -> str:
    return message.get_body(("plain",)).get_content()


def test_a_notice_is_mailed_in_its_readers_language(
    site, member, outsider, coordinator, smtp_sink, django_capture_on_commit_callbacks
):
    member.language = "so"
    member.save()
    round_ = RoundFactory(title_sv="Vårens runda")
    with django_capture_on_commit_callbacks(execute=True):
        # As prioritization.services.round_open records it, with the title in every language
        # it is translated into (actors.i18n.in_every_language).
        record(
            PrioritisationEvent.ROUND_OPENED,
            round_,
            coordinator,
            title_sv="Vårens runda",
            title_so="Wareegga guga",
            closes_on=None,
            needs=[],
        )
        notifications_fan_out()

    (somali,) = smtp_sink.to("member@example.org")
    with translation.override("so"):
        assert somali["Subject"] == gettext("A prioritisation round opened")
    assert somali["Subject"] != "En prioriteringsrunda har öppnats"
    assert somali["Content-Language"] == "so"
    body = body_of(somali)
    assert "Wareegga guga" in body
    assert "/so/notifications/" in body and "/so/notifications/preferences/" in body
    assert "/so/notifications/unsubscribe/" in str(somali["List-Unsubscribe"])
    (swedish,) = smtp_sink.to("other@example.org")
    assert swedish["Subject"] == "En prioriteringsrunda har öppnats"
    assert "”Vårens runda”" in body_of(swedish)
    assert "/so/" not in body_of(swedish)


def test_a_digest_is_in_its_readers_language(
    site, member, initiative, organisation, smtp_sink, django_capture_on_commit_callbacks
):
    MembershipFactory(organisation=organisation, user__email="colleague@example.org")
    member.language = "en"
    member.save()
    moved(initiative, "decision")
    notifications_fan_out()

    with django_capture_on_commit_callbacks(execute=True):
        assert digests_send(frequency="daily") == 2

    assert "the step “Decision”" in body_of(smtp_sink.to("member@example.org")[0])
    assert "steget ”Beslut”" in body_of(smtp_sink.to("colleague@example.org")[0])


def test_a_language_the_portal_no_longer_offers_falls_back_to_swedish(site, member):
    from notifications.mail import language_of

    member.language = "xx"
    assert language_of(member) == "sv"


@pytest.mark.parametrize(("prefix", "language"), [("/en", "en"), ("", "sv")])
def test_logging_in_keeps_the_language_of_the_login_page(client, member, prefix, language):
    member.language = "en" if language == "sv" else "sv"
    member.save()

    response = client.post(
        f"{prefix}/accounts/login/", {"login": member.email, "password": PASSWORD}
    )

    assert response.status_code == 302
    member.refresh_from_db()
    assert member.language == language


def test_the_settings_page_chooses_the_mails_language(client, member):
    client.force_login(member)
    url = reverse("notifications:preferences")
    page = client.get(url).content.decode()
    assert "Språk i dina e-postmeddelanden" in page
    # Each language named in itself, and marked as such for a screen reader.
    assert '<option value="en" lang="en">English</option>' in page
    assert '<option value="sv" selected lang="sv">Svenska</option>' in page

    frequencies = {kind.kind.value: kind.default.value for kind in kinds_for(member)}

    response = client.post(url, {"language": "en", **frequencies})

    assert response.status_code == 302
    member.refresh_from_db()
    assert member.language == "en"


@pytest.mark.parametrize("forged", ["xx", "en" * 300])
def test_a_language_not_offered_is_refused_with_a_message_and_nothing_saved(client, member, forged):
    client.force_login(member)

    response = client.post(reverse("notifications:preferences"), {"language": forged})

    assert response.status_code == 200
    assert "Välj ett giltigt alternativ" in response.content.decode()
    member.refresh_from_db()
    assert member.language == "sv"
