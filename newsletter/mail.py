"""The mails the newsletter sends: confirmation links, editions and test copies of editions.

An edition is rendered once per language and batch, with placeholders where each recipient's own
links go; a recipient's message is then a string replacement away, which keeps the per-message
cost close to what Django's SMTP backend needs anyway.
"""

from dataclasses import dataclass
from email.utils import formataddr

import markdown
import nh3
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.message import sanitize_address
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe

from actors.i18n import language_tag, text_in
from actors.links import site_domain, url_in
from actors.mail import new_message_id, sender, single_line
from actors.models import SiteSettings

from . import links
from .choices import SubscriberStatus

UNSUBSCRIBE_PLACEHOLDER = "CIHNEWSLETTERUNSUBSCRIBEURL"
PREFERENCES_PLACEHOLDER = "CIHNEWSLETTERPREFERENCESURL"
RECIPIENT_PLACEHOLDER = "cihnewsletterrecipient@example.invalid"
MESSAGE_ID_PLACEHOLDER = "<cihnewslettermessageid@example.invalid>"
TOKEN_PLACEHOLDER = "CIHNEWSLETTERTOKEN"  # noqa: S105 - a placeholder, not a secret

ALLOWED_TAGS = {
    "a", "p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "blockquote", "code", "pre",
    "h2", "h3", "h4", "hr",
}  # fmt: skip


def render_markdown(text: str) -> str:
    """Markdown to HTML, sanitised: no scripts, no styles, no images from elsewhere."""
    html = markdown.markdown(text, extensions=["sane_lists"])
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes={"a": {"href", "title"}},
        url_schemes={"http", "https", "mailto"},
    )


def recipient(subscriber) -> str:
    """The subscriber's name and address; only the address until they have confirmed it, since
    the name is whatever the person who signed the address up wrote."""
    if subscriber.status != SubscriberStatus.CONFIRMED:
        return subscriber.email
    return formataddr((single_line(subscriber.name), subscriber.email))


@dataclass(frozen=True)
class EditionContent:
    """An edition rendered for the subscribers of one language, with placeholders for each
    recipient's links: its text in `text_language` (their language's, or Swedish), everything
    around it in `language`."""

    language: str
    text_language: str
    subject: str
    text: str
    html: str
    from_email: str
    reply_to: list[str]


def edition_content(
    edition, language: str, *, text_language: str, test: bool = False
) -> EditionContent:
    with translation.override(language):
        subject = single_line(
            text_in(text_language, "subject", edition.subject_sv, edition.translations)
        )
        if test:
            subject = f"[TEST] {subject}"
        body = text_in(text_language, "body", edition.body_sv, edition.translations)
        context = {
            "site": SiteSettings.current(),
            "subject": subject,
            "body_text": body,
            "body_html": mark_safe(render_markdown(body)),  # noqa: S308 - sanitised by nh3
            "unsubscribe_url": UNSUBSCRIBE_PLACEHOLDER,
            "preferences_url": PREFERENCES_PLACEHOLDER,
            "site_url": url_in(language, "portal:home"),
            "language": language,
            "text_lang": language_tag(text_language),
        }
        text = render_to_string("newsletter/emails/edition-body.txt", context)
        html = render_to_string("newsletter/emails/edition-body.html", context)
    from_email, reply_to = sender(language)
    return EditionContent(language, text_language, subject, text, html, from_email, reply_to)


def content_language(*languages: str) -> str:
    """The Content-Language header of a mail in these languages (RFC 3282: a list)."""
    return ", ".join(dict.fromkeys(language_tag(language) for language in languages))


def message_id(edition_id: int, delivery_id: int) -> str:
    """The same delivery always has the same Message-ID: a rare duplicate shows as one mail."""
    return f"<newsletter-{edition_id}-{delivery_id}@{site_domain()}>"


def edition_message(content: EditionContent, *, to: str, unsubscribe_url: str,
                    preferences_url: str, message_id: str | None = None,
                    connection=None) -> EmailMultiAlternatives:  # fmt: skip
    text = content.text.replace(UNSUBSCRIBE_PLACEHOLDER, unsubscribe_url).replace(
        PREFERENCES_PLACEHOLDER, preferences_url
    )
    html = content.html.replace(UNSUBSCRIBE_PLACEHOLDER, unsubscribe_url).replace(
        PREFERENCES_PLACEHOLDER, preferences_url
    )
    headers = {
        "List-Unsubscribe": f"<{unsubscribe_url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "Content-Language": content_language(content.language, content.text_language),
    }
    if message_id:
        headers["Message-ID"] = message_id
    message = EmailMultiAlternatives(
        subject=content.subject,
        body=text,
        from_email=content.from_email,
        to=[to],
        reply_to=content.reply_to,
        headers=headers,
        connection=connection,
    )
    message.attach_alternative(html, "text/html")
    return message


