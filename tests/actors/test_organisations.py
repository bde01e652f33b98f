import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from actors.models import Organisation
from tests.factories import OrganisationFactory
from tests.images import image_bytes, upload, white_png

pytestmark = pytest.mark.django_db


def png_upload(name="logo.png", size=(900, 300), fmt="PNG"):
    return upload(image_bytes(size, fmt), name=name, content_type="image/png")


def form_data(organisation, **changes):
    data = {
        "name": organisation.name,
        "kind": organisation.kind,
        "description_sv": organisation.description_sv,
        "website": "",
        "contact_email": "",
    }
    return {**data, **changes}


def test_it_lets_a_member_edit_its_organisation(client, member, organisation):
    client.force_login(member)
    url = reverse("actors:organisation_edit", args=[organisation.slug])
    response = client.post(url, form_data(organisation, website="https://example.org"))
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.website == "https://example.org"


def test_it_keeps_a_member_from_changing_active_or_joined(client, member, organisation):
    client.force_login(member)
    url = reverse("actors:organisation_edit", args=[organisation.slug])
    client.post(url, form_data(organisation, active="", joined="2001-01-01"))
    organisation.refresh_from_db()
    assert organisation.active is True
    assert organisation.joined is None


def test_it_returns_the_form_with_a_translated_error_and_saves_nothing(
    client, member, organisation
):
    client.force_login(member)
    url = reverse("actors:organisation_edit", args=[organisation.slug])
    response = client.post(url, form_data(organisation, name="", website="not a url"))
    assert response.status_code == 200
    assert "Fyll i en giltig URL." in response.content.decode()
    assert "Detta fält måste fyllas i." in response.content.decode()
    assert Organisation.objects.get(pk=organisation.pk).name == "Folkets Husby"


def test_it_refuses_a_name_that_is_too_long(client, member, organisation):
    client.force_login(member)
    url = reverse("actors:organisation_edit", args=[organisation.slug])
    response = client.post(url, form_data(organisation, name="x" * 5000))
    assert response.status_code == 200
    assert Organisation.objects.get(pk=organisation.pk).name == "Folkets Husby"


def test_it_refuses_a_description_of_megabytes_with_a_message(client, member, organisation):
    client.force_login(member)
    url = reverse("actors:organisation_edit", args=[organisation.slug])
    before = organisation.description_sv
    huge = "x" * 4_000_000
    response = client.post(url, form_data(organisation, description_sv=huge))
    assert response.status_code == 200
    assert response.context["form"].errors["description_sv"] == [
        "Säkerställ att detta värde har som mest 4000 tecken (den har 4000000)."
    ]
    assert Organisation.objects.get(pk=organisation.pk).description_sv == before


def test_it_stores_a_name_without_direction_controls_and_keeps_joiners_in_the_description(
    client, member, organisation
):
    client.force_login(member)
    url = reverse("actors:organisation_edit", args=[organisation.slug])
    description = "Familj 👨\u200d👩\u200d👧 och \u202egrannar\u202c."
    data = form_data(
        organisation, name="\u202eybsuH\u202c stekloF\u200b", description_sv=description
    )
    assert client.post(url, data).status_code == 302
    organisation.refresh_from_db()
    assert organisation.name == "ybsuH stekloF"
    assert organisation.description_sv == description


def test_it_re_encodes_an_uploaded_logo_under_a_random_name(client, member, organisation):
    client.force_login(member)
    url = reverse("actors:organisation_edit", args=[organisation.slug])
    data = form_data(organisation, logo=png_upload("../../etc/passwd.png", fmt="JPEG"))
    assert client.post(url, data).status_code == 302
    organisation.refresh_from_db()
    assert organisation.logo.name.startswith("logos/")
    assert "passwd" not in organisation.logo.name
    with Image.open(organisation.logo.path) as image:
        assert image.format == "PNG"
        assert max(image.size) <= 600
    response = client.get(reverse("actors:organisation_logo", args=[organisation.slug]))
    assert response["Content-Type"] == "image/png"


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
def test_it_refuses_a_logo_of_too_many_pixels(client, member, organisation):
    client.force_login(member)
    url = reverse("actors:organisation_edit", args=[organisation.slug])
    bomb = upload(white_png(13_300), name="logo.png", content_type="image/png")
    response = client.post(url, form_data(organisation, logo=bomb))
    assert response.status_code == 200
    assert "Bilden har fler än 50 miljoner pixlar." in response.content.decode()
    assert not Organisation.objects.get(pk=organisation.pk).logo


def test_it_refuses_a_file_that_is_not_an_image(client, member, organisation):
    client.force_login(member)
    url = reverse("actors:organisation_edit", args=[organisation.slug])
    fake = SimpleUploadedFile("logo.png", b"<script>alert(1)</script>", content_type="image/png")
    response = client.post(url, form_data(organisation, logo=fake))
    assert response.status_code == 200
    assert not Organisation.objects.get(pk=organisation.pk).logo


def test_it_removes_the_old_logo_file_when_replaced(
    client, member, organisation, django_capture_on_commit_callbacks
):
    client.force_login(member)
    url = reverse("actors:organisation_edit", args=[organisation.slug])
    client.post(url, form_data(organisation, logo=png_upload()))
    organisation.refresh_from_db()
    old_path = organisation.logo.path
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, form_data(organisation, remove_logo="on"))
    organisation.refresh_from_db()
    assert not organisation.logo
    assert not Organisation.objects.filter(logo__contains="logos/").exists()
    import os

    assert not os.path.exists(old_path)


def test_it_lets_a_coordinator_add_an_organisation_with_a_unique_address(client, coordinator):
    OrganisationFactory(name="Other", slug="husby-ff")
    client.force_login(coordinator)
    response = client.post(
        reverse("actors:organisation_create"),
        {"name": "Husby FF!", "kind": "sports_club", "description_sv": "Fotboll", "active": "on"},
    )
    assert response.status_code == 302
    assert Organisation.objects.get(name="Husby FF!").slug == "husby-ff-2"


@pytest.mark.parametrize("count", [3, 30])
def test_it_lists_actors_in_a_fixed_number_of_queries(client, count, django_assert_num_queries):
    OrganisationFactory.create_batch(count)
    # site settings (then cached), the active organisations
    with django_assert_num_queries(2):
        response = client.get(reverse("actors:organisation_list"))
    assert response.content.decode().count("organisation-card") == count


def test_the_admin_takes_no_logo_upload_since_it_would_store_the_file_unchecked(
    client, admin_user, organisation
):
    client.force_login(admin_user)
    page = client.get(reverse("admin:actors_organisation_change", args=[organisation.pk]))
    assert page.status_code == 200
    assert 'type="file"' not in page.content.decode()
