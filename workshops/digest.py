"""What happened in the workshops since a date, for the newsletter's draft (read by newsletter)."""

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .models import Workshop


def items(*, since: datetime.datetime) -> list[dict]:
    """Published workshops held since `since`, oldest first, then the next planned workshop.

    Each item is {"kind", "title", "text", "url"}; only public text (the public summary).
    """
    result = []
    held = Workshop.objects.published().filter(starts_at__gte=since, starts_at__lte=timezone.now())
    for workshop in held.order_by("starts_at"):
        result.append(
            {
                "kind": "workshop_held",
                "title": _("Workshop %(date)s: %(theme)s")
                % {"date": date_format(workshop.date, "j F"), "theme": workshop.theme},
                "text": workshop.summary,
                "url": reverse("workshops:detail", kwargs={"pk": workshop.pk}),
            }
        )
    upcoming = Workshop.objects.upcoming().first()
    if upcoming is not None:
        when = date_format(timezone.localtime(upcoming.starts_at), "j F H:i")
        result.append(
            {
                "kind": "workshop_next",
                "title": _("Next workshop %(date)s: %(theme)s")
                % {"date": when, "theme": upcoming.theme},
                "text": upcoming.place,
                "url": reverse("workshops:detail", kwargs={"pk": upcoming.pk}),
            }
        )
    return result
