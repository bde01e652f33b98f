"""Uploaded images for the tests: real files Pillow wrote, the way a browser sends them."""

import io
import struct
import zlib
from functools import cache

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


def image_bytes(size=(40, 30), fmt="JPEG", exif=None) -> bytes:
    buffer = io.BytesIO()
    options = {"exif": exif} if exif is not None else {}
    Image.new("RGB", size, "orange").save(buffer, format=fmt, **options)
    return buffer.getvalue()


def upload(content: bytes, name="IMG_0042.jpg", content_type="image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


@cache
def white_png(side: int) -> bytes:
    """A valid grayscale PNG of side × side white pixels, written row by row without Pillow
    ever holding the image: 13,300 a side (177 million pixels) makes ~200 KB."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data)
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    row = b"\x00" + b"\xff" * side  # filter type 0, then the row's pixels
    compressor = zlib.compressobj(9)
    pixels = b"".join(compressor.compress(row) for _ in range(side)) + compressor.flush()
    header = struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0)  # 8-bit grayscale
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )
