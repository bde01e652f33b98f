"""Who is told what: one row per kind of notification, each naming the events it is made from,
who is told of one (a function of the event; for a reminder, `reminders` says who), how often
it is mailed unless the person chose otherwise, and what the person reads and where the notice
leads.

Each row reads the event's data, and the apps below for who belongs where; it never imports the
apps on its own floor or above (a report's page is found by its URL name).
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.formats import date_format, time_format
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from actors.choices import PortalRole
from actors.events import data_date, in_language
from actors.formats import sek
from actors.i18n import in_active_language
from actors.links import object_url
from actors.models import Event, Membership, RoleAssignment
from actors.permissions import MEMBER, roles_of
from focusgroups.choices import FocusGroupEvent
from funding.choices import FundingEvent
from initiatives.choices import InitiativeEvent, InitiativeStep
from initiatives.models import Initiative, step_name
from prioritization.choices import PrioritisationEvent
from workshops import calendar
from workshops.choices import MinutesState, WorkshopEvent
from workshops.models import Workshop

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
class CalendarFile:
    """The calendar file of the meeting a notice tells of: attached to the notice's mail when it
    is mailed at once, linked from a digest, which carries no files."""

    # Given the data of the notices about to be mailed, reads what their files need in one go
    # and returns, for one notice's data, its file as the outbox keeps it ({"filename",
    # "content_type", "content"}), built in the active language; None if the meeting is gone.
    read: Callable[[list[dict]], Callable[[dict], dict | None]]
    viewname: str  # where the file is served, by the notice's "pk"


@dataclass(frozen=True)
class Link:
    """One more thing a notice points to, beside where the notice itself leads."""

    text: str
    url: str


def _no_links(event: Event | None, data: dict) -> list[Link]:
    return []


@dataclass(frozen=True)
class Kind:
    kind: NotificationKind
    event_kinds: tuple[str, ...]
    # None for a reminder, made by `reminders` from what is due on a day rather than by an event.
    # Who belongs where is read from the event's `Batch`, not looked up for each event.
    told: Callable[[Event, "Batch"], Iterable[Notice]] | None
    default: Frequency
    text: Callable[[Event, dict], str]
    url: Callable[[Event, dict], str]
    # The roles (actors.permissions.roles_of) of the people a notice of this kind may be for:
    # the preferences offer each person only the kinds that can concern them.
    audience: frozenset[str]
    # A notice that gathers several things (a summary) points to the page of each.
    links: Callable[[Event | None, dict], list[Link]] = _no_links
    calendar: CalendarFile | None = None


def _memberships(**filters):
    """The people of active organisations, narrowed by `filters`."""
    return Membership.objects.filter(organisation__active=True, **filters)


def _memberships_of(organisation_ids: Iterable[int] | None):
    if organisation_ids is None:
        return _memberships()
    return _memberships(organisation_id__in=organisation_ids)


def people_by_organisation(organisation_ids: Iterable[int] | None) -> dict[int, list[int]]:
    """The people of each of the given organisations that is active, or of every active one
    (one query)."""
    memberships = _memberships_of(organisation_ids)
    people: dict[int, list[int]] = {}
    for organisation_id, user_id in memberships.values_list("organisation_id", "user_id"):
        people.setdefault(organisation_id, []).append(user_id)
    return people


def holders_of(role: str) -> list[int]:
    return list(
        RoleAssignment.objects.filter(role=role)
        .order_by("user_id")
        .values_list("user_id", flat=True)
    )


class Batch:
    """Who belongs where, looked up once for a batch of events, each the first time a `told`
    function asks: a batch then takes the same queries however many events it holds and however
    many people they concern."""

    def __init__(self, events: Iterable[Event]):
        self.events = list(events)

    @cached_property
    def people_by_organisation(self) -> dict[int, list[int]]:
        """The people of every active organisation (one query)."""
        return people_by_organisation(None)

    @cached_property
    def everyone(self) -> list[int]:
        """The people of every active organisation, each once."""
        return self.people_of(self.people_by_organisation)

    def people_of(self, organisation_ids: Iterable[int]) -> list[int]:
        """The people of the given organisations that are active, each once."""
        people = self.people_by_organisation
        return sorted({user for org in organisation_ids for user in people.get(org, [])})

    @cached_property
    def holders(self) -> dict[str, list[int]]:
        """The holders of each portal role (one query)."""
        holders: dict[str, list[int]] = {}
        for role, user_id in RoleAssignment.objects.order_by("user_id").values_list(
            "role", "user_id"
        ):
            holders.setdefault(role, []).append(user_id)
        return holders

    @cached_property
    def lead_organisations(self) -> dict[int, int | None]:
        """The lead organisation of each initiative an event of the batch moved (one query)."""
        moved = {e.subject_id for e in self.events if e.kind == InitiativeEvent.MOVED}
        return dict(
            Initiative.objects.filter(pk__in=moved).values_list("pk", "lead_organisation_id")
        )


def _each(user_ids: Iterable[int], event: Event) -> list[Notice]:
    return [Notice(user_id, str(event.pk)) for user_id in user_ids]


# Actions given to organisations: one notice per action, to the people of its owner. Logging the
# workshop again tells nobody twice of the same action, but tells a new owner.
def _action_owners(event: Event, batch: Batch) -> list[Notice]:
    actions = [a for a in event.data.get("actions", []) if a.get("owner")]
    people = batch.people_by_organisation
    return [
        Notice(
            user_id,
            f"{a['item']}:{a['owner']}",
            # The action's text in every language the event kept it in (`in_every_language`).
            {"due": a.get("due"), **{k: v for k, v in a.items() if k.startswith("text_")}},
        )
        for a in actions
        for user_id in people.get(a["owner"], [])
    ]


def _lead_organisation_people(event: Event, batch: Batch) -> list[Notice]:
    lead = batch.lead_organisations.get(event.subject_id)
    return _each(batch.people_by_organisation.get(lead, []), event)


def _evaluators_when_evaluated(event: Event, batch: Batch) -> list[Notice]:
    if event.data.get("to") != InitiativeStep.EVALUATION:
        return []
    return _each(batch.holders.get(PortalRole.EVALUATOR, []), event)


def _everyone_in_a_member_organisation(event: Event, batch: Batch) -> list[Notice]:
    return _each(batch.everyone, event)


def _coordinators(event: Event, batch: Batch) -> list[Notice]:
    return _each(batch.holders.get(PortalRole.COORDINATOR, []), event)


def _treasurers(event: Event, batch: Batch) -> list[Notice]:
    return _each(batch.holders.get(PortalRole.TREASURER, []), event)


def _people_of_the_asking_organisation(event: Event, batch: Batch) -> list[Notice]:
    return _each(batch.people_of([event.data["lead_organisation"]]), event)


def _who_asked(event: Event, batch: Batch) -> list[Notice]:
    asked = event.data.get("requested_by")
    return _each([asked] if asked else [], event)


def _day(value) -> str:
    return date_format(value, "j F Y") if value else ""


def _in(data: dict, name: str) -> str:
    """`<name>_<language>` of a notice's own data in the active language, else the Swedish."""
    return in_active_language(name, lambda key: data.get(key) or "")


