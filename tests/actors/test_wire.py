"""Over a real SMTP connection a mail leaves as `actors.wire` writes it: what its reader's mail
program shows is what Django's own message would show, whatever the mail holds."""

import email
from email import policy

import pytest

from actors import mail
from actors.choices import MailStatus
from actors.models import OutgoingMail
from tests.smtp_sink import SmtpSink

pytestmark = pytest.mark.django_db

LONG_LINE = "Ett mycket långt stycke utan radbrytning. " * 40  # over SMTP's 998 bytes
CASES = {
    "plain": {"subject": "Hej", "text": "Text\n"},
    "swedish subject, folded": {
        "subject": "Nytt om ”Språkcafé på biblioteket”: beslutades och får pengar ur fonden i år",
        "text": "Åtgärd: ring föreningen.\n",
    },
    "a line over SMTP's limit": {"subject": "Lång", "text": LONG_LINE},
    "lines that begin with a dot": {"subject": "Punkt", "text": ".\n.. två\n.tre\n"},
    "Windows line breaks": {"subject": "CRLF", "text": "ett\r\ntvå\r\n"},
    "one-click headers": {
        "subject": "Följ",
        "text": "x",
        "headers": {
            "List-Unsubscribe": "<https://portal.example.org/newsletter/follow/stop/"
            "WzEwMDAwMDAsImFiYyJd:1xY79V:YA7ORbp8VKji4h5Gd8-kcUdZJG78ks7aNvASiEqwJDI/>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    },
    "a non-ASCII header": {"subject": "H", "text": "x", "headers": {"X-Tema": "Hälsa"}},
    "an attachment": {
        "subject": "Nästa vecka",
        "text": "Se bifogad fil.",
        "attachments": [
            {"filename": "workshop.ics", "content_type": "text/calendar", "content": "BEGIN:X"}
        ],
    },
}
SHOWN = ["Subject", "From", "To", "Reply-To", "Message-ID", "Content-Language", "Auto-Submitted"]


def shown(message) -> dict:
    """What a mail program shows of a message: its headers, parts and attachments."""
    headers = {name: str(message[name]).strip() for name in SHOWN + ["X-Tema", "List-Unsubscribe"]}
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    files = [(part.get_filename(), part.get_content()) for part in message.iter_attachments()]
    text, html = (part.replace("\r\n", "\n") for part in (text, html))
    return {**headers, "text": text, "html": html, "files": files}


@pytest.mark.parametrize("case", CASES)
def test_the_sent_message_shows_what_djangos_would(site, settings, case):
    site.name_sv = "Malmö Tillsammans, för och med äldre i Malmö stads alla delar"  # folded
    site.save()
    owed = mail.mail_queue(to="amina@example.org", language="sv", **CASES[case])
    expected = email.message_from_bytes(
        mail.message_for(owed).message().as_bytes(), policy=policy.default
    )
    with SmtpSink() as sink:
        sink.use_in(settings)
        assert mail.mail_deliver_many(mail_ids=[owed.pk]) == 1
    (received,) = sink.messages
    assert shown(received) == shown(expected)
    assert received["Date"].datetime is not None


def test_an_address_with_a_non_ascii_domain_reaches_its_ascii_form(site, settings):
    owed = mail.mail_queue(to="anna@exämple.org", language="sv", subject="Hej", text="x")
    with SmtpSink() as sink:
        sink.use_in(settings)
        assert mail.mail_deliver_many(mail_ids=[owed.pk]) == 1
    assert sink.counts() == {"anna@xn--exmple-cua.org": 1}


def test_a_mail_no_message_can_carry_is_given_up_and_the_rest_of_its_batch_still_leaves(
    site, settings
):
    broken = mail.mail_queue(
        to="amina@example.org", language="sv", subject="S", text="x", headers={"X-A": "a\nb"}
    )
    fine = mail.mail_queue(to="bo@example.org", language="sv", subject="S", text="x")
    with SmtpSink() as sink:
        sink.use_in(settings)
        assert mail.mail_deliver_many(mail_ids=[broken.pk, fine.pk]) == 1
    assert sink.counts() == {"bo@example.org": 1}
    broken.refresh_from_db()
    assert broken.status == MailStatus.FAILED and "BadHeaderError" in broken.last_error
    assert OutgoingMail.objects.get(pk=fine.pk).status == MailStatus.SENT
