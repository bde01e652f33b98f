"""The dashboard: what waits for each person, by the roles they hold and the organisations they
act for."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.focusgroups.factories import IdeaFactory
from tests.prioritization.factories import NeedFactory, RoundFactory, ScoreFactory
from tests.workshops.factories import ActionFactory, ParkedItemFactory, WorkshopFactory

pytestmark = pytest.mark.django_db


def test_coordinators_see_ideas_awaiting_moderation_and_open_rounds(client_for):
    IdeaFactory(title="Utegym")
    IdeaFactory(title="Obekräftad", status="unconfirmed")
    round_ = RoundFactory(title_sv="Hösten", needs=[NeedFactory()])
    page = client_for("coordinator").get(reverse("portal:dashboard")).content.decode()
    assert "Utegym" in page and "Obekräftad" not in page
    assert round_.get_absolute_url() in page


def test_members_see_open_rounds_their_organisation_has_not_finished(client_for, organisation):
    needs = NeedFactory.create_batch(2)
    round_ = RoundFactory(title_sv="Hösten", needs=needs)
    score_url = reverse("prioritization:round_score", args=[round_.pk])
    client = client_for("member")
    assert score_url in client.get(reverse("portal:dashboard")).content.decode()
    ScoreFactory(round=round_, need=needs[0], organisation=organisation)
    assert score_url in client.get(reverse("portal:dashboard")).content.decode()
    ScoreFactory(round=round_, need=needs[1], organisation=organisation)
    assert score_url not in client.get(reverse("portal:dashboard")).content.decode()


def test_people_without_an_organisation_get_no_scoring_panel(client_for):
    round_ = RoundFactory(needs=[NeedFactory()])
    page = client_for("treasurer").get(reverse("portal:dashboard")).content.decode()
    assert reverse("prioritization:round_score", args=[round_.pk]) not in page


def test_the_coordinator_panel_counts_every_waiting_idea_but_lists_five(client_for):
    IdeaFactory.create_batch(7)
    page = client_for("coordinator").get(reverse("portal:dashboard")).content.decode()
    assert "7 invånaridéer väntar på granskning" in page
    assert page.count("/moderate/") == 5


def test_the_coordinator_sees_drafts_and_ideas_due(client, coordinator):
    WorkshopFactory(theme_sv="Utkastets tema")
    ParkedItemFactory(text_sv="Dags igen", look_again_on=timezone.localdate())
    ParkedItemFactory(
        text_sv="Inte än", look_again_on=timezone.localdate() + datetime.timedelta(days=9)
    )
    client.force_login(coordinator)
    response = client.get(reverse("portal:dashboard"))
    assert "Utkastets tema" in response.text and "Dags igen" in response.text
    assert "Inte än" not in response.text


def test_members_see_the_open_actions_of_their_organisation(
    client, member, organisation, other_organisation
):
    ActionFactory(owner=organisation, text_sv="Vår öppna åtgärd")
    ActionFactory(owner=organisation, text_sv="Vår klara åtgärd", done_at=timezone.now())
    ActionFactory(owner=other_organisation, text_sv="Någon annans åtgärd")
    client.force_login(member)
    response = client.get(reverse("portal:dashboard"))
    assert "Vår öppna åtgärd" in response.text
    assert "Vår klara åtgärd" not in response.text and "Någon annans åtgärd" not in response.text


def test_a_parked_idea_due_links_to_itself_in_the_parking_lot(client, coordinator):
    """The coordinator acts on a parked idea in the parking lot; dates read as elsewhere on the
    dashboard, "14 december 2026"."""
    item = ParkedItemFactory(text_sv="Dags igen", look_again_on=datetime.date(2026, 3, 4))
    WorkshopFactory(
        theme_sv="Utkastets tema", starts_at=datetime.datetime(2026, 2, 18, 16, tzinfo=datetime.UTC)
    )
    client.force_login(coordinator)
    page = client.get(reverse("portal:dashboard")).text
    anchor = reverse("workshops:parking_lot") + f"#parked-{item.pk}"
    assert f'<a href="{anchor}">Dags igen</a>' in page and "(titta igen 4 mars 2026)" in page
    assert "18 februari 2026 · Utkastets tema" in page
    assert f'id="parked-{item.pk}"' in client.get(reverse("workshops:parking_lot")).text


def test_open_actions_show_their_due_date_as_the_dashboard_writes_dates(
    client, member, organisation
):
    ActionFactory(owner=organisation, text_sv="Vår öppna åtgärd", due=datetime.date(2026, 11, 30))
    client.force_login(member)
    assert "klart senast 30 november 2026" in client.get(reverse("portal:dashboard")).text
