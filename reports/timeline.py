"""How the reports' public events read on the timeline and in the newsletter: an initiative's
evaluation report published on its page."""

from django.utils.translation import gettext as _

from actors.events import Told, in_language
from actors.links import object_url

from .choices import IN_LANGUAGE, ReportEvent


def published(event) -> Told:
    language = IN_LANGUAGE.get(event.data.get("language"), "")
    return Told(
        in_language(event, "title"),
        object_url("initiatives:initiative_detail", event.data["initiative"]),
        _("The evaluation report is published (PDF, %(language)s).") % {"language": language},
    )


TELLERS = {ReportEvent.PUBLISHED: published}
