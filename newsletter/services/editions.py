"""Editions: writing a draft in both languages, test copies, and sending to the audience."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from actors.events import event_record
from actors.i18n import in_every_language
from actors.links import url_in
from actors.queueing import enqueue

from .. import draft, mail
from ..choices import Audience, EditionStatus, NewsletterEvent
from ..models import Delivery, Edition, Subscriber
from .deliveries import BATCH_SIZE, edition_complete_if_done


class EditionError(Exception):
    """An action the edition's state does not allow, with a message for the coordinator."""


class LanguagesOutOfStep(ValidationError):
    """A text of the edition changed in one language and not in the other, which has its own."""


def _audience(edition: Edition):
    subscribers = Subscriber.objects.confirmed()
    if edition.audience == Audience.INTERESTS:
        chosen = edition.interests.values("pk")
        subscribers = subscribers.filter(
            Q(all_interests=True) | Q(pk__in=Subscriber.interests.through.objects.filter(
                focusarea_id__in=chosen).values("subscriber_id"))
        )  # fmt: skip
    return subscribers


def edition_audience_size(*, edition: Edition) -> int:
    return _audience(edition).count()


def _same_text(old: str, new: str) -> bool:
    # A browser sends a textarea back with CRLF line ends: that alone is no change.
    return old.replace("\r\n", "\n").strip() == new.replace("\r\n", "\n").strip()


# The field left as it was, when the same text in the other language changed: what to say.
OUT_OF_STEP = {
    "subject_en": gettext_lazy(
        "The Swedish subject changed but this one did not: English readers would get the old "
        "subject. Update it, or confirm below that it stays as it is."
    ),
    "body_en": gettext_lazy(
        "The Swedish text changed but this one did not: English readers would get the old text. "
        "Update it, or confirm below that it stays as it is."
    ),
    "subject_sv": gettext_lazy(
        "The English subject changed but this one did not: Swedish readers would get the old "
        "subject. Update it, or confirm below that it stays as it is."
    ),
    "body_sv": gettext_lazy(
        "The English text changed but this one did not: Swedish readers would get the old text. "
        "Update it, or confirm below that it stays as it is."
    ),
}


def edition_languages_out_of_step(*, edition: Edition, texts: dict[str, str]) -> dict[str, str]:
    """Where an edit changed a text in one language and left the other language's own text as
    it was, so that language's readers would get the old one: {the field left as it was: why}."""
    problems = {}
    for name in ("subject", "body"):
        changed = {
            language: not _same_text(
                getattr(edition, f"{name}_{language}"), texts[f"{name}_{language}"]
            )
            for language in ("sv", "en")
        }
        for language, other in (("sv", "en"), ("en", "sv")):
            if changed[language] and not changed[other] and getattr(edition, f"{name}_{other}"):
                problems[f"{name}_{other}"] = str(OUT_OF_STEP[f"{name}_{other}"])
    return problems


def edition_save(
    *,
    edition: Edition | None = None,
    actor,
    subject_sv: str,
    subject_en: str,
    body_sv: str,
    body_en: str,
    audience: str,
    interests,
    languages_confirmed: bool = False,
) -> Edition:
    """Create an edition or change a draft; a sent or sending edition cannot change.

    A change to a text in one language only, when the other language has a text of its own, is
    saved once the editor confirms it (`languages_confirmed`): its readers would otherwise get the
    old text unwarned.
    """
    subject_sv, subject_en = mail.single_line(subject_sv), mail.single_line(subject_en)
    with transaction.atomic():
        created = edition is None
        if created:
            edition = Edition(created_by=actor)
        else:
            edition = Edition.objects.select_for_update().get(pk=edition.pk)
            if edition.status != EditionStatus.DRAFT:
                raise EditionError(_("This edition has been sent and can no longer be changed."))
            texts = {
                "subject_sv": subject_sv,
                "subject_en": subject_en,
                "body_sv": body_sv,
                "body_en": body_en,
            }
            problems = edition_languages_out_of_step(edition=edition, texts=texts)
            if problems and not languages_confirmed:
                raise LanguagesOutOfStep(problems)
        edition.subject_sv = subject_sv
        edition.subject_en = subject_en
        edition.body_sv = body_sv
        edition.body_en = body_en
        edition.audience = audience
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
    """A new draft with what happened since the last edition went out (or the last 30 days)."""
    last = Edition.objects.exclude(send_started_at=None).order_by("-send_started_at").first()
    since = last.send_started_at if last else timezone.now() - timedelta(days=30)
    subject_sv, body_sv = draft.compose(since=since, language="sv")
    subject_en, body_en = draft.compose(since=since, language="en")
    return edition_save(
        actor=actor,
        subject_sv=subject_sv,
        subject_en=subject_en,
        body_sv=body_sv,
        body_en=body_en,
        audience=Audience.ALL,
        interests=[],
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
    languages = ["sv"] + (["en"] if edition.subject_en or edition.body_en else [])
    signup = url_in("sv", "newsletter:signup")
    messages = [
        mail.edition_message(
            mail.edition_content(edition, language, test=True),
            to=email,
            unsubscribe_url=signup,
            preferences_url=signup,
        )
        for language in languages
    ]
    return get_connection().send_messages(messages) or 0


def edition_send(*, edition: Edition, actor) -> int:
    """Send the edition: one pending delivery per recipient, handed out in batches to workers."""
    from ..tasks import deliver_batch

    now = timezone.now()
    with transaction.atomic():
        edition = Edition.objects.select_for_update().get(pk=edition.pk)
        if edition.status != EditionStatus.DRAFT:
            raise EditionError(_("This edition is already being sent or has been sent."))
        recipients = _audience(edition).values_list("pk", "language")
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
        edition.save(update_fields=["status", "sent_by", "send_started_at"])
        ids = list(edition.deliveries.order_by("pk").values_list("pk", flat=True))
        _edition_event(NewsletterEvent.EDITION_SENT, edition, actor, recipients=len(ids))
        edition_id = edition.pk
        if not ids:
            edition_complete_if_done(edition_id=edition_id)
        batches = [(edition_id, ids[i : i + BATCH_SIZE]) for i in range(0, len(ids), BATCH_SIZE)]
        transaction.on_commit(lambda: enqueue(deliver_batch, batches))
    return len(ids)
