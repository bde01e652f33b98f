"""Editions: writing a draft in every offered language, test copies, and sending to the
audience."""

from datetime import timedelta

from django.core.mail import get_connection
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from actors.events import event_record
from actors.i18n import SOURCE, in_every_language, offered_languages
from actors.links import url_in
from actors.queueing import enqueue
from actors.translations import translate

from .. import draft, mail
from ..choices import Audience, EditionStatus, NewsletterEvent
from ..models import Delivery, Edition, Subscriber
from . import languages
from .deliveries import BATCH_SIZE, edition_complete_if_done


class EditionError(Exception):
    """An action the edition's state does not allow, with a message for the coordinator."""


def _audience(edition: Edition):
    subscribers = Subscriber.objects.confirmed()
    if edition.audience == Audience.INTERESTS:
        chosen = edition.interests.values("pk")
        subscribers = subscribers.filter(
            Q(all_interests=True) | Q(pk__in=Subscriber.interests.through.objects.filter(
                focusarea_id__in=chosen).values("subscriber_id"))
        )  # fmt: skip
    return subscribers


def edition_recipients_by_language(*, edition: Edition) -> dict[str, int]:
    """How many subscribers the edition would reach now, by language. One query."""
    return languages.recipients_by_language(_audience(edition))


def edition_save(
    *,
    edition: Edition | None = None,
    actor,
    subject_sv: str,
    body_sv: str,
    audience: str,
    interests,
    translated: dict[str, dict[str, str]] | None = None,
) -> Edition:
    """Create an edition or change a draft's Swedish text; a sent or sending edition cannot
    change. A translation made from an earlier Swedish text is then older than it (stale) until
    a translator saves it again; `translated` gives translations made from this Swedish text,
    {language: {"subject": ..., "body": ...}}."""
    subject_sv = mail.single_line(subject_sv)
    with transaction.atomic():
        created = edition is None
        if created:
            edition = Edition(created_by=actor)
        else:
            edition = Edition.objects.select_for_update().get(pk=edition.pk)
            if edition.status != EditionStatus.DRAFT:
                raise EditionError(_("This edition has been sent and can no longer be changed."))
        edition.subject_sv = subject_sv
        edition.body_sv = body_sv
        edition.audience = audience
        for language, texts in (translated or {}).items():
            subject = mail.single_line(texts["subject"])
            translate(edition, language, subject=subject, body=texts["body"])
        edition.save()
        edition.interests.set(list(interests) if audience == Audience.INTERESTS else [])
        _edition_event(
            NewsletterEvent.EDITION_CREATED if created else NewsletterEvent.EDITION_CHANGED,
            edition,
            actor,
            audience=audience,
        )
    return edition


def _edition_event(kind: str, edition: Edition, actor, **data) -> None:
    event_record(
        kind=kind,
        subject=edition,
        actor=actor,
        data={**in_every_language(edition, "subject"), **data},
        public=False,
    )


def edition_create_draft(*, actor) -> Edition:
    """A new draft with what happened since the last edition went out (or the last 30 days),
    composed in Swedish and in every other language the collaboration offers."""
    last = Edition.objects.exclude(send_started_at=None).order_by("-send_started_at").first()
    since = last.send_started_at if last else timezone.now() - timedelta(days=30)
    subject_sv, body_sv = draft.compose(since=since, language=SOURCE)
    translated = {}
    for language in offered_languages():
        if language != SOURCE:
            subject, body = draft.compose(since=since, language=language)
            translated[language] = {"subject": subject, "body": body}
    return edition_save(
        actor=actor,
        subject_sv=subject_sv,
        body_sv=body_sv,
        audience=Audience.ALL,
        interests=[],
        translated=translated,
    )


def edition_test_copy_queue(*, edition: Edition, actor) -> None:
    """Queue a test copy of the edition, in each of its languages, to the coordinator's address
    (`edition_test_copy_send` then sends it from a worker)."""
    from ..tasks import send_test

    if not actor.email:
        raise EditionError(_("Your account has no e-mail address to send the test to."))
    edition_id, email = edition.pk, actor.email
    transaction.on_commit(lambda: enqueue(send_test, [(edition_id, email)]))


def edition_test_copy_send(*, edition_id: int, email: str) -> int:
    """Send the queued test copies to `email` now (the task's work); returns the number of mails."""
    edition = Edition.objects.get(pk=edition_id)
    translated = [
        language.code
        for language in languages.edition_languages(edition=edition, recipients={})
        if language.gets != SOURCE
    ]
    signup = url_in(SOURCE, "newsletter:signup")
    messages = [
        mail.edition_message(
            mail.edition_content(edition, language, text_language=language, test=True),
            to=email,
            unsubscribe_url=signup,
            preferences_url=signup,
        )
        for language in [SOURCE, *translated]
    ]
    return get_connection().send_messages(messages) or 0


def edition_send(*, edition: Edition, actor, stale_choices: dict[str, str] | None = None) -> int:
    """Send the edition: one pending delivery per recipient, handed out in batches to workers.

    Refused (StaleTranslations) while a language with recipients has a translation older than
    the Swedish text, unless `stale_choices` says for each such language what its subscribers
    get ({language: StaleChoice}): the older translation, or the Swedish text. Subscribers of a
    language without a translation get the Swedish text; of one whose translation is current,
    the translation."""
    from ..tasks import deliver_batch

    now = timezone.now()
    choices = stale_choices or {}
    with transaction.atomic():
        edition = Edition.objects.select_for_update().get(pk=edition.pk)
        if edition.status != EditionStatus.DRAFT:
            raise EditionError(_("This edition is already being sent or has been sent."))
        audience = _audience(edition)
        stale = languages.stale_with_recipients(
            edition=edition, recipients=languages.recipients_by_language(audience)
        )
        edition.swedish_for = languages.swedish_instead(stale=stale, choices=choices)
        recipients = audience.values_list("pk", "language")
        Delivery.objects.bulk_create(
            [
                Delivery(edition=edition, subscriber_id=pk, language=language, queued_at=now)
                for pk, language in recipients.iterator(chunk_size=2000)
            ],
            batch_size=2000,
        )
        edition.status = EditionStatus.SENDING
        edition.sent_by = actor
        edition.send_started_at = now
        edition.save(update_fields=["status", "sent_by", "send_started_at", "swedish_for"])
        ids = list(edition.deliveries.order_by("pk").values_list("pk", flat=True))
        _edition_event(
            NewsletterEvent.EDITION_SENT,
            edition,
            actor,
            recipients=len(ids),
            stale={code: choices[code] for code in stale},
        )
        edition_id = edition.pk
        if not ids:
            edition_complete_if_done(edition_id=edition_id)
        batches = [(edition_id, ids[i : i + BATCH_SIZE]) for i in range(0, len(ids), BATCH_SIZE)]
        transaction.on_commit(lambda: enqueue(deliver_batch, batches))
    return len(ids)
