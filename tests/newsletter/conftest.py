import pytest

from prioritization.models import FocusArea


@pytest.fixture
def focus_areas(db):
    return [
        FocusArea.objects.create(slug="safety", position=1, name_sv="Trygghet", name_en="Safety"),
        FocusArea.objects.create(
            slug="leisure", position=2, name_sv="Meningsfull fritid", name_en="Leisure"
        ),
    ]


@pytest.fixture(autouse=True)
def _events_settle_at_once(monkeypatch):
    """Tests record an event and tell it at once; test_following_telling.py shows the wait."""
    from datetime import timedelta

    from newsletter.services import telling

    monkeypatch.setattr(telling, "SETTLE", timedelta(0))
