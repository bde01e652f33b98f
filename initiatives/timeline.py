"""How the initiatives' public events read on the timeline and in the newsletter: moves through
the process and decisions, from the events' data alone."""

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from actors.events import Told, data_date, in_language
from actors.links import object_url

from .choices import InitiativeEvent, InitiativeStep
from .models import step_name

S = InitiativeStep
ARRIVED = {
    S.PROPOSAL: gettext_lazy("Proposed as an initiative."),
    S.DECISION: gettext_lazy("Up for decision."),
    S.FUNDING: gettext_lazy("Waiting for its funding."),
    S.EXECUTION: gettext_lazy("Started: the initiative is being carried out."),
    S.EVALUATION: gettext_lazy("Carried out, and now being evaluated."),
    S.COMPLETED: gettext_lazy("Completed and evaluated."),
}
LEFT = {
    S.PARKED: gettext_lazy("Parked: %(reason)s"),
    S.REJECTED: gettext_lazy("Rejected: %(reason)s"),
    S.WITHDRAWN: gettext_lazy("Withdrawn: %(reason)s"),
}


def _told(event, text: str) -> Told:
    return Told(
        in_language(event, "title"),
        object_url("initiatives:initiative_detail", event.subject_id),
        text,
    )


def moved(event) -> Told:
    target = event.data.get("to")
    if target in LEFT:
        text = LEFT[target] % {"reason": event.data.get("note", "")}
    elif event.data.get("from") == S.PARKED:
        text = _("Taken up again at the step “%(step)s”.") % {"step": step_name(target)}
    else:
        text = str(ARRIVED.get(target, ""))
    return _told(event, text)


def decided(event) -> Told:
    day = date_format(data_date(event, "decided_on"), "j F Y")
    if event.data.get("workshop"):
        return _told(event, _("Decided at the workshop on %(date)s.") % {"date": day})
    return _told(event, _("Decided on %(date)s.") % {"date": day})


TELLERS = {InitiativeEvent.MOVED: moved, InitiativeEvent.DECIDED: decided}