def delivery_message(content: EditionContent, *, delivery, subscriber, connection=None):
    unsubscribe_url, preferences_url = links.manage_urls(subscriber)
    return edition_message(
        content,
        to=recipient(subscriber),
        unsubscribe_url=unsubscribe_url,
        preferences_url=preferences_url,
        message_id=message_id(delivery.edition_id, delivery.pk),
        connection=connection,
    )


def confirmation_message(subscriber) -> EmailMultiAlternatives:
    language = subscriber.language
    with translation.override(language):
        site = SiteSettings.current()
        context = {
            "site": site,
            "subscriber": subscriber,
            "confirm_url": links.confirm_url(subscriber),
            "valid_days": links.CONFIRM_MAX_AGE // 86400,
        }
        subject = single_line(
            render_to_string("newsletter/emails/confirmation-subject.txt", context)
        )
        text = render_to_string("newsletter/emails/confirmation-body.txt", context)
        html = render_to_string("newsletter/emails/confirmation-body.html", context)
    from_email, reply_to = sender(language)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=from_email,
        to=[recipient(subscriber)],
        reply_to=reply_to,
        headers={
            "Message-ID": new_message_id(),
            "Content-Language": content_language(language),
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(html, "text/html")
    return message


@dataclass(frozen=True)
class PreparedEdition:
    """An edition serialised once, as the bytes the SMTP server gets, with placeholders.

    Building and serialising a MIME message costs more than sending it; an edition's messages
    differ only in the recipient, the Message-ID and the two personal links, so each recipient's
    message is a few byte replacements away. `prepare` returns None when the serialised form
    does not keep the placeholders whole (a body long enough to be quoted-printable encoded);
    the sender then builds each message in full.
    """

    from_address: str
    data: bytes
    unsubscribe_url: str  # with TOKEN_PLACEHOLDER
    preferences_url: str

    def message_bytes(self, *, to: str, message_id: str, token: str) -> bytes:
        return (
            self.data.replace(RECIPIENT_PLACEHOLDER.encode(), to.encode())
            .replace(MESSAGE_ID_PLACEHOLDER.encode(), message_id.encode())
            .replace(
                UNSUBSCRIBE_PLACEHOLDER.encode(),
                self.unsubscribe_url.replace(TOKEN_PLACEHOLDER, token).encode(),
            )
            .replace(
                PREFERENCES_PLACEHOLDER.encode(),
                self.preferences_url.replace(TOKEN_PLACEHOLDER, token).encode(),
            )
        )


def prepare(content: EditionContent) -> PreparedEdition | None:
    message = edition_message(
        content,
        to=RECIPIENT_PLACEHOLDER,
        unsubscribe_url=UNSUBSCRIBE_PLACEHOLDER,
        preferences_url=PREFERENCES_PLACEHOLDER,
        message_id=MESSAGE_ID_PLACEHOLDER,
    )
    data = message.message().as_bytes(linesep="\r\n")
    expected = {
        RECIPIENT_PLACEHOLDER: 1,
        MESSAGE_ID_PLACEHOLDER: 1,
        UNSUBSCRIBE_PLACEHOLDER: content.text.count(UNSUBSCRIBE_PLACEHOLDER)
        + content.html.count(UNSUBSCRIBE_PLACEHOLDER)
        + 1,
        PREFERENCES_PLACEHOLDER: content.text.count(PREFERENCES_PLACEHOLDER)
        + content.html.count(PREFERENCES_PLACEHOLDER),
    }
    if any(data.count(key.encode()) != count for key, count in expected.items()):
        return None
    return PreparedEdition(
        from_address=sanitize_address(content.from_email, settings.DEFAULT_CHARSET),
        data=data,
        unsubscribe_url=url_in(content.language, "newsletter:unsubscribe", TOKEN_PLACEHOLDER),
        preferences_url=url_in(content.language, "newsletter:preferences", TOKEN_PLACEHOLDER),
    )


def envelope_recipient(subscriber) -> str:
    return sanitize_address(recipient(subscriber), settings.DEFAULT_CHARSET)
