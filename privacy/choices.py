from django.db import models
from django.utils.translation import gettext_lazy as _


class PrivacyEvent(models.TextChoices):
    """What the data-rights app records in the event stream. None of them is public, and none
    carries a name or an address: the row proves that something was done, not to whom."""

    ACCOUNT_DELETED = "privacy.account_deleted", _("Account deleted at its owner's request")
    RETENTION_APPLIED = (
        "privacy.retention_applied",
        _("Personal data past its keeping time deleted"),
    )
    BARRIER_REPORTED = "privacy.barrier_reported", _("Accessibility barrier reported")
