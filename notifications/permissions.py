"""A person reads only their own notices: anyone else's is not there for them (404)."""

from django.http import Http404

from .models import Notification


def get_notification_for_user(user, pk: int) -> Notification:
    notification = (
        Notification.objects.select_related("event").filter(pk=pk, recipient=user).first()
    )
    if notification is None:
        raise Http404
    return notification
