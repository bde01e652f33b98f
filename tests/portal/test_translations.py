"""Translating what coordinators write: the overview of missing and stale translations, the
page that translates one thing into one language, and what readers then see."""

import pytest
from django.urls import reverse

from actors.fields import TEXT
from actors.models import Event, Principle, SiteSettings
from actors.translations import State, field_translations, state_of, translate, translation_save
from tests.factories import OrganisationFactory, translated
from tests.newsletter.factories import EditionFactory

pytestmark = pytest.mark.django_db

OVERVIEW = reverse("portal:translations")


def translation_url(instance, language: str) -> str:
    return reverse("portal:translation", args=[instance._meta.label_lower, instance.pk, language])


@pytest.fixture
def offered(site):
    site.languages = ["sv", "en", "so", "ar"]
    site.save()
    return site


@pytest.fixture
def coordinator_client(client, coordinator, offered):
    client.force_login(coordinator)
    return client


def test_a_translation_is_missing_then_current_then_stale_when_its_source_changes(offered):
    organisation = OrganisationFactory(description_sv="En förening i området.")
    assert state_of(organisation, "so") == State.MISSING

    translate(organisation, "so", description="Urur ku yaal xaafadda.")
    assert state_of(organisation, "so") == State.CURRENT

    organisation.description_sv = "En förening för unga i området."
    assert state_of(organisation, "so") == State.STALE
    # A text with no Swedish source has nothing to translate.
    assert state_of(OrganisationFactory(description_sv=""), "so") is None


def test_the_overview_lists_what_lacks_the_language_and_what_is_older(coordinator_client):
    missing = OrganisationFactory(name="Husby IK", description_sv="Idrottsförening.")
    stale = translated(
        OrganisationFactory(name="Läxhjälpen", description_sv="Läxhjälp."),
        "so",
        description="Caawin",
    )
    stale.description_sv = "Läxhjälp varje tisdag."
    stale.save()
    translated(
        OrganisationFactory(name="Biblioteket", description_sv="Bibliotek."),
        "so",
        description="Maktabad",
    )

    page = coordinator_client.get(OVERVIEW, {"language": "so"}).content.decode()

    # An organisation is named by its name, written in one language only.
    assert "Husby IK" in page
    assert "Läxhjälpen" in page
    assert "Biblioteket" not in page
    assert translation_url(missing, "so") in page
    assert "Äldre än den svenska texten" in page
    assert 'lang="ar"' in page  # each language named in itself, in its own script
    counts = coordinator_client.get(OVERVIEW, {"language": "so"}).context["language_rows"]
    somali = next(row for row in counts if row["code"] == "so")
    assert (somali["missing"], somali["stale"]) >= (1, 1)
    assert "sv" not in [row["code"] for row in counts]


def test_the_overview_takes_the_same_number_of_queries_however_much_there_is(
    coordinator_client, django_assert_num_queries
):
    OrganisationFactory()
    coordinator_client.get(OVERVIEW)  # the site's settings are then read from the cache
    with django_assert_num_queries(_overview_queries()):
        coordinator_client.get(OVERVIEW)
    OrganisationFactory.create_batch(5)
    Principle.objects.create(title_sv="Öppenhet", body_sv="Allt vi beslutar är offentligt.")
    with django_assert_num_queries(_overview_queries()):
        coordinator_client.get(OVERVIEW)


def _overview_queries() -> int:
    from actors.translations import translatable_models

    # Session, user, their roles and organisations; one query per kind of translatable thing
    # (the site's settings, which the page also reads, among them).
    return 3 + len(translatable_models())


def test_a_coordinator_translates_beside_the_swedish_text(coordinator_client, coordinator):
    organisation = OrganisationFactory(description_sv="En förening i området.")
    url = translation_url(organisation, "ar")

    page = coordinator_client.get(url).content.decode()
    assert "En förening i området." in page
    assert 'lang="ar" dir="rtl"' in page

    response = coordinator_client.post(url, {"description": "جمعية في المنطقة."})

    assert response.status_code == 302
    organisation.refresh_from_db()
    assert state_of(organisation, "ar") == State.CURRENT
    event = Event.objects.get(kind="actors.translated")
    assert (event.actor, event.subject) == (coordinator, organisation)
    assert event.data == {"language": "ar", "changed": ["description"]}
    assert (
        "جمعية في المنطقة."
        in coordinator_client.get(f"/ar{organisation.get_absolute_url()}").content.decode()
    )


