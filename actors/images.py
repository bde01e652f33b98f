"""Uploaded images are checked and re-encoded, so nothing a user sent is served back as-is."""

import io

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
MAX_SIDE = 600
ACCEPTED_FORMATS = {"PNG", "JPEG", "GIF", "WEBP"}


def reencode_image(upload) -> ContentFile:
    """A PNG of at most MAX_SIDE pixels a side, made from an uploaded image, or ValidationError."""
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(_("The image is larger than 2 MB."), code="too_large")
    try:
        with Image.open(upload) as probe:
            if probe.format not in ACCEPTED_FORMATS:
                raise ValidationError(
                    _("Upload a PNG, JPEG, GIF or WebP image."), code="bad_format"
                )
            probe.verify()
        upload.seek(0)
        with Image.open(upload) as image:
            image.thumbnail((MAX_SIDE, MAX_SIDE))
            converted = image.convert("RGBA")
            buffer = io.BytesIO()
            converted.save(buffer, format="PNG", optimize=True)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, SyntaxError) as exc:
        raise ValidationError(_("The file is not an image we can read."), code="bad_image") from exc
    return ContentFile(buffer.getvalue(), name="logo.png")
