"""Reminders: who is to be reminded of what on a day, read from what is due or overdue then.

Each reminder's key names the thing and the day or ISO week it is about, so the job that makes
them may run again the same day (or week) and tell nobody twice. Something that stays overdue
or waiting is told of once a week until it is done. Each kind reads its things through its app's
selectors and then the people to tell, a fixed number of queries whatever the data.
"""

import datetime
from collections.abc import Callable
from operator import attrgetter

from django.utils import timezone

from actors.choices import PortalRole
from actors.i18n import in_every_language
from actors.models import SiteSettings
from focusgroups import selectors as focusgroups
from funding import selectors as funding
from initiatives import selectors as initiatives
from prioritization import selectors as prioritization
from workshops import selectors as workshops

from .choices import NotificationKind
from .kinds import MINUTES_WAIT_DAYS, Notice, holders_of, people_by_organisation
from .models import Notification

K = NotificationKind
DAY = datetime.timedelta(days=1)
ACTION_DUE_SOON_DAYS = 3
ROUND_CLOSING_DAYS = 2
DUTY_DUE_SOON_DAYS = 14
IDEA_WAIT = 2 * DAY
# The council has no answer-by date of its own; a question unanswered this long is chased.
CONSULTATION_ANSWER_DAYS = 14


def week_of(day: datetime.date) -> str:
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"


def _texts(thing, name: str) -> dict:
    """A translated field's texts in every language it has, for the notice to say in its
    reader's."""
    return {key: text[:100] for key, text in in_every_language(thing, name).items()}


def _about(thing, name: str, **days: datetime.date) -> dict:
    """What a notice says of a thing: its id, a translated field, and its dates."""
    return {
        "pk": thing.pk,
        **_texts(thing, name),
        **{key: day.isoformat() for key, day in days.items()},
    }


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


def _action_notices(actions, when: str) -> list[Notice]:
    people = people_by_organisation({action.owner_id for action in actions})
    return [
        Notice(
            user_id,
            f"{action.pk}:{when}",
            {
                "pk": action.workshop_id,
                **_texts(action, "text"),
                **_texts(action.workshop, "theme"),
                "due": action.due.isoformat(),
            },
        )
        for action in actions
        for user_id in people.get(action.owner_id, [])
    ]


def actions_due_soon(today: datetime.date) -> list[Notice]:
    day = today + ACTION_DUE_SOON_DAYS * DAY
    return _action_notices(workshops.actions_due(on=day), day.isoformat())


def _actions_overdue(today: datetime.date) -> list:
    return workshops.actions_due(before=today)


def actions_overdue(today: datetime.date) -> list[Notice]:
    return _action_notices(_actions_overdue(today), week_of(today))


def rounds_closing(today: datetime.date) -> list[Notice]:
    rounds = prioritization.rounds_closing(on=today + ROUND_CLOSING_DAYS * DAY)
    people = people_by_organisation(None) if rounds else {}
    return [
        Notice(
            user_id,
            str(round_.pk),
            _about(round_, "title", closes=round_.closes_on),
        )
        for round_, finished in rounds
        for organisation_id, user_ids in people.items()
        if organisation_id not in finished
        for user_id in user_ids
    ]


def _to_coordinators(things, data_of: Callable, today: datetime.date) -> list[Notice]:
    """One notice a week to each coordinator for each thing still waiting."""
    coordinators = holders_of(PortalRole.COORDINATOR)
    return [
        Notice(user_id, f"{thing.pk}:{week_of(today)}", data_of(thing))
        for thing in things
        for user_id in coordinators
    ]


def _ideas_waiting_long(today: datetime.date) -> list:
    return focusgroups.ideas_awaiting_since(before=_start_of(today - IDEA_WAIT))


def ideas_waiting_long(today: datetime.date) -> list[Notice]:
    return _to_coordinators(
        _ideas_waiting_long(today),
        lambda idea: {
            "title": idea.title,
            "since": timezone.localdate(idea.confirmed_at).isoformat(),
        },
        today,
    )


def _waiting(find: Callable, name: str, day_key: str, day_of: Callable) -> Callable:
    """A coordinators' reminder of the things `find(today)` reads as still waiting, telling of
    each its translated field `name` and its date `day_of(thing)`."""

    def remind(today: datetime.date) -> list[Notice]:
        return _to_coordinators(
            find(today), lambda thing: _about(thing, name, **{day_key: day_of(thing)}), today
        )

    return remind


def _consultations_unanswered(today: datetime.date) -> list:
    return focusgroups.consultations_unanswered(asked_before=today - CONSULTATION_ANSWER_DAYS * DAY)


def _parked_items_due(today: datetime.date) -> list:
    return workshops.parked_items_due(on=today, limit=None)


def _minutes_unpublished(today: datetime.date) -> list:
    return workshops.minutes_unpublished(held_by=today - MINUTES_WAIT_DAYS * DAY)


consultations_unanswered = _waiting(
    _consultations_unanswered, "question", "asked", attrgetter("asked_on")
)
parked_items_due = _waiting(_parked_items_due, "text", "look", attrgetter("look_again_on"))
minutes_unpublished = _waiting(_minutes_unpublished, "theme", "held", attrgetter("date"))


def _duty_notices(duties, when: Callable) -> list[Notice]:
    treasurers = holders_of(PortalRole.TREASURER)
    return [
        Notice(
            user_id,
            f"{duty.pk}:{when(duty)}",
            {
                "pk": duty.grant_id,
                "report": duty.description,
                "funder": duty.grant.funder.organisation.name,
                "due": duty.due_on.isoformat(),
            },
        )
        for duty in duties
        for user_id in treasurers
    ]


