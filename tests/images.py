"""Uploaded images for the tests: real files Pillow wrote, the way a browser sends them."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


def image_bytes(size=(40, 30), fmt="JPEG", exif=None) -> bytes:
    buffer = io.BytesIO()
    options = {"exif": exif} if exif is not None else {}
    Image.new("RGB", size, "orange").save(buffer, format=fmt, **options)
    return buffer.getvalue()


def upload(content: bytes, name="IMG_0042.jpg", content_type="image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)
