"""Demo data for the workshops: a year (per `scale`) of biweekly workshops in Husby.

Workshops fall every other Wednesday, in step with a fixed Wednesday, so the same day always
gives the same rows: every row is keyed on a natural key (the workshop's start; the
workshop and organisation; the workshop, kind and position) and loading twice changes nothing.
The texts are made up for the demo, in Swedish and English.
"""

import datetime
import random

from django.utils import timezone

from actors.models import Organisation

from .choices import (
    ItemKind,
    MinutesState,
    SuggestionStatus,
    SwotHeading,
    WorkshopFormat,
    WorkshopStatus,
)
from .models import Attendance, ThemeSuggestion, Workshop, WorkshopItem

# One workshop day: the others fall whole fortnights before or after it.
A_WORKSHOP_WEDNESDAY = datetime.date(2020, 1, 8)
START, END = datetime.time(16, 0), datetime.time(18, 0)
PLACE = "Folkets Husby, stora salen"

# How likely each demo organisation is to come: attendance is meant to be uneven.
TURNOUT = {
    "folkets-husby": 0.95,
    "husby-ff": 0.7,
    "bk-jarva": 0.45,
    "radda-barnen": 0.8,
    "galdem-a-talk": 0.5,
    "stadsmissionen": 0.6,
    "jarvaskolan": 0.35,
    "loparakademin": 0.4,
    "region-stockholm": 0.25,
    "rise": 0.3,
}

THEMES = [
    ("Trygga vägar hem på kvällen", "Safe ways home in the evening"),
    ("Fritid för 13–16-åringar efter skolan", "After-school leisure for 13–16-year-olds"),
    ("Psykisk hälsa bland unga", "Young people's mental health"),
    ("Föräldrar som resurs", "Parents as a resource"),
    ("Sommarjobb och första jobbet", "Summer jobs and the first job"),
    ("Rörelse och idrott för tjejer", "Exercise and sport for girls"),
    ("Återkoppling till Husbyrådet", "Reporting back to Husbyrådet"),
    ("Vad säger fokusgrupperna?", "What do the focus groups say?"),
    ("Gemensam finansiering: läget", "Pooled funding: where we stand"),
    ("Utvärdering med RISE", "Evaluation with RISE"),
    ("Mötesplatser för äldre grannar", "Meeting places for older neighbours"),
    ("Hur når vi fler boende?", "How do we reach more residents?"),
    ("Utvärdering av vårt samarbete (SWOT)", "Evaluating how we work together (SWOT)"),
]

DECISIONS = [
    (
        "Vi prioriterar kvällsaktiviteter för 13–16-åringar under våren.",
        "We give priority to evening activities for 13–16-year-olds this spring.",
    ),
    (
        "Förslaget om läxhjälp skickas till Husbyrådet innan beslut.",
        "The homework-help proposal goes to Husbyrådet before any decision.",
    ),
    (
        "Nästa fokusgrupp hålls på somaliska och arabiska med tolk.",
        "The next focus group is held in Somali and Arabic with interpreters.",
    ),
    (
        "Vi söker gemensamt stöd för en sommarsatsning.",
        "We apply together for funding for a summer initiative.",
    ),
    (
        "Workshoparna flyttas till Folkets Husby stora sal.",
        "The workshops move to the large hall at Folkets Husby.",
    ),
    (
        "Varje satsning får en ansvarig organisation och en kontaktperson.",
        "Every initiative gets an owner organisation and a contact person.",
    ),
    (
        "Vi bjuder in Järvaskolans elevråd till nästa workshop.",
        "We invite Järvaskolan's pupil council to the next workshop.",
    ),
    (
        "Återkopplingen till boende sker i nyhetsbrevet varje månad.",
        "Residents hear back through the newsletter every month.",
    ),
]

ACTIONS = [
    (
        "Boka lokal för kvällsfotboll i Husby ishall",
        "Book the Husby rink hall for evening football",
        "husby-ff",
        "Ali H.",
    ),
    (
        "Sammanställa svaren från fokusgruppen med föräldrar",
        "Summarise the answers from the parents' focus group",
        "radda-barnen",
        "Maria S.",
    ),
    (
        "Skriva utkast till ansökan om sommarpengar",
        "Draft the application for summer funding",
        "folkets-husby",
        "Amina Y.",
    ),
    (
        "Spela in ett poddavsnitt om trygghet",
        "Record a podcast episode on safety",
        "galdem-a-talk",
        "Hodan A.",
    ),
    (
        "Ta fram statistik om skolresultat för området",
        "Gather figures on school results in the area",
        "jarvaskolan",
        "Erik N.",
    ),
    (
        "Ordna en prova-på-löpning för tjejer",
        "Arrange a try-out run for girls",
        "loparakademin",
        "Sara K.",
    ),
    (
        "Kontakta bostadsbolaget om belysningen vid tunneln",
        "Contact the housing company about the lighting by the underpass",
        "folkets-husby",
        "Johan L.",
    ),
    (
        "Föreslå mått för uppföljningen av satsningarna",
        "Propose measures for following up the initiatives",
        "rise",
        "Karin B.",
    ),
    (
        "Bjuda in Stadsmissionens volontärer till mötesplatsen",
        "Invite Stadsmissionen's volunteers to the meeting place",
        "stadsmissionen",
        "Peter W.",
    ),
    (
        "Uppdatera kalendern med vårens aktiviteter",
        "Update the calendar with the spring's activities",
        "folkets-husby",
        "Johan L.",
    ),
]