def duties_due_soon(today: datetime.date) -> list[Notice]:
    day = today + DUTY_DUE_SOON_DAYS * DAY
    return _duty_notices(funding.duties_unreported(on=day), lambda duty: day.isoformat())


def _duties_overdue(today: datetime.date) -> list:
    return funding.duties_unreported(before=today)


def duties_overdue(today: datetime.date) -> list[Notice]:
    return _duty_notices(_duties_overdue(today), lambda duty: week_of(today))


# Initiatives that stand still, told of to their lead organisation's people each week until they
# move on or report; the limits are the collaboration's own (actors.SiteSettings).
def _initiatives_stalled(today: datetime.date) -> list:
    limit = SiteSettings.current().step_limit_days
    return initiatives.initiatives_stalled(before=_start_of(today - limit * DAY))


def _follow_ups_due(today: datetime.date) -> list:
    every = SiteSettings.current().follow_up_every_days
    return initiatives.initiatives_follow_up_due(before=today - every * DAY)


def _to_lead_organisations(initiatives_found, key_of: Callable, data_of: Callable) -> list[Notice]:
    people = people_by_organisation({i.lead_organisation_id for i in initiatives_found})
    return [
        Notice(user_id, key_of(initiative), {"pk": initiative.pk, **data_of(initiative)})
        for initiative in initiatives_found
        for user_id in people.get(initiative.lead_organisation_id, [])
    ]


def initiatives_stalled(today: datetime.date) -> list[Notice]:
    week = week_of(today)

    def data_of(initiative) -> dict:
        entered = timezone.localdate(initiative.entered)
        return {
            **_texts(initiative, "title"),
            "step": initiative.step,
            "since": entered.isoformat(),
            "days": (today - entered).days,
        }

    return _to_lead_organisations(
        _initiatives_stalled(today), lambda i: f"{i.pk}:{i.step}:{week}", data_of
    )


def follow_ups_due(today: datetime.date) -> list[Notice]:
    week = week_of(today)
    return _to_lead_organisations(
        _follow_ups_due(today),
        lambda initiative: f"{initiative.pk}:{week}",
        lambda initiative: {
            **_texts(initiative, "title"),
            "reported_to": initiative.reported_to and initiative.reported_to.isoformat(),
            "since": initiative.since.isoformat(),
        },
    )


# Each Monday, every coordinator gets how many things each of these reminders finds overdue or
# waiting, read by the reminders' own finders.
OVERDUE: dict[str, Callable[[datetime.date], list]] = {
    K.ACTION_OVERDUE: _actions_overdue,
    K.IDEA_WAITING_LONG: _ideas_waiting_long,
    K.CONSULTATION_UNANSWERED: _consultations_unanswered,
    K.PARKED_ITEM_DUE: _parked_items_due,
    K.MINUTES_UNPUBLISHED: _minutes_unpublished,
    K.DUTY_OVERDUE: _duties_overdue,
    K.INITIATIVE_STALLED: _initiatives_stalled,
    K.FOLLOW_UP_DUE: _follow_ups_due,
}
MONDAY = 0


def overdue_summary(today: datetime.date) -> list[Notice]:
    if today.weekday() != MONDAY:
        return []
    counts = {kind: len(find(today)) for kind, find in OVERDUE.items()}
    if not any(counts.values()):
        return []
    data = {"day": today.isoformat(), "counts": counts}
    return [Notice(user_id, week_of(today), data) for user_id in holders_of(PortalRole.COORDINATOR)]


# The workshops, for the people of member organisations.
WORKSHOP_AHEAD_DAYS = 7


def workshops_next_week(today: datetime.date) -> list[Notice]:
    """Each workshop planned a week from today, told to every person of an active member
    organisation with what it is to be about. The key names the workshop and its day: a
    workshop moved to another day is told of again when that day is a week away, and a
    cancelled one is not planned any more."""
    coming = workshops.workshops_planned(on=today + WORKSHOP_AHEAD_DAYS * DAY)
    people = people_by_organisation(None) if coming else {}
    user_ids = sorted({user_id for user_ids in people.values() for user_id in user_ids})
    return [
        Notice(
            user_id,
            f"{workshop.pk}:{workshop.date.isoformat()}",
            {
                "pk": workshop.pk,
                **in_every_language(workshop, "theme", "agenda"),
                "starts": workshop.starts_at.isoformat(),
                "ends": workshop.ends.isoformat(),
                "place": workshop.place,
            },
        )
        for workshop in coming
        for user_id in user_ids
    ]


REMINDERS: dict[str, Callable[[datetime.date], list[Notice]]] = {
    K.ACTION_DUE_SOON: actions_due_soon,
    K.ACTION_OVERDUE: actions_overdue,
    K.ROUND_CLOSING: rounds_closing,
    K.IDEA_WAITING_LONG: ideas_waiting_long,
    K.CONSULTATION_UNANSWERED: consultations_unanswered,
    K.PARKED_ITEM_DUE: parked_items_due,
    K.MINUTES_UNPUBLISHED: minutes_unpublished,
    K.DUTY_DUE_SOON: duties_due_soon,
    K.DUTY_OVERDUE: duties_overdue,
    K.WORKSHOP_NEXT_WEEK: workshops_next_week,
    K.INITIATIVE_STALLED: initiatives_stalled,
    K.FOLLOW_UP_DUE: follow_ups_due,
    K.OVERDUE_SUMMARY: overdue_summary,
}


def reminders_due(today: datetime.date) -> list[Notification]:
    """Every reminder owed on the day `today` (Stockholm's date), made or not."""
    return [
        Notification(
            recipient_id=notice.user_id,
            kind=kind,
            key=f"{kind}:{notice.key}"[:120],
            data=notice.data,
        )
        for kind, find in REMINDERS.items()
        for notice in find(today)
    ]
