"""The automatic draft, collected from the apps' digest modules (faked here)."""

import sys
from datetime import timedelta
from types import ModuleType

import pytest
from django.utils import timezone

from newsletter import draft, services
from newsletter.choices import EditionStatus
from tests.newsletter.factories import EditionFactory

pytestmark = pytest.mark.django_db


def fake_digest(monkeypatch, app: str, items):
    module = ModuleType(f"{app}.digest")
    calls = []

    def collect(*, since):
        calls.append(since)
        return items(since) if callable(items) else items

    module.items = collect
    monkeypatch.setitem(sys.modules, f"{app}.digest", module)
    return calls


@pytest.fixture
def only(settings):
    """Only the fake apps are asked (the real digests of other apps stay out of these tests)."""
    settings.PORTAL_APPS = ["fakeworkshops", "fakeinitiatives"]


def test_the_draft_lists_what_the_apps_report(coordinator, monkeypatch, only, settings):
    settings.SITE_URL = "https://cih.example.org"
    fake_digest(
        monkeypatch,
        "fakeworkshops",
        [
            {"kind": "workshop_next", "title": "Next: safety", "text": "", "url": ""},
            {
                "kind": "workshop_held",
                "title": "Workshop on leisure",
                "text": "12 came.",
                "url": "/w/1/",
            },
        ],
    )
    fake_digest(
        monkeypatch,
        "fakeinitiatives",
        [
            {"kind": "decision_taken", "title": "Open sports hall", "text": "", "url": ""},
            {"kind": "decision_taken", "title": "", "text": "no title: left out", "url": ""},
            {"kind": "odd_news", "title": "Something else", "text": "", "url": ""},
        ],
    )
    edition = services.edition_create_draft(actor=coordinator)
    assert edition.status == EditionStatus.DRAFT
    assert "## Genomförda workshoppar" in edition.body_sv
    assert "## Decisions taken" in edition.body_en
    assert "## Odd news" in edition.body_en
    # The next workshop comes last, whatever order the apps report in.
    assert edition.body_en.index("## Odd news") < edition.body_en.index("## Next workshop")
    assert "- [Workshop on leisure](https://cih.example.org/w/1/): 12 came." in edition.body_sv
    assert "- Open sports hall" in edition.body_en
    assert "no title" not in edition.body_sv
    assert edition.subject_sv.startswith("Nytt sedan")
    assert edition.subject_en.startswith("News since")


def test_the_draft_starts_where_the_last_edition_went_out(coordinator, monkeypatch, only):
    started = timezone.now() - timedelta(days=12)
    EditionFactory(status=EditionStatus.SENT, send_started_at=started)
    calls = fake_digest(monkeypatch, "fakeworkshops", [])
    services.edition_create_draft(actor=coordinator)
    assert calls == [started, started]  # once per language


def test_the_draft_says_so_when_nothing_happened(coordinator, monkeypatch, only):
    fake_digest(monkeypatch, "fakeworkshops", [])
    edition = services.edition_create_draft(actor=coordinator)
    assert "Inget nytt har förts in" in edition.body_sv
    assert "Nothing new has been recorded" in edition.body_en


def test_a_failing_digest_does_not_stop_the_draft(coordinator, monkeypatch, only):
    def broken(since):
        raise RuntimeError("boom")

    fake_digest(monkeypatch, "fakeworkshops", broken)
    fake_digest(
        monkeypatch, "fakeinitiatives", [{"kind": "K", "title": "T", "text": "", "url": ""}]
    )
    edition = services.edition_create_draft(actor=coordinator)
    assert "- T" in edition.body_sv


def test_apps_without_a_digest_are_skipped(settings):
    settings.PORTAL_APPS = ["actors"]
    assert draft.digest_modules() == []


def test_the_draft_button_makes_a_draft(client, coordinator, monkeypatch, only):
    fake_digest(monkeypatch, "fakeworkshops", [])
    client.force_login(coordinator)
    response = client.post("/newsletter/editions/draft/")
    assert response.status_code == 302
    assert response["Location"].endswith("/edit/")
