"""Bounce reports read back into deliveries: RFC 3464 delivery status notifications.

A report names the recipient it failed for and, in the returned headers, the Message-ID we gave
the mail; every edition's delivery has its own Message-ID (mail.message_id), and so has every
mail telling a follower (its outbox row's). Both must match a mail before anything changes, so a
forged report needs the recipient's address as well.
"""

import re
from dataclasses import dataclass
from email import message_from_bytes, message_from_string, policy

MESSAGE_ID = re.compile(r"<newsletter-(?P<edition>\d+)-(?P<delivery>\d+)@[^>]+>")


@dataclass(frozen=True)
class Bounce:
    # Both None for a mail that is no edition's: a follower's, found by `message_id`.
    edition_id: int | None
    delivery_id: int | None
    recipient: str
    permanent: bool
    diagnostic: str
    message_id: str = ""


def read_report(raw: bytes) -> list[Bounce]:
    """The failed deliveries a report tells of; nothing for mail that is not a bounce of ours."""
    report = message_from_bytes(raw, policy=policy.default)
    if report.get_content_type() != "multipart/report":
        return []
    message_id = _original_message_id(report).strip()
    if not message_id:
        return []
    found = MESSAGE_ID.search(message_id)
    return [
        Bounce(
            edition_id=int(found["edition"]) if found else None,
            delivery_id=int(found["delivery"]) if found else None,
            recipient=_address(fields.get("Final-Recipient", "")),
            # 4.x.x after the server gave up is a bounce too, but says nothing final about the
            # address; only 5.x.x does.
            permanent=str(fields.get("Status", "")).strip().startswith("5"),
            diagnostic=str(fields.get("Diagnostic-Code", "") or fields.get("Status", ""))[:1000],
            message_id=message_id,
        )
        for fields in _recipient_fields(report)
        if str(fields.get("Action", "")).strip().lower() == "failed"
    ]


def _original_message_id(report) -> str:
    for part in report.walk():
        if part.get_content_type() == "message/rfc822":
            return str(part.get_payload(0).get("Message-ID", ""))
        if part.get_content_type() == "text/rfc822-headers":
            return str(message_from_string(part.get_content()).get("Message-ID", ""))
    return ""


def _recipient_fields(report) -> list:
    """The per-recipient blocks of the delivery-status part (the first block is per message)."""
    for part in report.walk():
        if part.get_content_type() == "message/delivery-status":
            return part.get_payload()[1:]
    return []


def _address(final_recipient: str) -> str:
    """ "rfc822; amina@example.org" -> "amina@example.org"."""
    return str(final_recipient).partition(";")[2].strip().strip("<>").lower()
