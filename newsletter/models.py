"""Subscribers (double opt-in), editions and one delivery record per recipient of an edition."""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from actors.fields import DOCUMENT, LabelField
from actors.i18n import SOURCE, Translated, TranslationsField, swedish_label, swedish_text
from actors.models import EventCursor

from .choices import Audience, DeliveryStatus, EditionStatus, SubscriberStatus


def normalise_email(email: str) -> str:
    return email.strip().lower()


def email_hash(email: str) -> str:
    """The fingerprint that stays when an address is deleted, so no later edition can reach it."""
    return hashlib.sha256(f"cih-newsletter:{normalise_email(email)}".encode()).hexdigest()


def new_token_key() -> str:
    return secrets.token_urlsafe(16)


def opt_in_status():
    """Where an address stands in a double opt-in: pending until it confirms."""
    return models.CharField(
        _("status"),
        max_length=12,
        choices=SubscriberStatus.choices,
        default=SubscriberStatus.PENDING,
        db_index=True,
    )


def language_field():
    """The language a person's mail speaks: the page's when they signed up or followed, one of
    settings.LANGUAGES (easy Swedish's "sv-plain" the longest), checked where it is chosen, so a
    language the collaboration starts offering needs no migration."""
    return models.CharField(_("language"), max_length=8, default=SOURCE)


def token_key_field():
    return models.CharField(max_length=32, default=new_token_key, editable=False)


class SubscriberQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(status=SubscriberStatus.CONFIRMED)


class Subscriber(models.Model):
    """A person who asked for the newsletter.

    One row per address, found by its hash. Until the address is confirmed it receives nothing
    but the confirmation link. Unsubscribing deletes the address and the name; the hash stays.
    """

    email = models.EmailField(_("e-mail address"), max_length=254, blank=True)
    email_hash = models.CharField(max_length=64, unique=True, editable=False)
    name = LabelField(_("name"), max_length=100, blank=True)
    language = language_field()
    all_interests = models.BooleanField(_("everything"), default=True)
    interests = models.ManyToManyField(
        "prioritization.FocusArea", blank=True, related_name="+", verbose_name=_("interests")
    )
    status = opt_in_status()
    # Signed links carry this key: rotating it voids every earlier confirmation, preferences and
    # unsubscribe link, which is how a confirmation link is made single-use.
    token_key = token_key_field()
    consent_text = models.TextField(_("text consented to"), blank=True)
    consent_language = models.CharField(max_length=8, blank=True)
    signed_up_at = models.DateTimeField(_("signed up"), auto_now_add=True)
    consented_at = models.DateTimeField(_("consent given"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)
    # The confirmation mail owed to this address; the periodic job sends it if the queue was down.
    confirmation_due = models.BooleanField(default=False, db_index=True)
    confirmation_requested_at = models.DateTimeField(null=True, blank=True)
    confirmation_day = models.DateField(null=True, blank=True)
    confirmations_that_day = models.PositiveSmallIntegerField(default=0)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        ordering = ["-signed_up_at", "-pk"]
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")

    def __str__(self):
        return self.email or f"#{self.pk} ({self.get_status_display()})"


class Edition(models.Model):
    """One newsletter: subject and Markdown body in Swedish, translated into the other languages
    the collaboration offers."""

    subject_sv = swedish_label(_("Subject"), 150)
    body_sv = swedish_text(_("Text"), max_length=DOCUMENT, required=True)
    audience = models.CharField(
        _("audience"), max_length=10, choices=Audience.choices, default=Audience.ALL
    )
    interests = models.ManyToManyField(
        "prioritization.FocusArea", blank=True, related_name="+", verbose_name=_("focus areas")
    )
    status = models.CharField(
        _("status"), max_length=8, choices=EditionStatus.choices, default=EditionStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    send_started_at = models.DateTimeField(_("sending started"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    # Languages whose subscribers get the Swedish text although a translation exists: the
    # translation was older than the Swedish text and the coordinator chose so when sending.
    swedish_for = models.JSONField(default=list, blank=True, editable=False)

    translations = TranslationsField()
    subject = Translated()
    body = Translated()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("edition")
        verbose_name_plural = _("editions")

    def __str__(self):
        return self.subject_sv

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("newsletter:edition_detail", args=[self.pk])

    def translation_refused(self) -> str:
        """Why its translations may not change now (actors.translations): once sending has
        begun, every reader gets the text the others got."""
        if self.status == EditionStatus.DRAFT:
            return ""
        return _("This edition has been sent: its texts stay as its readers got them.")


class Delivery(models.Model):
    """One edition to one subscriber: the record that makes sending idempotent.

    A worker sends a delivery only while it holds the row's lock and the row is still pending,
    and marks it sent in the same transaction, so a retried or redelivered task skips it.
    """

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    language = models.CharField(max_length=8)
    status = models.CharField(
        _("status"), max_length=8, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    error = models.TextField(_("error"), blank=True)
    message_id = models.CharField(max_length=200, blank=True)
    queued_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "subscriber"], name="one_delivery_each")
        ]
        indexes = [models.Index(fields=["edition", "status"])]
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")

    def __str__(self):
        return f"{self.edition_id} → {self.subscriber_id}: {self.status}"


class Follower(models.Model):
    """An address that follows one initiative or one need by e-mail and is told of its moves.

    Double opt-in as for the newsletter: until confirmed it receives only the confirmation link.
    A resident who sent an idea and agreed to hear what became of it follows the need the idea
    became part of from the start (`idea`), without a confirmation: the idea's own confirmation
    was that. Stopping keeps the row without the address, so the hash blocks a second follow
    from being made behind the person's back by the idea loop.
    """

    email = models.EmailField(_("e-mail address"), max_length=254, blank=True)
    email_hash = models.CharField(max_length=64, editable=False)
    language = language_field()
    initiative = models.ForeignKey(
        "initiatives.Initiative", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    need = models.ForeignKey(
        "prioritization.Need", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    idea = models.ForeignKey(
        "focusgroups.Idea", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = opt_in_status()
    # Rotated on confirming and on following again: every link sent before is then void.
    token_key = token_key_field()
    created_at = models.DateTimeField(_("follows since"), auto_now_add=True)
    # When the last confirmation mail was asked for: one per link lifetime, however often the
    # same address follows the same thing.
    asked_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(initiative__isnull=True) ^ models.Q(need__isnull=True),
                name="follows_one_thing",
            ),
            models.UniqueConstraint(
                fields=["email_hash", "initiative"], name="follows_initiative_once"
            ),
            models.UniqueConstraint(fields=["email_hash", "need"], name="follows_need_once"),
        ]
        verbose_name = _("follower")
        verbose_name_plural = _("followers")

    def __str__(self):
        return self.email or f"#{self.pk} ({self.get_status_display()})"


class FollowDelivery(models.Model):
    """One event told to one follower: the row that makes telling idempotent."""

    follower = models.ForeignKey(Follower, on_delete=models.CASCADE, related_name="deliveries")
    event = models.ForeignKey("actors.Event", on_delete=models.CASCADE, related_name="+")
    mail = models.ForeignKey(
        "actors.OutgoingMail", null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["follower", "event"], name="one_telling_each")
        ]

    def __str__(self):
        return f"{self.event_id} → {self.follower_id}"


class FollowCursor(EventCursor):
    """How far followers have been told of the event stream; one row, locked by the run that
    moves it on."""
