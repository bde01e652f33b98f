"""The languages a collaboration offers: site data, chosen among those the portal has catalogues
for; every page in each of them, right to left in Arabic; a visitor's choice remembered."""

import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils.translation import get_language_info

from actors.i18n import language_choices, language_tag
from actors.models import SiteSettings
from tests.crawl import crawl
from tests.initiatives.factories import InitiativeFactory
from tests.prioritization.factories import NeedFactory

pytestmark = pytest.mark.django_db

ALL = [code for code, _name in settings.LANGUAGES]
NAMES = {
    "sv": "Svenska",
    "en": "English",
    "so": "Soomaali",
    "ar": "العربية",
    "ti": "ትግርኛ",
    "sv-plain": "Lättläst svenska",
}


def offer(site, *languages):
    site.languages = list(languages)
    site.save()


def settings_form(site, *, languages: list[str]) -> dict:
    """The site settings form as the browser sends it, with these languages ticked."""
    return {
        "name_sv": site.name_sv,
        "short_name": site.short_name,
        "area": site.area,
        "council_name": site.council_name,
        "step_limit_days": "120",
        "follow_up_every_days": "90",
        "languages": languages,
    }


def html_tag(page: str) -> tuple[str, str]:
    match = re.search(r'<html lang="([^"]+)" dir="(ltr|rtl)">', page)
    assert match, page[:300]
    return match.group(1), match.group(2)


def test_each_language_is_named_in_itself_and_only_arabic_is_right_to_left():
    assert ALL == ["sv", "en", "so", "ar", "ti", "sv-plain"]
    for code in ALL:
        info = get_language_info(code)
        assert info["name_local"][:1].upper() + info["name_local"][1:] == NAMES[code]
        assert info["bidi"] == (code == "ar")


def test_a_collaboration_offers_swedish_and_english_until_it_chooses(site):
    assert SiteSettings.current().offered_languages == ["sv", "en"]
    offer(site, "ar")
    assert SiteSettings.current().offered_languages == ["sv", "ar"]
    # A code the portal has no catalogue for (any more) is never offered.
    offer(site, "xx", "en")
    assert SiteSettings.current().offered_languages == ["sv", "en"]


def test_only_offered_languages_are_switched_to_and_named_to_search_engines(client, site):
    offer(site, "en", "ar", "sv-plain")
    page = client.get("/").content.decode()

    alternates = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]*)">', page))
    assert alternates == {
        "sv": "http://testserver/",
        "x-default": "http://testserver/",
        "en": "http://testserver/en/",
        "ar": "http://testserver/ar/",
        "sv-x-plain": "http://testserver/sv-plain/",
    }
    # The switch names each other language in itself, marked with its language and direction.
    assert '<a class="nav-link" href="/ar/" hreflang="ar" lang="ar" dir="rtl">العربية</a>' in page
    assert (
        '<a class="nav-link" href="/sv-plain/" hreflang="sv-x-plain" lang="sv-x-plain">'
        "Lättläst svenska</a>"
    ) in page
    assert 'href="/so/"' not in page


def test_the_mails_language_is_chosen_among_the_offered_ones(client, site, member):
    offer(site, "ar")
    assert language_choices() == [("sv", "Svenska"), ("ar", "العربية")]
    client.force_login(member)
    page = client.get(reverse("notifications:preferences")).content.decode()
    assert '<option value="ar" lang="ar" dir="rtl">العربية</option>' in page
    assert 'value="en"' not in page


@pytest.mark.parametrize(
    ("code", "tag", "direction"),
    [
        ("sv", "sv", "ltr"),
        ("en", "en", "ltr"),
        ("so", "so", "ltr"),
        ("ar", "ar", "rtl"),
        ("ti", "ti", "ltr"),
        ("sv-plain", "sv-x-plain", "ltr"),
    ],
)
def test_a_page_says_its_language_and_direction(client, site, code, tag, direction):
    offer(site, *ALL)
    prefix = "" if code == "sv" else f"/{code}"
    page = client.get(f"{prefix}/actors/").content.decode()
    assert html_tag(page) == (tag, direction)
    stylesheet = "bootstrap.rtl.min.css" if direction == "rtl" else "bootstrap.min.css"
    assert f"vendor/bootstrap/{stylesheet}" in page


def test_an_address_in_a_language_not_offered_leads_to_the_page_in_swedish(client, site):
    offer(site, "en")

    response = client.get("/ar/actors/?page=2")

    assert response.status_code == 302
    assert response["Location"] == "/actors/?page=2"
    assert client.get("/ar/")["Location"] == "/"
    offer(site, "en", "ar")
    assert client.get("/ar/actors/").status_code == 200


