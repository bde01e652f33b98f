import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from actors.choices import ActorsEvent
from actors.models import Event, SiteSettings
from actors.pagecache import current_version
from tests.images import image_bytes, upload, white_png

pytestmark = pytest.mark.django_db

SETUP = reverse("actors:setup")
LOOK = reverse("actors:setup_section", args=["look"])
COLLABORATION = reverse("actors:setup_section", args=["collaboration"])
MALMO_LOOK = {
    "look-primary_colour": "#1d3557",
    "look-button_text_colour": "#ffffff",
    "look-header_background": "#1d3557",
    "look-header_text_colour": "#ffffff",
}


def look(**changes):
    return {**MALMO_LOOK, **{f"look-{name}": value for name, value in changes.items()}}


def test_it_asks_the_administrator_to_set_up_a_new_collaboration(client, admin_user, coordinator):
    client.force_login(admin_user)
    assert SETUP in client.get(reverse("portal:home")).content.decode()
    client.force_login(coordinator)
    page = client.get(reverse("portal:home")).content.decode()
    assert "inte ställts in" not in page and SETUP not in page


def test_it_sets_up_the_collaboration_and_records_the_event(client, admin_user):
    client.force_login(admin_user)
    response = client.post(
        COLLABORATION,
        {
            "collaboration-name_sv": "Malmö Tillsammans",
            "collaboration-short_name": "IoU65+",
            "collaboration-area": "Malmö",
            "collaboration-council_name": "Referensgruppen 65+",
            "collaboration-languages": ["sv", "ar"],
            "collaboration-contact_email": "iou65@malmo.example.org",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == f"{SETUP}#collaboration"
    site = SiteSettings.current()
    assert (site.name_sv, site.council_name, site.set_up) == (
        "Malmö Tillsammans",
        "Referensgruppen 65+",
        True,
    )
    assert site.offered_languages == ["sv", "ar"]
    event = Event.objects.get(kind=ActorsEvent.SETTINGS_CHANGED)
    assert (event.actor, event.data, event.public) == (
        admin_user,
        {"section": "collaboration"},
        False,
    )
    assert "inte ställts in" not in client.get(reverse("portal:home")).content.decode()


def test_saved_colours_change_every_page_and_bump_the_page_cache(client, admin_user, settings):
    settings.PAGE_CACHE_ENABLED = True
    before_version, before_look = current_version(), SiteSettings.current().look_version
    client.force_login(admin_user)
    assert client.post(LOOK, look()).status_code == 302
    assert current_version() > before_version
    client.logout()
    page = client.get(reverse("actors:charter")).content.decode()
    site = SiteSettings.current()
    assert site.look_version != before_look
    stylesheet_url = reverse("actors:look_stylesheet", args=[site.look_version])
    assert f'href="{stylesheet_url}"' in page
    assert 'data-bs-theme="dark"' in page
    stylesheet = client.get(stylesheet_url)
    assert stylesheet["Content-Type"] == "text/css; charset=utf-8"
    assert "immutable" in stylesheet["Cache-Control"]
    css = stylesheet.content.decode()
    assert "--cih-primary:#1d3557;" in css and "--cih-header-text:#ffffff;" in css


def test_a_browser_that_has_the_stylesheet_is_told_so(client):
    url = reverse("actors:look_stylesheet", args=[SiteSettings.current().look_version])
    etag = client.get(url)["ETag"]
    assert client.get(url, headers={"if-none-match": etag}).status_code == 304
    # An old address gets the look of today, which no browser may keep for good.
    assert (
        client.get(reverse("actors:look_stylesheet", args=["old"]))["Cache-Control"] == "no-cache"
    )


def test_husbys_look_is_the_default(client):
    page = client.get(reverse("actors:charter")).content.decode()
    css = client.get(
        reverse("actors:look_stylesheet", args=[SiteSettings.current().look_version])
    ).content.decode()
    assert "--cih-primary:#0b5d57;" in css and "--cih-header-background:#f4f8f7;" in css
    assert "data-bs-theme" not in page


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"primary_colour": "#777777"},
            "primary_colour",
            "Länkar i huvudfärgen på den vita sidan: kontrasten är 4.48:1",
        ),
        (
            {"header_text_colour": "#8a8a8a"},
            "header_text_colour",
            "Text i sidhuvudet på sidhuvudets bakgrund: kontrasten är",
        ),
        (
            {"button_text_colour": "#3a5575"},
            "button_text_colour",
            "Text på knappar i huvudfärgen: kontrasten är",
        ),
    ],
)
def test_it_refuses_a_pair_of_colours_under_aa_and_saves_nothing(
    client, admin_user, changes, field, message
):
    client.force_login(admin_user)
    response = client.post(LOOK, look(**changes))
    assert response.status_code == 200
    sections = {section.key: form for section, form in response.context["sections"]}
    # the page comes back whole, with the sections the apps above add
    assert set(sections) == {"collaboration", "look", "districts", "process", "meetings"}
    assert message in " ".join(sections["look"].errors[field])
    assert SiteSettings.current().primary_colour == "#0b5d57"
    assert not SiteSettings.objects.filter(set_up=True).exists()
    assert not Event.objects.filter(kind=ActorsEvent.SETTINGS_CHANGED).exists()


