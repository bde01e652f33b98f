"""Who is told what: one row per kind of notification, each naming the events it is made from,
who is told of one (a function of the event), how often it is mailed unless the person chose
otherwise, and what the person reads and where the notice leads.

Each row reads the event's data, and the apps below for who belongs where; it never imports the
apps on its own floor or above (a report's page is found by its URL name).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.dateparse import parse_date
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from actors.choices import PortalRole
from actors.events import data_date, in_language
from actors.links import object_url
from actors.models import Event, Membership, RoleAssignment
from focusgroups.choices import FocusGroupEvent
from initiatives.choices import InitiativeEvent, InitiativeStep
from initiatives.models import Initiative
from prioritization.choices import PrioritisationEvent
from workshops.choices import WorkshopEvent

from .choices import Frequency, NotificationKind

K = NotificationKind


@dataclass(frozen=True)
class Notice:
    """One person to be told, the key that names the notice among those of its kind (the event,
    or what in it the notice is about), and what it needs to say beyond the event's data."""

    user_id: int
    key: str
    data: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Kind:
    kind: NotificationKind
    event_kinds: tuple[str, ...]
    told: Callable[[Event], Iterable[Notice]]
    default: Frequency
    text: Callable[[Event, dict], str]
    url: Callable[[Event, dict], str]


def _memberships(**filters):
    """The people of active organisations, narrowed by `filters`."""
    return Membership.objects.filter(organisation__active=True, **filters)


def _people_of(organisation_ids: Iterable[int] | None = None) -> list[int]:
    """The people of the given organisations, or of every active one."""
    memberships = (
        _memberships()
        if organisation_ids is None
        else _memberships(organisation_id__in=organisation_ids)
    )
    return list(memberships.order_by("user_id").values_list("user_id", flat=True).distinct())


def _holders_of(role: str) -> list[int]:
    return list(
        RoleAssignment.objects.filter(role=role)
        .order_by("user_id")
        .values_list("user_id", flat=True)
    )


def _each(user_ids: Iterable[int], event: Event) -> list[Notice]:
    return [Notice(user_id, str(event.pk)) for user_id in user_ids]


# Actions given to organisations: one notice per action, to the people of its owner. Logging the
# workshop again tells nobody twice of the same action, but tells a new owner.
def _action_owners(event: Event) -> list[Notice]:
    actions = [a for a in event.data.get("actions", []) if a.get("owner")]
    people: dict[int, list[int]] = {}
    owners = {a["owner"] for a in actions}
    for organisation_id, user_id in _memberships(organisation_id__in=owners).values_list(
        "organisation_id", "user_id"
    ):
        people.setdefault(organisation_id, []).append(user_id)
    return [
        Notice(user_id, f"{a['item']}:{a['owner']}", {"due": a.get("due")})
        for a in actions
        for user_id in people.get(a["owner"], [])
    ]


def _lead_organisation_people(event: Event) -> list[Notice]:
    lead = Initiative.objects.filter(pk=event.subject_id).values_list(
        "lead_organisation_id", flat=True
    )
    return _each(_people_of(lead), event)


def _evaluators_when_evaluated(event: Event) -> list[Notice]:
    if event.data.get("to") != InitiativeStep.EVALUATION:
        return []
    return _each(_holders_of(PortalRole.EVALUATOR), event)


def _everyone_in_a_member_organisation(event: Event) -> list[Notice]:
    return _each(_people_of(), event)


def _coordinators(event: Event) -> list[Notice]:
    return _each(_holders_of(PortalRole.COORDINATOR), event)


def _who_asked(event: Event) -> list[Notice]:
    asked = event.data.get("requested_by")
    return _each([asked] if asked else [], event)


def _day(value) -> str:
    return date_format(value, "j F Y") if value else ""


def _action_text(event: Event, data: dict) -> str:
    theme = in_language(event, "theme")
    due = _day(parse_date(data.get("due") or ""))
    if due:
        return _(
            "Your organisation was given an action at the workshop “%(theme)s”, due %(due)s."
        ) % {"theme": theme, "due": due}
    return _("Your organisation was given an action at the workshop “%(theme)s”.") % {
        "theme": theme
    }


def _moved_text(event: Event, data: dict) -> str:
    target = event.data.get("to")
    step = InitiativeStep(target).label if target in InitiativeStep else target
    return _("“%(title)s” moved to the step “%(step)s”.") % {
        "title": in_language(event, "title"),
        "step": step,
    }


def _evaluation_text(event: Event, data: dict) -> str:
    return _("“%(title)s” has been carried out and is ready to be evaluated.") % {
        "title": in_language(event, "title")
    }


def _round_text(event: Event, data: dict) -> str:
    closes = _day(data_date(event, "closes_on"))
    title = in_language(event, "title")
    if closes:
        return _("The prioritisation round “%(title)s” is open for scoring until %(date)s.") % {
            "title": title,
            "date": closes,
        }
    return _("The prioritisation round “%(title)s” is open for scoring.") % {"title": title}


def _idea_text(event: Event, data: dict) -> str:
    return _("A resident's idea, “%(title)s”, is confirmed and waits for moderation.") % {
        "title": event.data.get("title", "")
    }


def _report_ready_text(event: Event, data: dict) -> str:
    return _("The report you asked for is ready.")


def _report_failed_text(event: Event, data: dict) -> str:
    return _("The report you asked for could not be made: %(reason)s") % {
        "reason": event.data.get("reason", "")
    }


def _to(viewname: str) -> Callable[[Event, dict], str]:
    return lambda event, data: object_url(viewname, event.subject_id)


def _to_page(viewname: str) -> Callable[[Event, dict], str]:
    return lambda event, data: reverse(viewname)


KINDS: dict[str, Kind] = {
    row.kind: row
    for row in [
        Kind(
            K.ACTION_GIVEN,
            (WorkshopEvent.LOGGED,),
            _action_owners,
            Frequency.AT_ONCE,
            _action_text,
            _to("workshops:detail"),
        ),
        Kind(
            K.INITIATIVE_MOVED,
            (InitiativeEvent.MOVED,),
            _lead_organisation_people,
            Frequency.DAILY,
            _moved_text,
            _to("initiatives:initiative_detail"),
        ),
        Kind(
            K.ROUND_OPENED,
            (PrioritisationEvent.ROUND_OPENED,),
            _everyone_in_a_member_organisation,
            Frequency.AT_ONCE,
            _round_text,
            _to("prioritization:round_detail"),
        ),
        Kind(
            K.IDEA_WAITING,
            (FocusGroupEvent.IDEA_CONFIRMED,),
            _coordinators,
            Frequency.DAILY,
            _idea_text,
            _to_page("prioritization:idea_queue"),
        ),
        Kind(
            K.EVALUATION_REACHED,
            (InitiativeEvent.MOVED,),
            _evaluators_when_evaluated,
            Frequency.AT_ONCE,
            _evaluation_text,
            _to("initiatives:initiative_detail"),
        ),
        Kind(
            K.REPORT_READY,
            ("reports.ready",),
            _who_asked,
            Frequency.AT_ONCE,
            _report_ready_text,
            _to("reports:report_detail"),
        ),
        Kind(
            K.REPORT_FAILED,
            ("reports.failed",),
            _who_asked,
            Frequency.AT_ONCE,
            _report_failed_text,
            _to("reports:report_detail"),
        ),
    ]
}

BY_EVENT_KIND: dict[str, list[Kind]] = {}
for _row in KINDS.values():
    for _event_kind in _row.event_kinds:
        BY_EVENT_KIND.setdefault(_event_kind, []).append(_row)
