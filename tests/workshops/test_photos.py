"""Photos in the minutes: re-encoded without metadata, stored under names nobody chose, and
shown to exactly those who may read the minutes."""

import pytest
from django.urls import reverse
from PIL import Image

from actors.images import UPLOAD_LIMIT
from tests.images import image_bytes, upload, white_png
from workshops import services
from workshops.choices import MinutesState
from workshops.models import WorkshopPhoto

from .factories import PhotoFactory, PlannedWorkshopFactory, WorkshopFactory

pytestmark = pytest.mark.django_db

GPS_IFD, ORIENTATION, ROTATED_90 = 0x8825, 0x0112, 6


def camera_jpeg(size=(3000, 2000)) -> bytes:
    """A landscape-stored JPEG a phone held upright, with its GPS position in the EXIF."""
    exif = Image.Exif()
    exif[ORIENTATION] = ROTATED_90
    exif[GPS_IFD] = {1: "N", 2: (59.0, 24.0, 36.0)}
    return image_bytes(size, exif=exif)


def add(client, workshop, image, caption="Blädderblock från gruppen om trygghet"):
    return client.post(
        reverse("workshops:photo_add", args=[workshop.pk]),
        {"image": image, "caption_sv": caption},
    )


def stored_files(settings):
    folder = settings.MEDIA_ROOT / "workshop-photos"
    return sorted(folder.iterdir()) if folder.exists() else []


def test_a_photo_is_re_encoded_upright_small_and_without_metadata(client, coordinator, settings):
    workshop = WorkshopFactory()
    client.force_login(coordinator)

    response = add(client, workshop, upload(camera_jpeg(), name="../../etc/passwd.jpg"))

    assert response.status_code == 302
    photo = WorkshopPhoto.objects.get()
    assert photo.uploaded_by == coordinator
    assert photo.image.name.startswith("workshop-photos/")
    assert "passwd" not in photo.image.name and "IMG" not in photo.image.name
    with Image.open(photo.image.path) as stored:
        assert stored.format == "JPEG"
        assert stored.size == (1067, 1600)  # turned upright, longest side 1600
        assert dict(stored.getexif()) == {}
    assert (photo.width, photo.height) == (1067, 1600)
    page = client.get(workshop.get_absolute_url())
    assert "Blädderblock från gruppen om trygghet" in page.text
    assert photo.get_absolute_url() in page.text


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (
            b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>",
            "a.svg",
            "Filen är ingen bild som vi kan läsa.",
        ),
        (b"%PDF-1.7\n1 0 obj<<>>endobj", "minutes.jpg", "Filen är ingen bild som vi kan läsa."),
        (b"\xff\xd8\xff\xe0" + b"\x00" * 64, "broken.jpg", "Filen är ingen bild som vi kan läsa."),
        (b"\x00" * (10 * 1024 * 1024 + 1), "huge.jpg", "Bilden är större än 10 MB."),
    ],
    ids=["svg", "pdf", "truncated", "too-large"],
)
def test_what_is_not_a_readable_image_comes_back_with_a_message(
    client, coordinator, settings, content, name, message
):
    workshop = WorkshopFactory()
    client.force_login(coordinator)
    response = add(client, workshop, upload(content, name=name))
    assert response.status_code == 200
    assert message in response.text
    assert not WorkshopPhoto.objects.exists()
    assert stored_files(settings) == []


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
def test_a_photo_of_too_many_pixels_comes_back_with_a_message(client, coordinator, settings):
    workshop = WorkshopFactory()
    client.force_login(coordinator)
    bomb = upload(white_png(13_300), name="flipchart.png", content_type="image/png")
    response = add(client, workshop, bomb)
    assert response.status_code == 200
    assert "Bilden har fler än 50 miljoner pixlar." in response.text
    assert not WorkshopPhoto.objects.exists()
    assert stored_files(settings) == []


def test_after_an_hours_uploads_the_next_photo_comes_back_with_a_message(
    client, coordinator, settings
):
    full, next_workshop = WorkshopFactory(), WorkshopFactory()
    client.force_login(coordinator)
    for _photo in range(UPLOAD_LIMIT.limit):
        workshop = full if full.photos.count() < services.MAX_PHOTOS_PER_WORKSHOP else next_workshop
        assert add(client, workshop, upload(camera_jpeg((60, 40)))).status_code == 302
    response = add(client, next_workshop, upload(camera_jpeg((60, 40))))
    assert response.status_code == 200
    assert "Du har laddat upp många bilder på kort tid." in response.text
    assert WorkshopPhoto.objects.count() == UPLOAD_LIMIT.limit


def test_a_photo_needs_a_caption_and_a_file(client, coordinator):
    workshop = WorkshopFactory()
    client.force_login(coordinator)
    response = client.post(reverse("workshops:photo_add", args=[workshop.pk]), {"caption_sv": ""})
    assert response.status_code == 200
    assert response.text.count("Detta fält måste fyllas i.") == 2


def test_a_planned_workshop_takes_no_photos_and_keeps_no_file(client, coordinator, settings):
    workshop = PlannedWorkshopFactory()
    client.force_login(coordinator)
    response = add(client, workshop, upload(camera_jpeg((60, 40))))
    assert response.status_code == 200
    assert "när workshoppen har hållits" in response.text
    assert stored_files(settings) == []


def test_a_workshop_holds_at_most_twenty_photos(client, coordinator, settings):
    workshop = WorkshopFactory()
    PhotoFactory.create_batch(services.MAX_PHOTOS_PER_WORKSHOP, workshop=workshop)
    client.force_login(coordinator)
    response = add(client, workshop, upload(camera_jpeg((60, 40))))
    assert response.status_code == 200
    assert "högst 20 foton" in response.text
    assert len(stored_files(settings)) == services.MAX_PHOTOS_PER_WORKSHOP


def test_draft_photos_are_for_members_and_published_ones_for_everyone(client, member):
    photo = PhotoFactory()
    url = photo.get_absolute_url()
    assert client.get(url).status_code == 404

    client.force_login(member)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Content-Type-Options"] == "nosniff"

    client.logout()
    photo.workshop.minutes_state = MinutesState.PUBLISHED
    photo.workshop.save()
    response = client.get(url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=3600"
    assert b"".join(response.streaming_content).startswith(b"\xff\xd8")


def test_a_removed_photo_takes_its_file_along(
    client, coordinator, settings, django_capture_on_commit_callbacks
):
    photo = PhotoFactory()
    assert len(stored_files(settings)) == 1
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("workshops:photo_remove", args=[photo.pk]))
    assert response.status_code == 302
    assert not WorkshopPhoto.objects.exists()
    assert stored_files(settings) == []


def test_a_photo_whose_file_is_gone_is_not_found(client, member):
    photo = PhotoFactory()
    photo.image.storage.delete(photo.image.name)
    client.force_login(member)
    assert client.get(photo.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("photos", [1, 6])
def test_the_workshop_page_does_not_grow_with_its_photos(
    client, coordinator, photos, django_assert_num_queries
):
    workshop = WorkshopFactory()
    PhotoFactory.create_batch(photos, workshop=workshop)
    client.force_login(coordinator)
    client.get(workshop.get_absolute_url())  # site settings into the cache
    # session, user, roles and organisations, workshop, photos, attendance, items, comments
    with django_assert_num_queries(8):
        response = client.get(workshop.get_absolute_url())
    assert response.text.count("<figure") == photos