@pytest.mark.parametrize("bad", ["red", "#12345", "#0b5d57;}body{x:y", "#" + "a" * 10_000])
def test_it_refuses_what_is_not_a_colour(client, admin_user, bad):
    client.force_login(admin_user)
    response = client.post(LOOK, look(primary_colour=bad))
    assert response.status_code == 200
    assert "Ange färgen som en hexkod" in response.content.decode()
    assert SiteSettings.current().primary_colour == "#0b5d57"


def test_it_refuses_a_file_that_is_not_an_image_and_one_too_large(client, admin_user):
    client.force_login(admin_user)
    fake = SimpleUploadedFile("logo.png", b"<script>alert(1)</script>", content_type="image/png")
    response = client.post(LOOK, {**look(), "look-logo": fake})
    assert "ingen bild" in response.content.decode()
    bomb = upload(white_png(13_300), name="logo.png", content_type="image/png")
    response = client.post(LOOK, {**look(), "look-logo": bomb})
    assert response.status_code == 200
    assert not SiteSettings.current().logo
    assert not Event.objects.exists()


def test_it_stores_the_logo_re_encoded_and_shows_it_in_the_header(client, admin_user):
    client.force_login(admin_user)
    logo = upload(image_bytes((1200, 400), "JPEG"), name="../x.png", content_type="image/png")
    assert client.post(LOOK, {**look(), "look-logo": logo}).status_code == 302
    site = SiteSettings.current()
    assert site.logo.name.startswith("logos/") and site.logo.name.endswith(".png")
    logo_url = reverse("actors:look_logo", args=[site.look_version])
    assert f'src="{logo_url}"' in client.get(reverse("actors:charter")).content.decode()
    response = client.get(logo_url)
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")


def test_an_unknown_section_is_not_found(client, admin_user):
    client.force_login(admin_user)
    assert client.post(reverse("actors:setup_section", args=["nothing"])).status_code == 404


@pytest.mark.parametrize("organisations", [0, 20])
def test_the_setup_page_runs_a_fixed_number_of_queries(
    client, admin_user, django_assert_num_queries, organisations
):
    from tests.factories import OrganisationFactory

    OrganisationFactory.create_batch(organisations)
    client.force_login(admin_user)
    client.get(SETUP)  # the site settings are then cached
    # the session, the user, the user's roles and organisations (the settings are cached, and
    # the notifications link reads the count kept on the user); the districts' section reads
    # the districts, the process's the steps (the meetings' settings are cached)
    with django_assert_num_queries(5):
        assert client.get(SETUP).status_code == 200