IDEAS = [
    (
        "En gemensam folder om alla föreningar i Husby",
        "A shared leaflet about every association in Husby",
    ),
    ("Filmkväll i parken på sommaren", "Film night in the park in summer"),
    (
        "Kunskapsbank med kontakter till varandras verksamheter",
        "A contact bank of each other's activities",
    ),
    ("Cykelskola för vuxna", "Cycling school for adults"),
    ("Gemensam frukost för föräldrar en gång i månaden", "A monthly shared breakfast for parents"),
    ("Motivationsfilm om samarbetet", "A short film about the collaboration"),
]

SWOT = [
    (ItemKind.STRENGTH, "Vi lär känna varandras verksamheter", "We get to know each other's work"),
    (ItemKind.STRENGTH, "Boendes röster står i centrum", "Residents' voices come first"),
    (ItemKind.WEAKNESS, "Bristande uppföljning av förslag", "Poor follow-up of proposals"),
    (
        ItemKind.WEAKNESS,
        "Ojämnt deltagande mellan mötena",
        "Uneven attendance from one meeting to the next",
    ),
    (ItemKind.OPPORTUNITY, "Fler aktörer kan bjudas in", "More actors can be invited"),
    (ItemKind.THREAT, "Tvivel på att det leder någonstans", "Doubt that it leads anywhere"),
]

SWOT_ACTIONS = [
    (
        SwotHeading.WEAKNESS,
        "Följ upp alla åtgärder i början av varje workshop",
        "Go through all actions at the start of every workshop",
        "folkets-husby",
        "Amina Y.",
    ),
    (
        SwotHeading.THREAT,
        "Berätta i nyhetsbrevet vad som blivit av förslagen",
        "Tell in the newsletter what became of the proposals",
        "galdem-a-talk",
        "Hodan A.",
    ),
]

SUGGESTIONS = [
    ("Hur tar vi emot nya familjer i området?", "Flera av oss möter nyanlända familjer."),
    ("Digitalt utanförskap bland äldre", "Många äldre grannar kan inte boka tider digitalt."),
    ("Samarbete med biblioteket", ""),
]


def _upsert_all(existing, rows: list[tuple[dict, dict]]) -> list:
    """update_or_create for many rows at once, writing only what differs, so a second load
    touches no row.

    `rows` are (natural key, other fields) pairs; `existing` is a queryset holding at least the
    rows already made among them. The missing rows are created in one go. Returns the rows in the
    order of `rows`.
    """
    model = existing.model
    names = list(rows[0][0]) if rows else []
    made = {tuple(getattr(row, name) for name in names): row for row in existing}
    result, missing = [], []
    for key, defaults in rows:
        row = made.get(tuple(key.values()))
        if row is None:
            row = model(**key, **defaults)
            missing.append(row)
        else:
            changed = [name for name, value in defaults.items() if getattr(row, name) != value]
            if changed:
                for name in changed:
                    setattr(row, name, defaults[name])
                row.save()
        result.append(row)
    model.objects.bulk_create(missing)
    return result


def _workshop_dates(today: datetime.date, years: int) -> list[datetime.date]:
    first = today - datetime.timedelta(days=365 * years)
    offset = (first - A_WORKSHOP_WEDNESDAY).days
    day = A_WORKSHOP_WEDNESDAY + datetime.timedelta(days=-(-offset // 14) * 14)
    dates = []
    while day <= today + datetime.timedelta(days=28):
        dates.append(day)
        day += datetime.timedelta(days=14)
    return dates


def _aware(day: datetime.date, time: datetime.time) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, time))


