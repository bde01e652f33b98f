"""An outbox mail as the bytes an SMTP server is handed: the same message Django's mail classes
make (the same headers, a text and an HTML part in UTF-8), written directly.

Building a message with Python's email package costs a batch more than sending it, about a
millisecond a mail; writing it takes a tenth of that. Mails with attachments, and any header this
module would have to fold, are left to Django's classes (`wire_bytes` returns None).
"""

import base64
import functools
import re
import secrets
from email.header import Header
from email.utils import formataddr, formatdate, parseaddr

from django.conf import settings
from django.core.mail.message import sanitize_address

from .i18n import language_tag
from .models import OutgoingMail

# The longest line SMTP carries (RFC 5321), line break excluded.
MAX_LINE = 998
_PLAIN_ADDRESS = re.compile(r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+")


class Sender:
    """What every mail in one language carries from its sender, encoded once per batch."""

    def __init__(self, from_email: str, reply_to: list[str]):
        self.from_email, self.reply_to_list = from_email, reply_to
        self.envelope = parseaddr(from_email)[1]
        self.from_header = _address(from_email)
        self.reply_to = ", ".join(_address(address) for address in reply_to)


def envelope_recipient(address: str) -> str:
    """The recipient's address as SMTP takes it: a non-ASCII domain in its ASCII form."""
    if _PLAIN_ADDRESS.fullmatch(address):
        return address
    return sanitize_address(address, "utf-8")


def _address(address: str) -> str:
    """A name and address as a header shows them: the name in one encoded word when it is not
    ASCII (as Django's messages have it), the domain in its ASCII form."""
    name, address = parseaddr(address)
    return formataddr((name, envelope_recipient(address)), charset="utf-8")


def wire_bytes(mail: OutgoingMail, sender: Sender) -> bytes | None:
    """The message of `mail` as sent, or None for one this module does not write."""
    if mail.attachments:
        return None
    headers = [
        ("From", sender.from_header),
        ("To", envelope_recipient(mail.recipient)),
        *([("Reply-To", sender.reply_to)] if sender.reply_to else []),
        ("Subject", mail.subject),
        ("Date", formatdate(localtime=settings.EMAIL_USE_LOCALTIME)),
        ("Message-ID", mail.message_id),
        ("MIME-Version", "1.0"),
        ("Content-Language", language_tag(mail.language)),
        ("Auto-Submitted", "auto-generated"),
        *mail.headers.items(),
    ]
    lines = [f"{name}: {_encoded(value)}" for name, value in headers]
    if any(len(part) > MAX_LINE for line in lines for part in line.split("\r\n")) or any(
        "\n" in value or "\r" in value for value in [mail.subject, *mail.headers.values()]
    ):
        return None  # Django's classes fold the first and refuse the second
    text, html = _part(mail.body_text, "plain"), _part(mail.body_html, "html")
    boundary = f"=={secrets.token_hex(16)}=="
    while boundary.encode() in text or boundary.encode() in html:
        boundary = f"=={secrets.token_hex(16)}=="
    lines.append(f'Content-Type: multipart/alternative; boundary="{boundary}"')
    separator = f"\r\n--{boundary}\r\n".encode()
    return b"".join(
        [
            "\r\n".join(lines).encode(),
            b"\r\n",
            separator,
            text,
            separator,
            html,
            f"\r\n--{boundary}--\r\n".encode(),
        ]
    )


@functools.lru_cache(maxsize=256)  # a batch's mails share a few subjects
def _encoded(value: str) -> str:
    """A header value, in encoded words when it is not ASCII."""
    if value.isascii():
        return value
    return Header(value, "utf-8").encode(linesep="\r\n")


def _part(body: str, subtype: str) -> bytes:
    """A UTF-8 part: as it is when every line fits SMTP's limit, else in base64."""
    data = body.replace("\r\n", "\n").replace("\r", "\n").encode()
    header = f'Content-Type: text/{subtype}; charset="utf-8"\r\n'.encode()
    if all(len(line) <= MAX_LINE for line in data.split(b"\n")):
        return header + b"Content-Transfer-Encoding: 8bit\r\n\r\n" + data.replace(b"\n", b"\r\n")
    encoded = base64.encodebytes(data).replace(b"\n", b"\r\n")
    return header + b"Content-Transfer-Encoding: base64\r\n\r\n" + encoded.rstrip(b"\r\n")
