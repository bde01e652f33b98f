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
