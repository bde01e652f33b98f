"""How prioritisation's public events read on the timeline and in the newsletter: a round
closed, and the needs it prioritised."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from actors.events import Told, in_language
from actors.i18n import in_active_language
from actors.links import object_url

from .choices import PrioritisationEvent


def round_closed(event) -> Told:
    needs = event.data.get("prioritised") or []
    if needs:
        text = ngettext(
            "The member organisations ranked the needs; %(count)d was prioritised: %(needs)s.",
            "The member organisations ranked the needs; %(count)d were prioritised: %(needs)s.",
            len(needs),
        ) % {
            "count": len(needs),
            "needs": ", ".join(in_active_language("title", need.get) for need in needs),
        }
    else:
        text = _("The member organisations have ranked the needs; see the matrix.")
    return Told(
        in_language(event, "title"),
        object_url("prioritization:round_detail", event.subject_id),
        text,
    )


def prioritised_needs(event) -> list[Told]:
    """The needs a closed round prioritised, one line each."""
    return [
        Told(
            in_active_language("title", need.get),
            object_url("prioritization:need_detail", need["need"]),
            "",
        )
        for need in event.data.get("prioritised") or []
    ]


TELLERS = {PrioritisationEvent.ROUND_CLOSED: round_closed}
