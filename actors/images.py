"""Uploaded images are checked and re-encoded, so nothing a user sent is served back as-is:
no hidden payload rides along, and no metadata either (a phone photo's EXIF says where it was
taken)."""

import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

ACCEPTED_FORMATS = {"PNG", "JPEG", "GIF", "WEBP"}
MEGABYTE = 1024 * 1024


@dataclass(frozen=True)
class ImageKind:
    """What an upload becomes: at most `max_side` pixels a side, stored as `format`."""

    max_bytes: int
    max_side: int
    format: str


LOGO = ImageKind(max_bytes=2 * MEGABYTE, max_side=600, format="PNG")
PHOTO = ImageKind(max_bytes=10 * MEGABYTE, max_side=1600, format="JPEG")


def reencode_image(upload, kind: ImageKind = LOGO) -> ContentFile:
    """The upload redrawn as `kind` describes, or ValidationError with a message for the user."""
    if upload.size > kind.max_bytes:
        raise ValidationError(
            _("The image is larger than %(megabytes)d MB.")
            % {"megabytes": kind.max_bytes // MEGABYTE},
            code="too_large",
        )
    try:
        with Image.open(upload) as probe:
            if probe.format not in ACCEPTED_FORMATS:
                raise ValidationError(
                    _("Upload a PNG, JPEG, GIF or WebP image."), code="bad_format"
                )
            probe.verify()
        upload.seek(0)
        with Image.open(upload) as image:
            # Upright as the camera was held, since the orientation tag goes with the metadata.
            upright = ImageOps.exif_transpose(image)
            upright.thumbnail((kind.max_side, kind.max_side))
            buffer = io.BytesIO()
            if kind.format == "JPEG":
                upright.convert("RGB").save(buffer, format="JPEG", quality=85, optimize=True)
            else:
                upright.convert("RGBA").save(buffer, format="PNG", optimize=True)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, SyntaxError) as exc:
        raise ValidationError(_("The file is not an image we can read."), code="bad_image") from exc
    return ContentFile(buffer.getvalue(), name=f"image.{kind.format.lower()}")


def image_response(field, content_type: str, *, public: bool) -> FileResponse:
    """Serve a stored image; 404 when the file is gone (say, a database restored without media).

    `public` lets shared caches keep it; anything else is for this visitor only.
    """
    try:
        handle = field.open("rb")
    except (FileNotFoundError, ValueError) as exc:  # ValueError: no file on the field
        raise Http404 from exc
    response = FileResponse(handle, content_type=content_type)
    response["Cache-Control"] = "public, max-age=3600" if public else "private, no-store"
    return response