def _action_text(event: Event, data: dict) -> str:
    words = {
        "theme": in_language(event, "theme"),
        "action": _in(data, "text"),
        "due": _day(parse_date(data.get("due") or "")),
    }
    if words["due"]:
        return (
            _(
                "Your organisation was given the action “%(action)s” at the workshop "
                "“%(theme)s”, due %(due)s."
            )
            % words
        )
    return (
        _("Your organisation was given the action “%(action)s” at the workshop “%(theme)s”.")
        % words
    )


def _moved_text(event: Event, data: dict) -> str:
    target = event.data.get("to")
    step = step_name(target)
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


def _money(event: Event, key: str) -> str:
    return sek(Decimal(event.data[key]))


def _allocation_requested_text(event: Event, data: dict) -> str:
    return _("%(organisation)s asks the fund for %(amount)s SEK for “%(title)s”.") % {
        "organisation": event.data.get("organisation", ""),
        "amount": _money(event, "amount"),
        "title": in_language(event, "title"),
    }


def _allocation_answered_text(event: Event, data: dict) -> str:
    if event.kind == FundingEvent.REQUEST_GRANTED:
        return _("The fund granted %(amount)s SEK to “%(title)s”.") % {
            "amount": _money(event, "granted"),
            "title": in_language(event, "title"),
        }
    return _("The fund declined the request of %(amount)s SEK for “%(title)s”: %(reason)s") % {
        "amount": _money(event, "amount"),
        "title": in_language(event, "title"),
        "reason": event.data.get("reason", ""),
    }


