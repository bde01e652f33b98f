"""Demo data: the demo's people find notifications waiting for them, told of what the story
before this step did and reminded of what is due or overdue today. None is mailed, now or in a
digest: the demo mails nobody.

Idempotent: a second run finds no new event to tell of.
"""

from django.utils import timezone

from .services import notifications_fan_out, reminders_send


def load(*, scale: int = 1) -> None:
    notifications_fan_out(mail=False)
    reminders_send(today=timezone.localdate(), mail=False)
