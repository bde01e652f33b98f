"""Uploaded images are measured before they are decoded, decoded cheaply, and counted per person."""

from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from PIL import Image, ImageFile
from PIL.JpegImagePlugin import JpegImageFile

from actors import images
from tests.factories import UserFactory
from tests.images import image_bytes, upload, white_png

pytestmark = [
    pytest.mark.django_db,
    # Pillow warns from 89 million pixels on; these tests send more on purpose.
    pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning"),
]

BOMB_SIDE = 13_300  # 177 million pixels, just under Pillow's own refusal


def bomb():
    return upload(white_png(BOMB_SIDE), name="logo.png", content_type="image/png")


def refusal(content: bytes, kind=images.LOGO, *, uploader) -> ValidationError:
    with pytest.raises(ValidationError) as refused:
        images.reencode_image(upload(content), kind, uploader=uploader)
    return refused.value


@pytest.fixture
def person():
    return UserFactory()


@pytest.mark.parametrize("kind", [images.LOGO, images.PHOTO], ids=["logo", "photo"])
def test_a_png_bomb_is_refused_from_its_header_without_decoding_a_pixel(person, kind):
    assert len(white_png(BOMB_SIDE)) < kind.max_bytes
    decoded = AssertionError("the image was decoded")
    with (
        mock.patch.object(ImageFile.ImageFile, "load", side_effect=decoded),
        pytest.raises(ValidationError) as refused,
    ):
        images.reencode_image(bomb(), kind, uploader=person)
    assert refused.value.code == "too_many_pixels"
    assert refused.value.messages == [
        "Bilden har fler än 50 miljoner pixlar. Ladda upp en mindre, till exempel ett foto "
        "taget med lägre upplösning."
    ]


def test_the_limit_is_on_pixels_whatever_the_shape(person, monkeypatch):
    monkeypatch.setattr(images, "MAX_PIXELS", 100 * 100)
    png = image_bytes((100, 100), "PNG")
    assert images.reencode_image(upload(png), uploader=person).size > 0
    for size in ((101, 100), (10_001, 1)):
        assert refusal(image_bytes(size, "PNG"), uploader=person).code == "too_many_pixels"


def test_what_pillow_itself_refuses_gets_the_same_message(person, monkeypatch):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)  # Pillow refuses above twice this
    refused = refusal(image_bytes((100, 100), "PNG"), uploader=person)
    assert refused.code == "too_many_pixels"


def test_a_large_jpeg_is_decoded_at_a_reduced_scale(person):
    decoded_sizes = []
    load = JpegImageFile.load

    def measured_load(image):
        decoded_sizes.append(image.size)
        return load(image)

    with mock.patch.object(JpegImageFile, "load", measured_load):
        logo = images.reencode_image(upload(image_bytes((2400, 1800))), uploader=person)
    # The logo keeps 600 pixels a side; the decoder was asked for 1/2 of the photo, not all.
    assert decoded_sizes[0] == (1200, 900)
    with Image.open(logo) as stored:
        assert stored.size == (600, 450)


def test_uploads_are_limited_per_person_and_hour(person):
    other = UserFactory()
    jpeg = image_bytes()
    for _upload in range(images.UPLOAD_LIMIT.limit):
        images.reencode_image(upload(jpeg), images.PHOTO, uploader=person)
    refused = refusal(jpeg, images.PHOTO, uploader=person)
    assert refused.code == "rate_limited"
    assert refused.messages == [
        "Du har laddat upp många bilder på kort tid. Försök igen om en timme."
    ]
    assert images.reencode_image(upload(jpeg), images.PHOTO, uploader=other).size > 0