# Reminders carry what they say in their data: they are made from no event.
def _data_day(data: dict, key: str) -> str:
    return _day(parse_date(data.get(key) or ""))


def _action_due_soon_text(event: None, data: dict) -> str:
    return _("The action “%(action)s” from the workshop “%(theme)s” is due %(due)s.") % {
        "action": _in(data, "text"),
        "theme": _in(data, "theme"),
        "due": _data_day(data, "due"),
    }


def _action_overdue_text(event: None, data: dict) -> str:
    return _(
        "The action “%(action)s” from the workshop “%(theme)s” was due %(due)s and is not done."
    ) % {"action": _in(data, "text"), "theme": _in(data, "theme"), "due": _data_day(data, "due")}


def _round_closing_text(event: None, data: dict) -> str:
    return _(
        "The prioritisation round “%(title)s” closes %(date)s, and your organisation has not "
        "scored every need yet."
    ) % {"title": _in(data, "title"), "date": _data_day(data, "closes")}


def _idea_waiting_long_text(event: None, data: dict) -> str:
    return _("A resident's idea, “%(title)s”, has waited for moderation since %(date)s.") % {
        "title": data.get("title", ""),
        "date": _data_day(data, "since"),
    }


def _consultation_text(event: None, data: dict) -> str:
    return _("The residents' council has not answered “%(question)s”, asked %(date)s.") % {
        "question": _in(data, "question"),
        "date": _data_day(data, "asked"),
    }


def _parked_item_text(event: None, data: dict) -> str:
    return _("The parked item “%(text)s” was to be looked at again on %(date)s.") % {
        "text": _in(data, "text"),
        "date": _data_day(data, "look"),
    }


def _minutes_text(event: None, data: dict) -> str:
    return _("The minutes of the workshop “%(theme)s” on %(date)s are not published yet.") % {
        "theme": _in(data, "theme"),
        "date": _data_day(data, "held"),
    }


def _duty(data: dict) -> dict:
    return {
        "report": data.get("report", ""),
        "funder": data.get("funder", ""),
        "date": _data_day(data, "due"),
    }


def _duty_due_soon_text(event: None, data: dict) -> str:
    return _("The report “%(report)s” to %(funder)s is due %(date)s.") % _duty(data)


def _duty_overdue_text(event: None, data: dict) -> str:
    return _("The report “%(report)s” to %(funder)s was due %(date)s and is not sent.") % _duty(
        data
    )


# The workshops, for the people of member organisations.
# Draft minutes are published this many days after their workshop (the coordinators' rule, of
# which `reminders` reminds them): until then the organisations that came comment on the draft.
MINUTES_WAIT_DAYS = 7


def _who_came_to_draft_minutes(event: Event, batch: Batch) -> list[Notice]:
    """The people of the organisations that came, asked to comment on the draft minutes. A log
    that leaves the minutes published, or comes after the week of comments, asks nobody; a log
    recorded again asks only the people of an organisation added to those that came."""
    held = data_date(event, "starts_at")
    if event.data.get("minutes") != MinutesState.DRAFT or held is None:
        return []
    publish = held + datetime.timedelta(days=MINUTES_WAIT_DAYS)
    if publish < timezone.localdate():
        return []
    return [
        Notice(user_id, str(event.subject_id), {"publish": publish.isoformat()})
        for user_id in batch.people_of(event.data.get("attended") or [])
    ]


def _minutes_draft_text(event: Event, data: dict) -> str:
    words = {"theme": in_language(event, "theme"), "date": _data_day(data, "publish")}
    return (
        _(
            "The draft minutes of the workshop “%(theme)s” wait for your organisation's "
            "comments until they are published on %(date)s."
        )
        % words
    )


