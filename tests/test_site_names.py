"""The collaboration's names are site data: pages that speak of it use the names set for it."""

import pytest
from django.urls import reverse

from actors.models import SiteSettings
from actors.translations import translations_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def site():
    site = SiteSettings(
        name_sv="Samverkan Rinkeby",
        translations=translations_of("en", name=("Samverkan Rinkeby", "Rinkeby Together")),
        short_name="SR",
        area="Rinkeby",
        council_name="Rinkebyrådet",
    )
    site.save()
    return site


def test_the_newsletter_page_names_the_collaboration(client, site):
    page = client.get(reverse("newsletter:signup")).content.decode()
    assert "få nyheter från Samverkan Rinkeby: vad invånarna har sagt" in page
    page = client.get("/en" + reverse("newsletter:signup")).content.decode()
    assert "get updates from Rinkeby Together: what residents said" in page


def test_the_consultations_page_names_the_council_as_written(client, site):
    page = client.get(reverse("focusgroups:consultation_list")).content.decode()
    assert "Innan beslut fattas rådfrågas Rinkebyrådet." in page
