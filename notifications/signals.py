"""The fan-out runs once an event's transaction has committed, so a person reads of it within
moments; celery beat's run every minute catches whatever this misses (a broker that was down)."""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from actors.models import Event
from actors.queueing import enqueue

from .kinds import BY_EVENT_KIND


def _queue_fan_out() -> None:
    from .tasks import fan_out

    enqueue(fan_out, [()])


@receiver(post_save, sender=Event, dispatch_uid="notifications-fan-out")
def _fan_out_after(sender, instance: Event, created: bool, **kwargs):
    if not created or instance.kind not in BY_EVENT_KIND:
        return
    # One run per transaction, however many events it records (a workshop log, the demo).
    owed = transaction.get_connection().run_on_commit
    if not any(callback is _queue_fan_out for _savepoints, callback, _robust in owed):
        transaction.on_commit(_queue_fan_out)