def _to_comments(event: Event, data: dict) -> str:
    return object_url("workshops:detail", event.subject_id) + "#comments-title"


def _workshop_next_week_text(event: None, data: dict) -> str:
    starts, ends = (timezone.localtime(parse_datetime(data[key])) for key in ("starts", "ends"))
    words = {
        "theme": _in(data, "theme"),
        "date": _day(starts),
        "start": time_format(starts, "H:i"),
        "end": time_format(ends, "H:i"),
        "place": data.get("place", ""),
    }
    if words["place"]:
        text = _(
            "Next week's workshop, “%(theme)s”, is on %(date)s, %(start)s–%(end)s, at %(place)s."
        )
    else:
        text = _("Next week's workshop, “%(theme)s”, is on %(date)s, %(start)s–%(end)s.")
    agenda = _in(data, "agenda").strip()
    if not agenda:
        return text % words
    heading = _("Agenda:")
    return f"{text % words}\n{heading}\n{agenda}"


def _workshop_calendars(notices: list[dict]) -> Callable[[dict], dict | None]:
    """The calendar file of each workshop the notices tell of: the workshops read in one query,
    each file built once per language."""
    workshops = Workshop.objects.in_bulk({data["pk"] for data in notices})
    built: dict[tuple[int, str], dict] = {}

    def file_of(data: dict) -> dict | None:
        workshop = workshops.get(data["pk"])
        if workshop is None:
            return None
        key = (workshop.pk, get_language())
        if key not in built:
            built[key] = {
                "filename": calendar.file_name(workshop),
                "content_type": "text/calendar",
                "content": calendar.build([workshop]).decode(),
            }
        return built[key]

    return file_of


# Initiatives that stand still, and the coordinators' weekly summary of what is overdue.
def _initiative_stalled_text(event: None, data: dict) -> str:
    step = data.get("step", "")
    days = data.get("days", 0)
    return ngettext(
        "“%(title)s” has stood at the step “%(step)s” for %(days)s day, since %(date)s.",
        "“%(title)s” has stood at the step “%(step)s” for %(days)s days, since %(date)s.",
        days,
    ) % {
        "title": _in(data, "title"),
        "step": step_name(step),
        "days": days,
        "date": _data_day(data, "since"),
    }


def _follow_up_due_text(event: None, data: dict) -> str:
    title = _in(data, "title")
    if data.get("reported_to"):
        return _(
            "A follow-up report on “%(title)s” is due: the latest reported up to %(date)s."
        ) % {"title": title, "date": _data_day(data, "reported_to")}
    return _(
        "A follow-up report on “%(title)s” is due: none is written since it began to be "
        "carried out on %(date)s."
    ) % {"title": title, "date": _data_day(data, "since")}


def _overdue_summary_text(event: None, data: dict) -> str:
    return _("What is overdue or waiting in the collaboration on %(date)s:") % {
        "date": _data_day(data, "day")
    }


def _page(viewname: str, query: str = "") -> Callable[[], str]:
    return lambda: reverse(viewname) + query


# Per kind of reminder the summary counts: how to say the count, and the page where it is dealt
# with, in the order the summary lists them.
SUMMARISED: dict[str, tuple[Callable[[int], str], Callable[[], str]]] = {
    K.ACTION_OVERDUE: (
        lambda n: ngettext("%(count)s overdue action", "%(count)s overdue actions", n),
        _page("workshops:actions"),
    ),
    K.IDEA_WAITING_LONG: (
        lambda n: ngettext(
            "%(count)s idea waiting for moderation more than 2 days",
            "%(count)s ideas waiting for moderation more than 2 days",
            n,
        ),
        _page("prioritization:idea_queue"),
    ),
    K.CONSULTATION_UNANSWERED: (
        lambda n: ngettext(
            "%(count)s unanswered consultation of the residents' council",
            "%(count)s unanswered consultations of the residents' council",
            n,
        ),
        _page("focusgroups:consultation_list"),
    ),
    K.PARKED_ITEM_DUE: (
        lambda n: ngettext(
            "%(count)s parked item due for a new look",
            "%(count)s parked items due for a new look",
            n,
        ),
        _page("workshops:parking_lot"),
    ),
    K.MINUTES_UNPUBLISHED: (
        lambda n: ngettext(
            "%(count)s workshop whose minutes are unpublished",
            "%(count)s workshops whose minutes are unpublished",
            n,
        ),
        _page("workshops:list"),
    ),
    K.DUTY_OVERDUE: (
        lambda n: ngettext(
            "%(count)s overdue report to a funder", "%(count)s overdue reports to funders", n
        ),
        _page("funding:overview"),
    ),
    K.INITIATIVE_STALLED: (
        lambda n: ngettext(
            "%(count)s initiative standing still at one step",
            "%(count)s initiatives standing still at one step",
            n,
        ),
        _page("initiatives:pipeline"),
    ),
    K.FOLLOW_UP_DUE: (
        lambda n: ngettext(
            "%(count)s initiative with a follow-up report due",
            "%(count)s initiatives with a follow-up report due",
            n,
        ),
        _page("initiatives:initiative_list", f"?step={InitiativeStep.EXECUTION}"),
    ),
}