def test_a_returning_visitor_lands_in_the_language_they_chose(client, site):
    offer(site, "en", "ar")

    # The visitor follows the language switch from a Swedish page: the choice is remembered.
    response = client.get("/ar/", HTTP_REFERER="http://testserver/")
    assert response.status_code == 200
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ar"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME]["max-age"] == 365 * 24 * 60 * 60

    # Coming back to the start page, or to a link to a Swedish page, they get it in Arabic.
    assert client.get("/")["Location"] == "/ar/"
    assert client.get("/actors/?page=1")["Location"] == "/ar/actors/?page=1"
    # Within the site, a link to a Swedish page is a choice of Swedish, and is kept.
    response = client.get("/actors/", HTTP_REFERER="http://testserver/ar/actors/")
    assert response.status_code == 200
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "sv"
    assert client.get("/").status_code == 200


def test_a_remembered_language_no_longer_offered_is_not_followed(client, site):
    offer(site, "en")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    assert client.get("/").status_code == 200
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "xx"
    assert client.get("/").status_code == 200


def test_reading_a_shared_link_in_another_language_is_not_a_choice(client, site):
    offer(site, "en")
    response = client.get("/en/actors/")
    assert response.status_code == 200
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
    assert client.get("/").status_code == 200


def test_the_coordinator_chooses_the_languages_offered(client, site, coordinator):
    client.force_login(coordinator)
    url = reverse("actors:site_settings")
    page = client.get(url).content.decode()
    # Each choice is named in its own language; Swedish is ticked and cannot be unticked.
    assert '<span lang="ar" dir="rtl">العربية</span>' in page
    assert re.search(r'<input[^>]*value="sv"[^>]*checked[^>]*disabled', page) or re.search(
        r'<input[^>]*value="sv"[^>]*disabled[^>]*checked', page
    )

    response = client.post(url, settings_form(site, languages=["ar", "sv-plain"]))

    assert response.status_code == 302
    assert SiteSettings.current().offered_languages == ["sv", "ar", "sv-plain"]
    assert client.get("/ar/").status_code == 200
    assert client.get("/en/")["Location"] == "/"


def test_a_language_without_a_catalogue_is_refused_and_nothing_saved(client, site, coordinator):
    client.force_login(coordinator)
    data = settings_form(site, languages=["ar", "xx"])

    response = client.post(reverse("actors:site_settings"), data)

    assert response.status_code == 200
    assert "Välj ett giltigt alternativ" in response.content.decode()
    assert SiteSettings.current().offered_languages == ["sv", "en"]


@pytest.mark.parametrize("role", ["anonymous", "member", "treasurer", "evaluator"])
def test_only_coordinators_and_administrators_choose_the_languages(client_for, site, role):
    client = client_for(role)
    response = client.post(reverse("actors:site_settings"), {"languages": ["ar"]})
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert "/accounts/login/" in response["Location"]
    assert SiteSettings.current().offered_languages == ["sv", "en"]


@pytest.mark.parametrize("role", ["anonymous", "member", "coordinator"])
def test_every_page_in_every_offered_language(client_for, site, organisation, role):
    offer(site, *ALL)
    NeedFactory(description_sv="Unga saknar en trygg plats på kvällarna.")
    InitiativeFactory(step="proposal", lead_organisation=organisation)
    client = client_for(role)
    starts = ["/"] if role == "anonymous" else ["/", "/dashboard/"]

    visits = crawl(client, starts, languages=tuple(ALL), skipped_views=("admin:",))

    assert {visit.language for visit in visits} == set(ALL)
    assert not [(v.url, v.status) for v in visits if v.status >= 500]
    wrong = []
    for visit in visits:
        if visit.html and visit.html.lstrip().startswith(("<!DOCTYPE", "{% ")):
            expected = (language_tag(visit.language), "rtl" if visit.language == "ar" else "ltr")
            if html_tag(visit.html) != expected:
                wrong.append((visit.url, html_tag(visit.html)))
    assert not wrong
    # Each language reaches the pages Swedish does (Swedish also those outside the languages'
    # addresses, such as the API).
    views = {code: {v.view_name for v in visits if v.language == code} for code in ALL}
    assert len(views["sv"]) > 15
    assert views["en"] <= views["sv"]
    assert all(views[code] == views["en"] for code in ALL if code != "sv"), views
