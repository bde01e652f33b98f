"""How the workshops' public events read on the timeline and in the newsletter: minutes
published, told with the workshop's public summary."""

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from actors.events import Told, data_date, in_language
from actors.links import object_url

from .choices import WorkshopEvent


def minutes_published(event) -> Told:
    day = data_date(event, "starts_at")
    title = _("Workshop %(date)s: %(theme)s") % {
        "date": date_format(day, "j F") if day else "",
        "theme": in_language(event, "theme"),
    }
    url = object_url("workshops:detail", event.subject_id)
    return Told(title, url, in_language(event, "summary"))


TELLERS = {WorkshopEvent.MINUTES_PUBLISHED: minutes_published}