def _overdue_summary_links(event: None, data: dict) -> list[Link]:
    counts = data.get("counts", {})
    return [
        Link(say(counts[kind]) % {"count": counts[kind]}, url())
        for kind, (say, url) in SUMMARISED.items()
        if counts.get(kind)
    ]


def _to_thing(viewname: str) -> Callable[[None, dict], str]:
    return lambda event, data: object_url(viewname, data["pk"])


def _to(viewname: str) -> Callable[[Event, dict], str]:
    return lambda event, data: object_url(viewname, event.subject_id)


def _to_page(viewname: str) -> Callable[[Event, dict], str]:
    return lambda event, data: reverse(viewname)


def _to_initiative(event: Event, data: dict) -> str:
    return object_url("initiatives:initiative_detail", event.data["initiative"])


MEMBERS = frozenset({MEMBER})
COORDINATORS = frozenset({PortalRole.COORDINATOR})
TREASURERS = frozenset({PortalRole.TREASURER})
EVALUATORS = frozenset({PortalRole.EVALUATOR})
# Who may ask for a report (reports.permissions.REPORT_ROLES), and so hear it is ready.
ASKERS = frozenset({PortalRole.EVALUATOR, PortalRole.COORDINATOR})

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
            MEMBERS,
        ),
        Kind(
            K.INITIATIVE_MOVED,
            (InitiativeEvent.MOVED,),
            _lead_organisation_people,
            Frequency.DAILY,
            _moved_text,
            _to("initiatives:initiative_detail"),
            MEMBERS,
        ),
        Kind(
            K.ROUND_OPENED,
            (PrioritisationEvent.ROUND_OPENED,),
            _everyone_in_a_member_organisation,
            Frequency.AT_ONCE,
            _round_text,
            _to("prioritization:round_detail"),
            MEMBERS,
        ),
        Kind(
            K.IDEA_WAITING,
            (FocusGroupEvent.IDEA_CONFIRMED,),
            _coordinators,
            Frequency.DAILY,
            _idea_text,
            _to_page("prioritization:idea_queue"),
            COORDINATORS,
        ),
        Kind(
            K.EVALUATION_REACHED,
            (InitiativeEvent.MOVED,),
            _evaluators_when_evaluated,
            Frequency.AT_ONCE,
            _evaluation_text,
            _to("initiatives:initiative_detail"),
            EVALUATORS,
        ),
        Kind(
            K.REPORT_READY,
            ("reports.ready",),
            _who_asked,
            Frequency.AT_ONCE,
            _report_ready_text,
            _to("reports:report_detail"),
            ASKERS,
        ),
        Kind(
            K.REPORT_FAILED,
            ("reports.failed",),
            _who_asked,
            Frequency.AT_ONCE,
            _report_failed_text,
            _to("reports:report_detail"),
            ASKERS,
        ),
        Kind(
            K.ALLOCATION_REQUESTED,
            (FundingEvent.ALLOCATION_REQUESTED,),
            _treasurers,
            Frequency.AT_ONCE,
            _allocation_requested_text,
            _to("funding:request_detail"),
            TREASURERS,
        ),
        Kind(
            K.ALLOCATION_ANSWERED,
            (FundingEvent.REQUEST_GRANTED, FundingEvent.REQUEST_DECLINED),
            _people_of_the_asking_organisation,
            Frequency.AT_ONCE,
            _allocation_answered_text,
            _to_initiative,
            MEMBERS,
        ),
        Kind(
            K.ACTION_DUE_SOON,
            (),
            None,
            Frequency.AT_ONCE,
            _action_due_soon_text,
            _to_thing("workshops:detail"),
            MEMBERS,
        ),
        Kind(
            K.ACTION_OVERDUE,
            (),
            None,
            Frequency.AT_ONCE,
            _action_overdue_text,
            _to_thing("workshops:detail"),
            MEMBERS,
        ),
        Kind(
            K.ROUND_CLOSING,
            (),
            None,
            Frequency.AT_ONCE,
            _round_closing_text,
            _to_thing("prioritization:round_detail"),
            MEMBERS,
        ),
        Kind(
            K.IDEA_WAITING_LONG,
            (),
            None,
            Frequency.DAILY,
            _idea_waiting_long_text,
            _to_page("prioritization:idea_queue"),
            COORDINATORS,
        ),
        Kind(
            K.CONSULTATION_UNANSWERED,
            (),
            None,
            Frequency.DAILY,
            _consultation_text,
            _to_thing("focusgroups:consultation_detail"),
            COORDINATORS,
        ),
        Kind(
            K.PARKED_ITEM_DUE,
            (),
            None,
            Frequency.DAILY,
            _parked_item_text,
            _to_page("workshops:parking_lot"),
            COORDINATORS,
        ),
        Kind(
            K.MINUTES_UNPUBLISHED,
            (),
            None,
            Frequency.DAILY,
            _minutes_text,
            _to_thing("workshops:detail"),
            COORDINATORS,
        ),
        Kind(
            K.DUTY_DUE_SOON,
            (),
            None,
            Frequency.AT_ONCE,
            _duty_due_soon_text,
            _to_thing("funding:grant_detail"),
            TREASURERS,
        ),
        Kind(
            K.DUTY_OVERDUE,
            (),
            None,
            Frequency.AT_ONCE,
            _duty_overdue_text,
            _to_thing("funding:grant_detail"),
            TREASURERS,
        ),
        # The workshops, for the people of member organisations.
        Kind(
            K.MINUTES_DRAFT,
            (WorkshopEvent.LOGGED,),
            _who_came_to_draft_minutes,
            Frequency.DAILY,
            _minutes_draft_text,
            _to_comments,
            MEMBERS,
        ),
        Kind(
            K.WORKSHOP_NEXT_WEEK,
            (),
            None,
            Frequency.AT_ONCE,
            _workshop_next_week_text,
            _to_thing("workshops:detail"),
            MEMBERS,
            calendar=CalendarFile(_workshop_calendars, "workshops:ics"),
        ),
        Kind(
            K.INITIATIVE_STALLED,
            (),
            None,
            Frequency.AT_ONCE,
            _initiative_stalled_text,
            _to_thing("initiatives:initiative_detail"),
            MEMBERS,
        ),
        Kind(
            K.FOLLOW_UP_DUE,
            (),
            None,
            Frequency.AT_ONCE,
            _follow_up_due_text,
            _to_thing("initiatives:follow_up_create"),
            MEMBERS,
        ),
        Kind(
            K.OVERDUE_SUMMARY,
            (),
            None,
            Frequency.AT_ONCE,
            _overdue_summary_text,
            _to_page("portal:dashboard"),
            COORDINATORS,
            _overdue_summary_links,
        ),
    ]
}

BY_EVENT_KIND: dict[str, list[Kind]] = {}
for _row in KINDS.values():
    for _event_kind in _row.event_kinds:
        BY_EVENT_KIND.setdefault(_event_kind, []).append(_row)


def kinds_for(user) -> list[Kind]:
    """The kinds that can concern this person, by the roles they hold now."""
    roles = roles_of(user)
    return [kind for kind in KINDS.values() if kind.audience & roles]
