"""The automatic draft, read from the event stream: what was published, prioritised, decided,
funded and completed since the last edition, and the next workshop."""

import datetime
from decimal import Decimal

import pytest
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext, override

from actors.events import as_of
from actors.i18n import translation
from actors.translations import State, state_of
from funding.choices import EntryKind
from initiatives import services as initiatives
from initiatives.choices import InitiativeStep as S
from initiatives.forms import DecisionForm
from initiatives.models import Evaluation
from newsletter import draft
from newsletter.choices import EditionStatus
from newsletter.services import editions
from prioritization import services as prioritization
from tests.funding.factories import book, make_grant
from tests.initiatives.factories import InitiativeFactory
from tests.newsletter.factories import EditionFactory
from tests.prioritization.factories import NeedFactory, RoundFactory, ScoreFactory
from tests.workshops.factories import PlannedWorkshopFactory, WorkshopFactory
from workshops import services as workshops

pytestmark = pytest.mark.django_db

A_MONTH_AGO = timezone.now() - datetime.timedelta(days=30)


def decide(actor, title="Kvällsfotboll"):
    initiative = InitiativeFactory(step=S.DECISION, submitted_at=timezone.now(), title_sv=title)
    form = DecisionForm({"decided_on": "2026-11-18", "decided_by": "Aktörerna"})
    assert form.is_valid(), form.errors
    initiatives.decision_record(initiative=initiative, data=form.cleaned_data, actor=actor)
    return initiative


def fund(treasurer, title="Läxhjälp"):
    initiative = InitiativeFactory(
        step=S.FUNDING, submitted_at=timezone.now(), title_sv=title, budget=Decimal(1000)
    )
    grant = make_grant(treasurer, received="1000.00")
    book(treasurer, EntryKind.ALLOCATION, grant, "600.00", initiative)
    return initiative


def complete(actor, title="Löpning"):
    initiative = InitiativeFactory(step=S.EVALUATION, submitted_at=timezone.now(), title_sv=title)
    Evaluation.objects.create(initiative=initiative, method="x", recommendation="continue")
    initiatives.initiative_advance(initiative=initiative, to_step=S.COMPLETED, actor=actor)
    return initiative


def close_round(actor):
    need = NeedFactory(title_sv="Kvällsöppna lokaler", status="identified")
    round_ = RoundFactory(title_sv="Våren", needs=[need])
    ScoreFactory(round=round_, need=need, urgency=5, capacity=5)
    prioritization.round_close(round_=round_, actor=actor, without_missing=True)
    return need


def test_the_draft_tells_what_happened_under_headings_and_the_next_workshop_last(
    coordinator, treasurer, settings
):
    settings.SITE_URL = "https://cih.example.org"
    held = WorkshopFactory(theme_sv="Fritid", summary_sv="Vi valde kvällsfotboll.")
    workshops.workshop_publish(workshop=held, actor=coordinator)
    need = close_round(coordinator)
    decided = decide(coordinator)
    funded = fund(treasurer)
    completed = complete(coordinator)
    # Recorded, but not news for residents: a proposal moving on, a follow-up, a draft.
    moved = InitiativeFactory(step=S.FUNDING, submitted_at=timezone.now(), budget=0)
    initiatives.initiative_advance(initiative=moved, to_step=S.EXECUTION, actor=treasurer)
    PlannedWorkshopFactory(theme_sv="Trygghet", place="Husby träff")

    subject, body = draft.compose(since=A_MONTH_AGO, language="sv")
    assert subject.startswith("Nytt sedan")
    headings = [line for line in body.splitlines() if line.startswith("## ")]
    assert headings == [
        "## Genomförda workshoppar",
        "## Stängda prioriteringsrundor",
        "## Prioriterade behov",
        "## Beslut som fattats",
        "## Satsningar som fått finansiering",
        "## Avslutade satsningar",
        "## Nästa workshop",
    ]
    site = "https://cih.example.org"
    assert f"[Workshop {held.date:%-d} " in body and "Vi valde kvällsfotboll." in body
    assert f"- [Kvällsöppna lokaler]({site}{need.get_absolute_url()})" in body
    assert f"- [Kvällsfotboll]({site}{decided.get_absolute_url()}): Beslutades den " in body
    assert (
        f"- [Läxhjälp]({site}{funded.get_absolute_url()}): "
        "600,00 kr har fördelats ur den gemensamma fonden."
    ) in body
    assert f"- [Löpning]({site}{completed.get_absolute_url()}): Avslutad och utvärderad." in body
    assert body.rstrip().endswith("Husby träff")
    assert moved.title_sv not in body

    subject, body = draft.compose(since=A_MONTH_AGO, language="en")
    assert subject.startswith("News since")
    assert "## Decisions taken" in body and "Completed and evaluated." in body


def test_only_what_happened_since_is_told(coordinator):
    with as_of(A_MONTH_AGO - datetime.timedelta(days=1)):
        decide(coordinator, title="Förra månaden")
    decide(coordinator, title="I veckan")
    _subject, body = draft.compose(since=A_MONTH_AGO, language="sv")
    assert "I veckan" in body and "Förra månaden" not in body


def test_the_draft_starts_where_the_last_edition_went_out(coordinator):
    EditionFactory(status=EditionStatus.SENT, send_started_at=timezone.now())
    with as_of(timezone.now() - datetime.timedelta(days=1)):
        decide(coordinator, title="Redan berättat")
    edition = editions.edition_create_draft(actor=coordinator)
    assert "Redan berättat" not in edition.body_sv
    assert "Inget nytt har förts in" in edition.body_sv


def test_the_draft_says_so_when_nothing_happened(coordinator):
    edition = editions.edition_create_draft(actor=coordinator)
    assert edition.status == EditionStatus.DRAFT
    assert "Inget nytt har förts in" in edition.body_sv
    assert "Nothing new has been recorded" in translation(edition.translations, "en", "body")


def test_the_draft_is_composed_in_every_offered_language(coordinator, site):
    site.languages = [code for code, _name in settings.LANGUAGES]
    site.save()
    edition = editions.edition_create_draft(actor=coordinator)
    for language in ("en", "so", "ar", "ti", "sv-plain"):
        assert state_of(edition, language) == State.CURRENT
        with override(language):
            nothing_new = gettext(
                "**Nothing new has been recorded in the portal since %(date)s.** "
                "Write what you want to tell residents here, or wait until there is news."
            )
        body = translation(edition.translations, language, "body")
        assert body.startswith(nothing_new.partition("%(date)s")[0])
    assert translation(edition.translations, "so", "body") != edition.body_sv


@pytest.mark.parametrize("count", [1, 5])
def test_the_draft_reads_a_fixed_number_of_queries(
    coordinator, treasurer, count, django_assert_num_queries
):
    for number in range(count):
        decide(coordinator, title=f"Beslut {number}")
        fund(treasurer, title=f"Pengar {number}")
        complete(coordinator, title=f"Klar {number}")
    PlannedWorkshopFactory()
    draft.compose(since=A_MONTH_AGO, language="sv")  # the site settings into the cache
    # the public events of the draft's kinds since then (their data tells them), the next workshop
    with django_assert_num_queries(2):
        _subject, body = draft.compose(since=A_MONTH_AGO, language="sv")
    assert body.count("Beslutades den ") == count
    assert body.count("har fördelats ur") == count
    assert body.count("Avslutad och utvärderad.") == count


def test_the_draft_button_makes_a_draft(client, coordinator):
    client.force_login(coordinator)
    response = client.post("/newsletter/editions/draft/")
    assert response.status_code == 302
    assert response["Location"].endswith("/edit/")
