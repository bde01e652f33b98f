from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from actors.models import EventCursor

from .choices import Frequency, NotificationKind


class Notification(models.Model):
    """One thing a person is told in the portal: which event (none for a reminder), of which kind,
    and whether they have read it. `key` names the notice, so that the same one is never made
    twice for one person, whatever runs the fan-out twice."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    event = models.ForeignKey(
        "actors.Event",
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=30, choices=NotificationKind.choices)
    key = models.CharField(_("key"), max_length=120)
    data = models.JSONField(_("data"), default=dict, blank=True, encoder=DjangoJSONEncoder)
    created = models.DateTimeField(_("created"), default=timezone.now)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        constraints = [
            models.UniqueConstraint(fields=["recipient", "key"], name="one_notice_per_recipient")
        ]
        indexes = [
            models.Index(fields=["recipient", "-created", "-id"], name="notification_latest"),
        ]

    def __str__(self):
        return f"{self.kind} → {self.recipient_id}"


class Preference(models.Model):
    """How often one person wants a kind of notification mailed, where it differs from the
    kind's default (`kinds.KINDS`)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notification_preferences",
    )
    kind = models.CharField(_("kind"), max_length=30, choices=NotificationKind.choices)
    frequency = models.CharField(_("how often"), max_length=10, choices=Frequency.choices)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="one_preference_per_kind")
        ]

    def __str__(self):
        return f"{self.user_id} {self.kind}: {self.frequency}"


class FanOutCursor(EventCursor):
    """How far the fan-out has read the event stream: one row, locked by the run that holds it."""

    class Meta:
        verbose_name = _("fan-out position")
        verbose_name_plural = _("fan-out positions")


class Digest(models.Model):
    """One digest mail owed to one person for one day or week (`key`, e.g. "daily:2026-11-30"):
    made once, however often the job runs that day."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="+"
    )
    key = models.CharField(_("key"), max_length=30)
    created = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("digest")
        verbose_name_plural = _("digests")
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="one_digest_per_period")
        ]

    def __str__(self):
        return f"{self.user_id} {self.key}"


class Delivery(models.Model):
    """A notice mailed (at once, or in a digest): at most one per notice, so a job that runs
    twice or dies half-way never mails it twice. The mail itself waits in the outbox. The demo's
    notices, never to be mailed, have one without a digest too, so no digest takes them."""

    notification = models.OneToOneField(
        Notification,
        verbose_name=_("notification"),
        on_delete=models.CASCADE,
        related_name="delivery",
    )
    digest = models.ForeignKey(
        Digest,
        verbose_name=_("digest"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="deliveries",
    )
    created = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")

    def __str__(self):
        return str(self.notification_id)
