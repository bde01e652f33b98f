from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class StaleChoice(models.TextChoices):
    """What the subscribers of a language whose translation is older than the Swedish text get,
    chosen by the coordinator who sends the edition."""

    TRANSLATION = "translation", _("The older translation")
    SWEDISH = "swedish", _("The Swedish text instead")


class SubscriberStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for confirmation")
    CONFIRMED = "confirmed", _("Confirmed")
    UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")
    # Mail to the address came back as undeliverable; signing up again starts the opt-in anew.
    BOUNCED = "bounced", _("Address does not receive mail")


class Audience(models.TextChoices):
    ALL = "all", _("All confirmed subscribers")
    INTERESTS = "interests", _("Subscribers interested in the chosen focus areas")


class EditionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENT = "sent", _("Sent")
    FAILED = "failed", pgettext_lazy("delivery status", "Failed")
    BOUNCED = "bounced", _("Bounced")
    SKIPPED = "skipped", _("Skipped (unsubscribed before sending)")


class NewsletterEvent(models.TextChoices):
    """What the newsletter records in the event stream: the coordinators' work on editions.
    Subscribers and deliveries keep rows of their own, and personal data stays out of the stream.
    """

    EDITION_CREATED = "newsletter.edition_created", _("Newsletter edition drafted")
    EDITION_CHANGED = "newsletter.edition_changed", _("Newsletter edition changed")
    EDITION_SENT = "newsletter.edition_sent", _("Newsletter edition sent")
