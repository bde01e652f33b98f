import pytest

from actors.translations import translate
from prioritization.models import FocusArea


@pytest.fixture
def focus_areas(db):
    areas = []
    for position, (slug, swedish, english) in enumerate(
        [("safety", "Trygghet", "Safety"), ("leisure", "Meningsfull fritid", "Leisure")], start=1
    ):
        area = FocusArea(slug=slug, position=position, name_sv=swedish)
        translate(area, "en", name=english)
        area.save()
        areas.append(area)
    return areas