def load(*, scale: int = 1) -> None:
    today = timezone.localdate()
    organisations = dict(Organisation.objects.filter(slug__in=TURNOUT).values_list("slug", "pk"))
    if not organisations:
        return
    dates = _workshop_dates(today, scale)
    held_dates = [d for d in dates if _aware(d, START) < timezone.now()]
    workshops, records = [], {}
    for day in dates:
        # Seeded by the date, so each workshop always gets the same made-up content.
        rng = random.Random(day.toordinal())  # noqa: S311 - demo content, not security
        theme_sv, theme_en = THEMES[day.toordinal() // 14 % len(THEMES)]
        held = day in held_dates
        swot = held and theme_sv.endswith("(SWOT)")
        latest = held and day == held_dates[-1]
        defaults = {
            "ends_at": _aware(day, END),
            "place": PLACE,
            "theme_sv": theme_sv,
            "theme_en": theme_en,
            "host_id": organisations.get("folkets-husby"),
            "status": WorkshopStatus.HELD if held else WorkshopStatus.PLANNED,
            "format": WorkshopFormat.SWOT if swot else WorkshopFormat.STANDARD,
            "agenda_sv": "1. Uppföljning av åtgärder\n2. Dagens tema\n3. Parkerade idéer\n"
            "4. Nästa workshop",
            "agenda_en": "1. Follow-up of actions\n2. Today's theme\n3. Parked ideas\n"
            "4. Next workshop",
            "summary_sv": (
                f"Vi samlades kring temat ”{theme_sv}”. Aktörerna delade vad de ser "
                "i sina verksamheter och enades om nästa steg."
                if held
                else ""
            ),
            "summary_en": (
                f"We met on the theme “{theme_en}”. The actors shared what they see "
                "in their work and agreed on the next steps."
                if held
                else ""
            ),
            "notes": "Stämning: engagerad. Fika från Galdem." if held else "",
            "residents": rng.randint(0, 9) if held else 0,
            "minutes_state": (MinutesState.DRAFT if latest else MinutesState.PUBLISHED)
            if held
            else MinutesState.NONE,
            "published_at": _aware(day + datetime.timedelta(days=3), START)
            if held and not latest
            else None,
        }
        workshops.append(({"starts_at": _aware(day, START)}, defaults))
        if held:
            records[day] = _record(day, rng, organisations, swot=swot, today=today)
    made = _upsert_all(
        Workshop.objects.filter(starts_at__in=[key["starts_at"] for key, _ in workshops]),
        workshops,
    )
    by_day = dict(zip(dates, made, strict=True))
    attendances, items = [], []
    for day, (turnout, listed) in records.items():
        workshop = by_day[day].pk
        attendances += [
            ({"workshop_id": workshop, "organisation_id": organisation}, {"people": people})
            for organisation, people in turnout
        ]
        items += [
            (
                {"workshop_id": workshop, "kind": kind, "position": position},
                {"text_sv": text_sv, "text_en": text_en, **extra},
            )
            for position, (kind, text_sv, text_en, extra) in enumerate(listed, start=1)
        ]
    held_workshops = [by_day[day].pk for day in records]
    _upsert_all(Attendance.objects.filter(workshop__in=held_workshops), attendances)
    _upsert_all(WorkshopItem.objects.filter(workshop__in=held_workshops), items)
    _load_suggestions(organisations)


def _record(day, rng, organisations, *, swot: bool, today) -> tuple[list, list]:
    """Who came to a held workshop (organisation, people) and what it recorded, in order."""
    turnout = [
        (organisation, rng.randint(1, 4))
        for slug, organisation in organisations.items()
        if rng.random() < TURNOUT[slug]
    ]
    items = []
    for text_sv, text_en in rng.sample(DECISIONS, 2):
        items.append((ItemKind.DECISION, text_sv, text_en, {}))
    for text_sv, text_en, slug, person in rng.sample(ACTIONS, rng.randint(1, 3)):
        due = day + datetime.timedelta(days=rng.choice([14, 28, 42]))
        # Most actions get done; some past their due date are still open (overdue).
        done = due < today and rng.random() < 0.75
        items.append(
            (
                ItemKind.ACTION,
                text_sv,
                text_en,
                {
                    "owner_id": organisations.get(slug),
                    "responsible": person,
                    "due": due,
                    "done_at": _aware(due, START) if done else None,
                },
            )
        )
    if rng.random() < 0.5:
        text_sv, text_en = rng.choice(IDEAS)
        items.append(
            (ItemKind.IDEA, text_sv, text_en, {"look_again_on": day + datetime.timedelta(days=90)})
        )
    if swot:
        for kind, text_sv, text_en in SWOT:
            items.append((kind, text_sv, text_en, {}))
        for heading, text_sv, text_en, slug, person in SWOT_ACTIONS:
            items.append(
                (
                    ItemKind.ACTION,
                    text_sv,
                    text_en,
                    {
                        "owner_id": organisations.get(slug),
                        "responsible": person,
                        "due": day + datetime.timedelta(days=28),
                        "swot_heading": heading,
                    },
                )
            )
    return turnout, items


def _load_suggestions(organisations) -> None:
    _upsert_all(
        ThemeSuggestion.objects.filter(title__in=[title for title, _ in SUGGESTIONS]),
        [
            (
                {"title": title},
                {
                    "description": description,
                    "organisation_id": organisations.get("radda-barnen"),
                    "status": SuggestionStatus.OPEN,
                },
            )
            for title, description in SUGGESTIONS
        ],
    )
