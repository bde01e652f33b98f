"""Helsingborg's coordinator logs the monthly development group: its SWOT with what to do next
under each heading, the coming questions, and the next meeting's theme sent by a member."""

import re

import pytest
from playwright.sync_api import expect

from tests.workshops.factories import (
    PlannedWorkshopFactory,
    ThemeSuggestionFactory,
    days_from_now,
    meeting_settings,
)
from workshops.choices import Cadence, ItemKind, MinutesState, WorkshopStatus
from workshops.models import Workshop, WorkshopItem
from workshops.services import next_meeting_date

pytestmark = pytest.mark.django_db(transaction=True)

PHONE, DESKTOP = 390, 1280
QUADRANTS = [
    ("strength", "Kontinuitet, en gång i månaden", "Bevara kontinuiteten"),
    ("weakness", "Ojämnt deltagande", "Fler skickar in teman"),
    ("opportunity", "Kontaktbank", "Bjuda in fler aktörer"),
    ("threat", "Tvivel på att det leder till något", "Bättre återkoppling"),
]


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_coordinator_logs_monthly_meeting_with_swot(
    page, login, check_accessibility, coordinator, organisation, width
):
    meeting_settings(
        cadence=Cadence.MONTHLY,
        name_sv="Utvecklingsgrupp",
        has_swot=True,
        has_coming_questions=True,
        has_themes=True,
    )
    workshop = PlannedWorkshopFactory(
        starts_at=days_from_now(-2, hour=13), theme_sv="Utvärdering av vårt arbete"
    )
    ThemeSuggestionFactory(title="SoL-boenden", organisation=organisation)
    page.set_viewport_size({"width": width, "height": 900})
    login(page, coordinator.email)

    page.goto(workshop.get_absolute_url())
    expect(page.get_by_text("Utvecklingsgrupp").first).to_be_visible()
    expect(page.get_by_text("Stående punkt: kommande frågor.")).to_be_visible()
    check_accessibility(page)
    page.get_by_role("link", name="Anteckna den här workshoppen").click()
    page.wait_for_url(re.compile(rf"/workshops/{workshop.pk}/log/$"))
    expect(page.get_by_text("Föreslagen en månad efter den här")).to_be_visible()
    check_accessibility(page)

    page.locator("#id_record-format").select_option("swot")
    page.locator("#id_record-summary_sv").fill("Vi utvärderade gruppens arbete med en SWOT.")
    page.locator("#id_record-coming_questions_sv").fill("Gemensamt seminarium om behandling?")
    page.locator("#workshop-log details > summary").click()
    for index, (heading, point, next_step) in enumerate(QUADRANTS):
        page.locator(f"#id_swot-{index}-kind").select_option(heading)
        page.locator(f"#id_swot-{index}-text_sv").fill(point)
        page.locator(f"#id_swot_next-{index}-swot_heading").select_option(heading)
        page.locator(f"#id_swot_next-{index}-text_sv").fill(next_step)
    page.locator("#id_next-theme_sv").fill("")
    page.locator("#id_next-suggestion").select_option(label="SoL-boenden")
    check_accessibility(page)
    page.get_by_role("button", name="Spara anteckningarna").click()
    page.wait_for_url(re.compile(rf"/workshops/{workshop.pk}/$"))
    expect(page.get_by_text("Workshoppen är antecknad.")).to_be_visible()
    check_accessibility(page)

    page.get_by_role("button", name="Publicera minnesanteckningarna").click()
    expect(page.get_by_text("Minnesanteckningarna är publicerade.")).to_be_visible()

    workshop.refresh_from_db()
    assert workshop.minutes_state == MinutesState.PUBLISHED
    assert workshop.coming_questions_sv == "Gemensamt seminarium om behandling?"
    steps = WorkshopItem.objects.filter(workshop=workshop, kind=ItemKind.NEXT_STEP)
    assert sorted(steps.values_list("swot_heading", "text_sv")) == sorted(
        (heading, step) for heading, _point, step in QUADRANTS
    )
    following = Workshop.objects.get(status=WorkshopStatus.PLANNED)
    assert following.theme_sv == "SoL-boenden"
    assert following.date == next_meeting_date(workshop.date, Cadence.MONTHLY)

    # The public reads the SWOT and what comes next under each heading.
    page.context.clear_cookies()
    page.goto(workshop.get_absolute_url())
    expect(page.get_by_role("heading", name="SWOT-analys")).to_be_visible()
    for _heading, point, next_step in QUADRANTS:
        expect(page.get_by_text(point)).to_be_visible()
        expect(page.get_by_text(next_step)).to_be_visible()
    expect(page.get_by_text("Gemensamt seminarium om behandling?")).to_be_visible()
    check_accessibility(page)
