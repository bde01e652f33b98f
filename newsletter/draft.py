"""The automatic draft: what happened since the last edition, read from the event stream.

Each section names the public events it tells, in the order a reader wants them; the apps'
tellers say what each event was, in the language of the draft. The next planned workshop closes
it. Two queries, however much happened.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Q
from django.utils import formats, timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from actors.events import Told, public_events, tell
from actors.links import absolute_url
from actors.models import Event
from funding.choices import FundingEvent
from initiatives.choices import InitiativeEvent, InitiativeStep
from prioritization.choices import PrioritisationEvent
from prioritization.timeline import prioritised_needs
from workshops.choices import WorkshopEvent
from workshops.selectors import next_workshop


def _told(event: Event) -> list[Told]:
    return [tell(event)]


@dataclass(frozen=True)
class Section:
    """A heading of the draft and the events it lists: of one kind, holding the given data."""

    heading: Promise
    kind: str
    holding: dict = field(default_factory=dict)
    lines: Callable[[Event], list[Told]] = _told

    def matches(self, event: Event) -> bool:
        return event.kind == self.kind and all(
            event.data.get(key) == value for key, value in self.holding.items()
        )

    @property
    def condition(self) -> Q:
        return Q(kind=self.kind, **{f"data__{key}": value for key, value in self.holding.items()})


SECTIONS = (
    Section(gettext_lazy("Workshops held"), WorkshopEvent.MINUTES_PUBLISHED),
    Section(gettext_lazy("Prioritisation rounds closed"), PrioritisationEvent.ROUND_CLOSED),
    Section(
        gettext_lazy("Needs prioritised"),
        PrioritisationEvent.ROUND_CLOSED,
        lines=prioritised_needs,
    ),
    Section(gettext_lazy("Decisions taken"), InitiativeEvent.DECIDED),
    Section(gettext_lazy("Initiatives funded"), FundingEvent.ALLOCATED),
    Section(
        gettext_lazy("Initiatives completed"),
        InitiativeEvent.MOVED,
        holding={"to": InitiativeStep.COMPLETED.value},
    ),
)


def news_since(since: datetime) -> list[Event]:
    """The public events the draft tells, oldest first. One query."""
    wanted = Q()
    for section in SECTIONS:
        wanted |= section.condition
    return list(public_events().filter(wanted, at__gte=since).order_by("at", "pk"))


def _sections(since: datetime) -> list[tuple[str, list[Told]]]:
    """Each heading with its lines, in the active language; headings without news left out."""
    news = news_since(since)
    found = [
        (
            str(section.heading),
            [told for e in news if section.matches(e) for told in section.lines(e)],
        )
        for section in SECTIONS
    ]
    upcoming = next_workshop()
    if upcoming is not None:
        when = formats.date_format(timezone.localtime(upcoming.starts_at), "j F H:i")
        title = _("Next workshop %(date)s: %(theme)s") % {"date": when, "theme": upcoming.theme}
        found.append(
            (_("Next workshop"), [Told(title, upcoming.get_absolute_url(), upcoming.place)])
        )
    return [(heading, lines) for heading, lines in found if lines]


def _line(told: Told) -> str:
    title = " ".join(told.title.split())
    entry = f"- [{title}]({absolute_url(told.url)})" if told.url else f"- {title}"
    text = " ".join(told.text.split())
    return f"{entry}: {text}" if text else entry


def compose(*, since: datetime, language: str) -> tuple[str, str]:
    """Subject and Markdown body of the draft in one language."""
    with translation.override(language):
        date = formats.date_format(since, "j F Y")
        subject = _("News since %(date)s") % {"date": date}
        sections = _sections(since)
        if not sections:
            body = _(
                "**Nothing new has been recorded in the portal since %(date)s.** "
                "Write what you want to tell residents here, or wait until there is news."
            ) % {"date": date}
            return subject, body
        lines = [_("Here is what has happened since %(date)s.") % {"date": date}, ""]
        for heading, told in sections:
            lines += [f"## {heading}", "", *(_line(item) for item in told), ""]
        return subject, "\n".join(lines).strip() + "\n"