def test_saving_a_stale_translation_as_it_is_makes_it_current(coordinator_client):
    organisation = translated(
        OrganisationFactory(description_sv="Fotboll."), "en", description="Football."
    )
    organisation.description_sv = "Fotboll för alla."
    organisation.save()
    page = coordinator_client.get(translation_url(organisation, "en")).content.decode()
    assert "Den svenska texten ändrades efter att översättningen gjordes." in page

    coordinator_client.post(translation_url(organisation, "en"), {"description": "Football."})

    organisation.refresh_from_db()
    assert state_of(organisation, "en") == State.CURRENT


def test_an_empty_field_removes_the_translation_and_readers_get_the_swedish(coordinator_client):
    organisation = translated(
        OrganisationFactory(description_sv="Fotboll."), "en", description="Football."
    )

    coordinator_client.post(translation_url(organisation, "en"), {"description": "  "})

    organisation.refresh_from_db()
    assert organisation.translations == {}
    assert (
        "Fotboll."
        in coordinator_client.get(f"/en{organisation.get_absolute_url()}").content.decode()
    )


def test_too_long_a_translation_comes_back_with_a_message_and_nothing_saved(coordinator_client):
    organisation = OrganisationFactory(description_sv="Fotboll.")

    response = coordinator_client.post(
        translation_url(organisation, "so"), {"description": "x" * (TEXT + 1)}
    )

    assert response.status_code == 200
    assert "Säkerställ att detta värde har som mest" in response.content.decode()
    organisation.refresh_from_db()
    assert organisation.translations == {}
    assert not Event.objects.filter(kind="actors.translated").exists()


@pytest.mark.parametrize(
    "model, language",
    [
        ("actors.user", "en"),  # nothing to translate
        ("actors.nothing", "en"),
        ("notamodel", "en"),
        ("actors.organisation", "sv"),  # the source
        ("actors.organisation", "ti"),  # not offered here
        ("actors.organisation", "xx"),
    ],
)
def test_what_cannot_be_translated_is_not_found(coordinator_client, model, language):
    organisation = OrganisationFactory()
    url = reverse("portal:translation", args=[model, organisation.pk, language])
    assert coordinator_client.get(url).status_code == 404
    assert coordinator_client.post(url, {"description": "x"}).status_code == 404


def test_a_thing_that_does_not_exist_is_not_found(coordinator_client):
    url = reverse("portal:translation", args=["actors.organisation", 2**40, "en"])
    assert coordinator_client.get(url).status_code == 404


def test_a_language_the_collaboration_does_not_offer_is_not_in_the_overview(coordinator_client):
    assert coordinator_client.get(OVERVIEW, {"language": "ti"}).status_code == 404
    page = coordinator_client.get(OVERVIEW).content.decode()
    assert "Tigrinya" not in page and "ትግርኛ" not in page


def test_two_translators_of_different_languages_keep_each_others_work(offered, coordinator):
    organisation = OrganisationFactory(description_sv="Fotboll.")
    english_view = type(organisation).objects.get(pk=organisation.pk)
    somali_view = type(organisation).objects.get(pk=organisation.pk)

    translation_save(
        instance=english_view, language="en", texts={"description": "Football."}, actor=coordinator
    )
    translation_save(
        instance=somali_view,
        language="so",
        texts={"description": "Kubadda cagta."},
        actor=coordinator,
    )

    organisation.refresh_from_db()
    assert set(organisation.translations) == {"en", "so"}


def test_a_site_that_offers_only_swedish_says_where_to_choose_more(client, coordinator, site):
    site.languages = ["sv"]
    site.save()
    client.force_login(coordinator)
    page = client.get(OVERVIEW).content.decode()
    assert reverse("actors:site_settings") in page


def test_the_site_settings_and_charter_are_translated_like_everything_else(coordinator_client):
    site = SiteSettings.current()
    site.mission_sv = "Vi arbetar för hälsa i Husby."
    site.save()
    fields = [text.name for text in field_translations(site, "so")]
    assert "mission" in fields and "name" in fields
    coordinator_client.post(
        translation_url(site, "so"),
        {"name": "Collective Impact Husby", "mission": "Waxaan u shaqeynaa caafimaadka Husby."},
    )
    assert (
        "Waxaan u shaqeynaa caafimaadka Husby." in coordinator_client.get("/so/").content.decode()
    )


def test_a_sent_edition_keeps_the_texts_its_readers_got(coordinator_client):
    edition = EditionFactory(status="sent")
    url = translation_url(edition, "en")

    assert "Nyhetsbrevet har skickats" in coordinator_client.get(url).content.decode()
    response = coordinator_client.post(url, {"subject": "News", "body": "Hello"})

    assert response.status_code == 200
    edition.refresh_from_db()
    assert edition.translations == {}
    assert not Event.objects.filter(kind="actors.translated").exists()
