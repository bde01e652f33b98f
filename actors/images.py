"""Uploaded images are checked and re-encoded, so nothing a user sent is served back as-is:
no hidden payload rides along, and no metadata either (a phone photo's EXIF says where it was
taken).

Decoding is what costs: a PNG of a few hundred kilobytes can hold 13,300 × 13,300 white pixels,
which take a worker 1.5 GB and twenty seconds to decode. So an image is measured from its header
before any pixel is read, and each person's uploads are counted.
"""

import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from actors import ratelimit

ACCEPTED_FORMATS = {"PNG", "JPEG", "GIF", "WEBP"}
MEGABYTE = 1024 * 1024
# The largest full-resolution photo of today's 48-50 megapixel phone cameras (8064 × 6048,
# 8160 × 6120, 8192 × 6144), so a flipchart photographed at the camera's finest setting passes.
# Decoding that many pixels takes ~200 MB and a second or two; a JPEG, which nearly every such
# photo is, is decoded at a reduced scale instead.
MAX_PIXELS = 8192 * 6144
# Uploads one person may make in an hour, logos and photos together: a workshop's twenty photos,
# added one by one, fit with room to spare.
UPLOAD_LIMIT = ratelimit.Limit("image-upload", limit=30, window=3600)


@dataclass(frozen=True)
class ImageKind:
    """What an upload becomes: at most `max_side` pixels a side, stored as `format`."""

    max_bytes: int
    max_side: int
    format: str


LOGO = ImageKind(max_bytes=2 * MEGABYTE, max_side=600, format="PNG")
PHOTO = ImageKind(max_bytes=10 * MEGABYTE, max_side=1600, format="JPEG")


def reencode_image(upload, kind: ImageKind = LOGO, *, uploader) -> ContentFile:
    """The upload redrawn as `kind` describes, or ValidationError with a message for the user.

    Counts one upload by `uploader` against UPLOAD_LIMIT before anything else.
    """
    if not ratelimit.allow(UPLOAD_LIMIT, f"user:{uploader.pk}"):
        raise ValidationError(
            _("You have uploaded many images in a short time. Please try again in an hour."),
            code="rate_limited",
        )
    if upload.size > kind.max_bytes:
        raise ValidationError(
            _("The image is larger than %(megabytes)d MB.")
            % {"megabytes": kind.max_bytes // MEGABYTE},
            code="too_large",
        )
    try:
        with Image.open(upload) as probe:  # reads the header only
            if probe.format not in ACCEPTED_FORMATS:
                raise ValidationError(
                    _("Upload a PNG, JPEG, GIF or WebP image."), code="bad_format"
                )
            if probe.width * probe.height > MAX_PIXELS:
                raise _too_many_pixels()
            probe.verify()
        upload.seek(0)
        with Image.open(upload) as image:
            # A JPEG is decoded at 1/2, 1/4 or 1/8 scale when that still leaves at least the
            # size kept, which is a fraction of the time and memory of the whole photo.
            image.draft("RGB", (kind.max_side, kind.max_side))
            # Upright as the camera was held, since the orientation tag goes with the metadata.
            upright = ImageOps.exif_transpose(image)
            upright.thumbnail((kind.max_side, kind.max_side))
            buffer = io.BytesIO()
            if kind.format == "JPEG":
                upright.convert("RGB").save(buffer, format="JPEG", quality=85, optimize=True)
            else:
                upright.convert("RGBA").save(buffer, format="PNG", optimize=True)
    except Image.DecompressionBombError as exc:  # Pillow's own, far higher, limit
        raise _too_many_pixels() from exc
    except (UnidentifiedImageError, OSError, SyntaxError) as exc:
        raise ValidationError(_("The file is not an image we can read."), code="bad_image") from exc
    return ContentFile(buffer.getvalue(), name=f"image.{kind.format.lower()}")


def _too_many_pixels() -> ValidationError:
    return ValidationError(
        _(
            "The image has more than %(megapixels)d million pixels. Upload a smaller one, for "
            "example a photo taken at a lower resolution."
        )
        % {"megapixels": MAX_PIXELS // 1_000_000},
        code="too_many_pixels",
    )


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
