"""The start page's "you said, we did": the latest public events of every app, told in the
visitor's language from the event stream, in a fixed number of queries."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from actors.events import as_of, tell
from actors.models import Event
from actors.translations import translate
from funding.choices import EntryKind
from initiatives import services
from initiatives.choices import InitiativeStep as S
from initiatives.forms import DecisionForm
from initiatives.models import Evaluation
from tests.funding.factories import book, make_grant
from tests.initiatives.factories import InitiativeFactory, NeedFactory

pytestmark = pytest.mark.django_db


def decide(initiative, actor, day="2026-11-18"):
    form = DecisionForm({"decided_on": day, "decided_by": "Aktörerna"})
    assert form.is_valid(), form.errors
    services.decision_record(initiative=initiative, data=form.cleaned_data, actor=actor)


def up_for_decision(**fields):
    return InitiativeFactory(step=S.DECISION, submitted_at=timezone.now(), **fields)


def test_the_start_page_tells_what_was_decided_funded_and_completed(client, coordinator, treasurer):
    decided = up_for_decision(title_sv="Kvällsfotboll")
    translate(decided, "en", title="Evening football")
    decided.save()
    decide(decided, coordinator)
    funded = InitiativeFactory(
        step=S.FUNDING, submitted_at=timezone.now(), title_sv="Läxhjälp", budget=Decimal(1000)
    )
    book(treasurer, EntryKind.ALLOCATION, make_grant(treasurer, received="1000.00"), 600, funded)
    done = InitiativeFactory(step=S.EVALUATION, submitted_at=timezone.now(), title_sv="Löpning")
    Evaluation.objects.create(initiative=done, method="x", recommendation="continue")
    services.initiative_advance(initiative=done, to_step=S.COMPLETED, actor=coordinator)

    page = client.get(reverse("portal:home")).text
    assert "Ni sa, vi gjorde" in page
    assert "Kvällsfotboll</a>: Beslutades den 18 november 2026." in page
    assert "Läxhjälp</a>: 600,00 kr har fördelats ur den gemensamma fonden." in page
    assert "Löpning</a>: Avslutad och utvärderad." in page
    page = client.get("/en/").text
    assert "Evening football</a>: Decided on 18 November 2026." in page
    assert "Completed and evaluated." in page


def test_the_newest_come_first_and_only_what_the_public_may_read(client, coordinator):
    draft = InitiativeFactory(title_sv="Hemligt utkast")
    draft.needs.add(NeedFactory())
    services.initiative_advance(
        initiative=draft, to_step=S.WITHDRAWN, actor=coordinator, note="Fel"
    )  # withdrawn before it was ever submitted: never public
    for day, title in ((3, "Äldst"), (2, "Mitten"), (1, "Nyast")):
        with as_of(timezone.now() - datetime.timedelta(days=day)):
            decide(up_for_decision(title_sv=title), coordinator)
    page = client.get(reverse("portal:home")).text
    assert page.index("Nyast") < page.index("Mitten") < page.index("Äldst")
    assert "Hemligt utkast" not in page
    assert not Event.objects.get(kind="initiatives.moved").public


@pytest.mark.parametrize("count", [1, 6])
def test_the_start_page_runs_a_fixed_number_of_queries(
    client, coordinator, count, django_assert_num_queries
):
    for _ in range(count):
        decide(up_for_decision(), coordinator)
    client.get(reverse("portal:home"))  # the site settings into the cache
    # the districts, focus areas, next workshop, the networks, charter x3, the latest public
    # events (their data tells them), the focus areas of the footer's newsletter form
    with django_assert_num_queries(9):
        response = client.get(reverse("portal:home"))
    assert response.text.count("Beslutades den ") == count


def test_moves_say_where_the_initiative_went_and_why_it_left(coordinator):
    initiative = InitiativeFactory(step=S.FUNDING, submitted_at=timezone.now())
    services.initiative_advance(
        initiative=initiative, to_step=S.PARKED, actor=coordinator, note="Vi väntar på lokalen."
    )
    services.initiative_advance(initiative=initiative, to_step=S.FUNDING, actor=coordinator)
    parked, back = (tell(event).text for event in Event.objects.order_by("pk"))
    assert parked == "Parkerad: Vi väntar på lokalen."
    assert back == "Återupptagen vid steget ”Finansiering”."
    with translation.override("en"):
        assert tell(Event.objects.order_by("pk").last()).text == (
            "Taken up again at the step “Funding”."
        )
