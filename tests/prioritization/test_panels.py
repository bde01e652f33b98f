"""What this app adds to the menu, the start page and the dashboard."""

import pytest
from django.urls import reverse

from tests.focusgroups.factories import IdeaFactory
from tests.prioritization.factories import FocusAreaFactory, NeedFactory, RoundFactory, ScoreFactory

pytestmark = pytest.mark.django_db


def test_the_menu_links_focus_areas_and_needs(client):
    page = client.get(reverse("actors:home")).content.decode()
    assert f'href="{reverse("prioritization:focusarea_list")}"' in page
    assert f'href="{reverse("prioritization:need_list")}"' in page


def test_the_start_page_shows_the_focus_areas(client):
    area = FocusAreaFactory(name_sv="Trygghet")
    NeedFactory(focus_area=area)
    page = client.get(reverse("actors:home")).content.decode()
    assert "Trygghet" in page and area.get_absolute_url() in page


def test_coordinators_see_ideas_awaiting_moderation_and_open_rounds(client_for):
    IdeaFactory(title="Utegym")
    IdeaFactory(title="Obekräftad", status="unconfirmed")
    round_ = RoundFactory(title_sv="Hösten", needs=[NeedFactory()])
    page = client_for("coordinator").get(reverse("actors:dashboard")).content.decode()
    assert "Utegym" in page and "Obekräftad" not in page
    assert round_.get_absolute_url() in page


def test_members_see_open_rounds_their_organisation_has_not_finished(client_for, organisation):
    needs = NeedFactory.create_batch(2)
    round_ = RoundFactory(title_sv="Hösten", needs=needs)
    score_url = reverse("prioritization:round_score", args=[round_.pk])
    client = client_for("member")
    assert score_url in client.get(reverse("actors:dashboard")).content.decode()
    ScoreFactory(round=round_, need=needs[0], organisation=organisation)
    assert score_url in client.get(reverse("actors:dashboard")).content.decode()
    ScoreFactory(round=round_, need=needs[1], organisation=organisation)
    assert score_url not in client.get(reverse("actors:dashboard")).content.decode()


def test_people_without_an_organisation_get_no_scoring_panel(client_for):
    round_ = RoundFactory(needs=[NeedFactory()])
    page = client_for("treasurer").get(reverse("actors:dashboard")).content.decode()
    assert reverse("prioritization:round_score", args=[round_.pk]) not in page


def test_the_coordinator_panel_counts_every_waiting_idea_but_lists_five(client_for):
    IdeaFactory.create_batch(7)
    page = client_for("coordinator").get(reverse("actors:dashboard")).content.decode()
    assert "7 invånaridéer väntar på granskning" in page
    assert page.count("/moderate/") == 5
