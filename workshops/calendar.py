"""iCalendar files of the workshops, for calendar apps to subscribe to or import."""

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from actors.links import absolute_url, site_domain
from actors.models import SiteSettings

from .choices import WorkshopStatus


def _event(workshop) -> Event:
    event = Event()
    # The same UID whatever host the feed was read from, so calendars update the event in place.
    event.add("uid", f"workshop-{workshop.pk}@{site_domain()}")
    event.add("dtstamp", workshop.updated or timezone.now())
    event.add("dtstart", workshop.starts_at)
    event.add("dtend", workshop.ends)
    event.add("summary", _("Workshop: %(theme)s") % {"theme": workshop.theme})
    if workshop.place:
        event.add("location", workshop.place)
    url = absolute_url(workshop.get_absolute_url())
    event.add("url", url)
    # Only what the public may read: the theme, the public summary once published, the page.
    description = workshop.summary if workshop.is_published else workshop.agenda
    event.add("description", f"{description}\n\n{url}".strip())
    event.add("status", "CANCELLED" if workshop.status == WorkshopStatus.CANCELLED else "CONFIRMED")
    return event


def file_name(workshop) -> str:
    """The name one workshop's calendar file is downloaded or attached under."""
    return f"workshop-{workshop.pk}.ics"


def build(workshops) -> bytes:
    """One calendar holding the given workshops."""
    calendar = Calendar()
    calendar.add("prodid", "-//Collective Impact portal//workshops//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _("Workshops of %(name)s") % {"name": SiteSettings.current().name})
    for workshop in workshops:
        calendar.add_component(_event(workshop))
    return calendar.to_ical()
