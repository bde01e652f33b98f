"""How the focus groups' public events read on the timeline and in the newsletter: what
residents said, what their council answered, and their ideas taken up."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from actors.events import Told, in_language
from actors.links import object_url

from .choices import FocusGroupEvent


def focus_group_held(event) -> Told:
    count = event.data.get("participants") or 0
    text = ngettext(
        "%(count)d resident told us what they need.",
        "%(count)d residents told us what they need.",
        count,
    ) % {"count": count}
    return Told(
        in_language(event, "title"),
        object_url("focusgroups:focusgroup_detail", event.subject_id),
        text,
    )


def consultation_answered(event) -> Told:
    text = _("%(council)s answered: %(answer)s") % {
        "council": event.data.get("council") or _("The residents' council"),
        "answer": in_language(event, "answer"),
    }
    return Told(
        in_language(event, "question"),
        object_url("focusgroups:consultation_detail", event.subject_id),
        text,
    )


def idea_taken_up(event) -> Told:
    # Only ideas taken up as a need are public; the need's page is prioritization's, named here
    # by its address alone.
    return Told(
        in_language(event, "title"),
        object_url("prioritization:need_detail", event.data["need"]),
        _("A resident's idea was taken up as this need."),
    )


TELLERS = {
    FocusGroupEvent.FOCUS_GROUP_CREATED: focus_group_held,
    FocusGroupEvent.CONSULTATION_ANSWERED: consultation_answered,
    FocusGroupEvent.IDEA_MODERATED: idea_taken_up,
}
