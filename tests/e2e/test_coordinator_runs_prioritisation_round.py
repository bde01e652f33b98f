"""A coordinator opens a prioritisation round, two member organisations score, the coordinator
closes it, and a visitor sees the matrix."""

import re

import pytest
from playwright.sync_api import expect

from prioritization.choices import RoundStatus
from prioritization.models import PrioritisationRound, Score
from tests.focusgroups.factories import InsightFactory
from tests.prioritization.factories import (
    DataPointFactory,
    FocusAreaFactory,
    IndicatorFactory,
    NeedFactory,
    TargetGroupFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)


def score(page, need, urgency, capacity):
    page.locator(f"input[name='need-{need.pk}-urgency'][value='{urgency}']").check()
    page.locator(f"input[name='need-{need.pk}-capacity'][value='{capacity}']").check()


def test_coordinator_runs_prioritisation_round(
    page,
    login,
    check_accessibility,
    coordinator,
    member,
    outsider,
    organisation,
    other_organisation,
):
    area = FocusAreaFactory(slug="trygghet", name_sv="Trygghet")
    meeting_places = NeedFactory(title_sv="Mötesplatser på kvällen", focus_area=area)
    safe_way_home = NeedFactory(title_sv="Tryggare väg hem", focus_area=area)

    # The coordinator opens a round over both needs.
    login(page, coordinator.email)
    page.goto("/prioritisation/new/")
    check_accessibility(page)
    page.get_by_label("Rubrik (på svenska)").fill("Prioritering hösten")
    page.get_by_label("Mötesplatser på kvällen").check()
    page.get_by_label("Tryggare väg hem").check()
    page.get_by_role("button", name="Öppna rundan").click()
    page.wait_for_url(re.compile(r"/prioritisation/\d+/$"))
    expect(page.get_by_text("Rundan är öppen")).to_be_visible()
    round_ = PrioritisationRound.objects.get()

    # Two member organisations score; the first makes a mistake and gets the form back.
    for person, values in ((member, [(5, 4), (4, 2)]), (outsider, [(4, 5), (5, 1)])):
        page.context.clear_cookies()
        login(page, person.email)
        page.goto(round_.get_absolute_url())
        page.get_by_role("link", name="Bedöm behoven").click()
        check_accessibility(page)
        if person == member:
            page.locator(f"input[name='need-{meeting_places.pk}-urgency'][value='5']").check()
            page.get_by_role("button", name="Spara bedömningarna").click()
            assert page.get_by_text(
                "Ange både angelägenhet och förmåga, eller ingetdera."
            ).is_visible()
            check_accessibility(page)
        score(page, meeting_places, *values[0])
        score(page, safe_way_home, *values[1])
        page.get_by_label("Vad vi skulle kunna bidra med").first.fill("Lokaler på kvällstid")
        page.get_by_role("button", name="Spara bedömningarna").click()
        page.wait_for_url(re.compile(r"/prioritisation/\d+/$"))
    assert Score.objects.count() == 4
    # While the round is open, nobody sees the scores, only who has scored.
    expect(page.get_by_text(f"{organisation.name}: 2 behov bedömda")).to_be_visible()
    # The coordinator closes the round.
    page.context.clear_cookies()
    login(page, coordinator.email)
    page.goto(round_.get_absolute_url())
    page.get_by_role("link", name="Stäng rundan").click()
    # Before anything is published, the coordinator sees who has scored.
    expect(page.get_by_text("2 av 2 organisationer har bedömt.")).to_be_visible()
    check_accessibility(page)
    page.get_by_role("button", name="Stäng rundan och publicera matrisen").click()
    expect(page.get_by_text("Rundan är stängd och dess matris är offentlig.")).to_be_visible()
    round_.refresh_from_db()
    assert round_.status == RoundStatus.CLOSED

    # A visitor sees the matrix, with the numbers behind it.
    page.context.clear_cookies()
    page.goto("/prioritisation/matrix/")
    expect(page.get_by_role("heading", name="Prioriteringsmatris")).to_be_visible()
    assert page.get_by_role(
        "img", name=re.compile("Prioriteringsmatris: Prioritering hösten")
    ).is_visible()
    rows = page.locator("table tbody tr")
    assert rows.nth(0).inner_text().split("\t")[:4] == [
        "1",
        "Mötesplatser på kvällen",
        "4,50",
        "4,50",
    ]
    assert rows.nth(1).inner_text().split("\t")[:4] == ["2", "Tryggare väg hem", "4,50", "1,50"]
    expect(page.get_by_text("Lokaler på kvällstid").first).to_be_visible()
    check_accessibility(page)

    # From the matrix to the need's focus area: needs, numbers and what residents said.
    indicator = IndicatorFactory(
        slug="trygga-ute", name_sv="Känner sig trygga ute", focus_area=area
    )
    group = TargetGroupFactory(slug="unga", name_sv="Unga 16–25 år")
    for year, value in (("2023", 51), ("2024", 56), ("2025", 59)):
        DataPointFactory(indicator=indicator, period=year, value=value)
        DataPointFactory(indicator=indicator, period=year, value=value - 6, target_group=group)
    area.insights.add(InsightFactory(text_sv="Efter sju finns det ingenstans att vara."))
    page.goto(area.get_absolute_url())
    expect(page.get_by_text("Efter sju finns det ingenstans att vara.")).to_be_visible()
    check_accessibility(page)
    page.get_by_role("link", name="Känner sig trygga ute").click()
    expect(page.get_by_role("img", name="Känner sig trygga ute")).to_be_visible()
    expect(page.get_by_role("columnheader", name="Unga 16–25 år")).to_be_visible()
    check_accessibility(page)
