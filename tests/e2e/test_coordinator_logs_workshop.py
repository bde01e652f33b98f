"""A coordinator logs a held workshop on one page; a mistake keeps everything typed."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.workshops.factories import (
    ActionFactory,
    ParkedItemFactory,
    PlannedWorkshopFactory,
    days_from_now,
)
from workshops.choices import ItemKind, MinutesState, WorkshopStatus
from workshops.models import Attendance, Workshop, WorkshopItem

pytestmark = pytest.mark.django_db(transaction=True)


def test_coordinator_logs_workshop(
    page, login, check_accessibility, coordinator, organisation, other_organisation
):
    workshop = PlannedWorkshopFactory(starts_at=days_from_now(-2), theme_sv="Trygga vägar hem")
    ParkedItemFactory(text_sv="Filmkväll i parken", look_again_on=timezone.localdate())
    login(page, coordinator.email)
    # The start page of the coordinator lists the parked idea due for a new look.
    expect(page.get_by_text("Filmkväll i parken")).to_be_visible()
    check_accessibility(page)

    page.goto(workshop.get_absolute_url())
    check_accessibility(page)
    page.get_by_role("link", name="Anteckna den här workshoppen").click()
    page.wait_for_url(re.compile(rf"/workshops/{workshop.pk}/log/$"))
    check_accessibility(page)

    page.get_by_label("Folkets Husby", exact=True).fill("3")
    page.get_by_label("Husby FF", exact=True).fill("2")
    page.locator("#id_record-residents").fill("5")
    page.locator("#id_record-summary_sv").fill("Vi pratade om belysning och trygga vägar.")
    page.locator("#id_decisions-0-text_sv").fill("Vi ber bostadsbolaget om mer belysning.")
    # The script adds a fourth decision row beyond the three blank ones.
    page.get_by_role("button", name="Lägg till en rad till: Beslut").click()
    page.locator("#id_decisions-3-text_sv").fill("Vi bjuder in polisen nästa gång.")
    page.locator("#id_actions-0-text_sv").fill("Kontakta bostadsbolaget")
    page.locator("#id_actions-0-owner").select_option(label="Folkets Husby")
    page.locator("#id_actions-0-responsible").fill("Johan")
    too_early = workshop.date - datetime.timedelta(days=1)
    page.locator("#id_actions-0-due").fill(too_early.isoformat())
    page.locator("#id_ideas-0-text_sv").fill("Nattvandring med föräldrar")
    page.locator("#id_next-theme_sv").fill("Föräldrar som resurs")
    page.get_by_role("button", name="Spara anteckningarna").click()

    # The page comes back with the message next to the field and everything typed.
    expect(page.get_by_text("Rätta felen nedan. Inget sparades")).to_be_visible()
    expect(page.get_by_text("En åtgärd kan inte ha ett slutdatum före workshoppen")).to_be_visible()
    assert page.get_by_label("Folkets Husby", exact=True).input_value() == "3"
    assert page.locator("#id_decisions-3-text_sv").input_value() == (
        "Vi bjuder in polisen nästa gång."
    )
    assert page.locator("#id_ideas-0-text_sv").input_value() == "Nattvandring med föräldrar"
    assert page.locator("#id_next-theme_sv").input_value() == "Föräldrar som resurs"
    assert not WorkshopItem.objects.filter(workshop=workshop).exists()
    check_accessibility(page)

    due = workshop.date + datetime.timedelta(days=14)
    page.locator("#id_actions-0-due").fill(due.isoformat())
    page.get_by_role("button", name="Spara anteckningarna").click()
    page.wait_for_url(re.compile(rf"/workshops/{workshop.pk}/$"))
    expect(page.get_by_text("Workshoppen är antecknad.")).to_be_visible()
    check_accessibility(page)

    workshop.refresh_from_db()
    assert workshop.status == WorkshopStatus.HELD and workshop.residents == 5
    assert dict(Attendance.objects.values_list("organisation__name", "people")) == {
        "Folkets Husby": 3,
        "Husby FF": 2,
    }
    assert WorkshopItem.objects.filter(workshop=workshop, kind=ItemKind.DECISION).count() == 2
    assert WorkshopItem.objects.get(workshop=workshop, kind=ItemKind.ACTION).due == due
    assert Workshop.objects.get(status=WorkshopStatus.PLANNED).theme_sv == "Föräldrar som resurs"

    page.get_by_role("button", name="Publicera minnesanteckningarna").click()
    expect(page.get_by_text("Minnesanteckningarna är publicerade.")).to_be_visible()
    workshop.refresh_from_db()
    assert workshop.minutes_state == MinutesState.PUBLISHED

    # Every other workshop page passes axe-core too.
    for path in (
        "/workshops/",
        "/workshops/new/",
        "/workshops/actions/",
        "/workshops/parking-lot/",
        "/workshops/attendance/",
        "/workshops/themes/",
    ):
        page.goto(path)
        check_accessibility(page)


def test_member_marks_action_done(page, login, check_accessibility, member, organisation):
    action = ActionFactory(
        owner=organisation,
        text_sv="Boka hallen",
        due=timezone.localdate() - datetime.timedelta(days=2),
        workshop__starts_at=days_from_now(-10),
    )
    login(page, member.email)
    expect(page.get_by_text("Boka hallen")).to_be_visible()
    page.goto("/workshops/actions/")
    expect(page.get_by_text("försenad").first).to_be_visible()
    check_accessibility(page)
    page.get_by_label("Markera som klar").check()
    page.get_by_label("Lägesrapport").fill("Hallen är bokad")
    page.get_by_role("button", name="Spara ändringar").click()
    expect(page.get_by_text("1 åtgärd uppdaterades.")).to_be_visible()
    action.refresh_from_db()
    assert action.is_done and action.progress_note == "Hallen är bokad"


def test_member_notes_progress_on_the_workshop_page(page, login, member, organisation):
    """A note typed and sent as it comes leaves the action open: closing it is chosen."""
    action = ActionFactory(owner=organisation, text_sv="Boka hallen")
    login(page, member.email)
    page.goto(action.workshop.get_absolute_url())
    page.get_by_label("Lägesrapport").fill("Halvvägs")
    page.get_by_role("button", name="Uppdatera").click()
    page.wait_for_load_state("load")
    action.refresh_from_db()
    assert not action.is_done and action.progress_note == "Halvvägs"
    page.goto(action.workshop.get_absolute_url())
    page.get_by_label("Ändring").select_option(label="Markera som klar")
    page.get_by_role("button", name="Uppdatera").click()
    expect(page.get_by_text("Åtgärden är markerad som klar.")).to_be_visible()
    action.refresh_from_db()
    assert action.is_done
