"""Demo data for the workshops: a year (per `scale`) of biweekly workshops in Husby.

Workshops fall every other Wednesday, in step with a fixed Wednesday, so the same day always
gives the same workshop, keyed on its start, and loading twice changes nothing. Each goes through
the services as a coordinator's would, on the day it happened: planned, or logged as held with
who came and what came out of it, its minutes published three days later (the latest stay a
draft), its actions done on their due dates. An action still open or an idea still parked is
carried forward as it is, never recorded again. A workshop planned at an earlier load and held
since is logged at the next. The texts are made up for the demo, in Swedish with English
translations.
"""

import datetime
import random

from django.db.models import Q
from django.utils import timezone

from actors.events import as_of
from actors.i18n import translation
from actors.models import Organisation, User
from actors.translations import translate

from . import services
from .choices import ItemKind, SwotHeading, WorkshopFormat, WorkshopStatus
from .models import ThemeSuggestion, Workshop, WorkshopItem

# One workshop day: the others fall whole fortnights before or after it.
A_WORKSHOP_WEDNESDAY = datetime.date(2020, 1, 8)
START, END = datetime.time(16, 0), datetime.time(18, 0)
PUBLISHED_AFTER = datetime.timedelta(days=3)
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

PARKED_ITEMS = [
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
    coordinator = User.objects.filter(role_assignments__role="coordinator").first()
    if not organisations:
        return
    dates = _workshop_dates(today, scale)
    held_dates = [d for d in dates if _aware(d, START) < timezone.now()]
    made = {
        timezone.localdate(w.starts_at): w
        for w in Workshop.objects.filter(starts_at__in=[_aware(d, START) for d in dates])
    }
    for day in dates:
        workshop = made.get(day)
        if day not in held_dates:
            if workshop is None:
                services.workshop_save(workshop=_workshop(day, organisations), actor=coordinator)
            continue
        latest = day == held_dates[-1]
        if workshop is None or workshop.status == WorkshopStatus.PLANNED:
            workshop = _log(workshop or _workshop(day, organisations), organisations, coordinator)
        if not latest and workshop.is_draft:
            _publish(workshop, coordinator)
    _load_suggestions(organisations)


def _workshop(day: datetime.date, organisations) -> Workshop:
    """The workshop of that day as planned, themed in turn."""
    theme_sv, english_theme = THEMES[day.toordinal() // 14 % len(THEMES)]
    workshop = Workshop(
        starts_at=_aware(day, START),
        ends_at=_aware(day, END),
        place=PLACE,
        theme_sv=theme_sv,
        host_id=organisations.get("folkets-husby"),
        agenda_sv="1. Uppföljning av åtgärder\n2. Dagens tema\n3. Parkerade idéer\n"
        "4. Nästa workshop",
    )
    translate(
        workshop,
        "en",
        theme=english_theme,
        agenda="1. Follow-up of actions\n2. Today's theme\n3. Parked ideas\n4. Next workshop",
    )
    return workshop


def _log(workshop: Workshop, organisations, coordinator) -> Workshop:
    """Log a workshop as held, the evening it was, and tick its actions done on their dates."""
    day = timezone.localdate(workshop.starts_at)
    # Seeded by the date, so each workshop always gets the same made-up content.
    rng = random.Random(day.toordinal())  # noqa: S311 - demo content, not security
    swot = workshop.theme_sv.endswith("(SWOT)")
    workshop.format = WorkshopFormat.SWOT if swot else WorkshopFormat.STANDARD
    workshop.summary_sv = (
        f"Vi samlades kring temat ”{workshop.theme_sv}”. Aktörerna delade vad de ser "
        "i sina verksamheter och enades om nästa steg."
    )
    workshop.notes = "Stämning: engagerad. Fika från Galdem."
    workshop.residents = rng.randint(0, 9)
    turnout, listed = _record(day, rng, organisations, swot=swot, carried=_carried(day))
    items = []
    for position, (kind, text_sv, english, extra) in enumerate(listed, start=1):
        item = WorkshopItem(kind=kind, position=position, text_sv=text_sv, **extra)
        translate(item, "en", text=english)
        items.append(item)
    with as_of(_aware(day, END)):
        workshop = services.workshop_log(
            workshop=workshop, attendance=dict(turnout), items=items, actor=coordinator
        )
    # The log keeps the row's translations as they were; the summary's is made after it.
    english_theme = translation(workshop.translations, "en", "theme")
    translate(
        workshop,
        "en",
        summary=f"We met on the theme “{english_theme}”. The actors shared what they see "
        "in their work and agreed on the next steps.",
    )
    workshop.save(update_fields=["translations"])
    today = timezone.localdate()
    for item in items:
        # Most actions get done; some past their due date are still open (overdue).
        if item.kind == ItemKind.ACTION and item.due < today and rng.random() < 0.75:
            done_at = _aware(item.due, START)
            with as_of(done_at):
                services.action_complete(item=item, actor=coordinator)
            # The service stamps the moment it ran; the story has it done on its due date.
            WorkshopItem.objects.filter(pk=item.pk).update(done_at=done_at)
    return workshop


def _publish(workshop: Workshop, coordinator) -> None:
    published_at = _aware(timezone.localdate(workshop.starts_at) + PUBLISHED_AFTER, START)
    with as_of(published_at):
        services.workshop_publish(workshop=workshop, actor=coordinator)
    Workshop.objects.filter(pk=workshop.pk).update(published_at=published_at)


def _carried(day: datetime.date) -> set[str]:
    """The actions still open on the day and the ideas still in the parking lot: the workshop
    carries them forward as they are, and never records them a second time."""
    still_open = WorkshopItem.objects.actions().filter(
        Q(done_at__isnull=True) | Q(done_at__gt=_aware(day, START))
    )
    return set(
        (still_open | WorkshopItem.objects.in_parking_lot()).values_list("text_sv", flat=True)
    )


def _record(day, rng, organisations, *, swot: bool, carried: set[str]) -> tuple[list, list]:
    """Who came to a held workshop (organisation, people) and what it recorded, in order: new
    actions and parked ideas only, none of those `carried` forward from earlier workshops."""
    turnout = [
        (organisation, rng.randint(1, 4))
        for slug, organisation in organisations.items()
        if rng.random() < TURNOUT[slug]
    ]
    items = []
    for text_sv, english in rng.sample(DECISIONS, 2):
        items.append((ItemKind.DECISION, text_sv, english, {}))
    actions = [action for action in ACTIONS if action[0] not in carried]
    for text_sv, english, slug, person in rng.sample(actions, min(rng.randint(1, 3), len(actions))):
        due = day + datetime.timedelta(days=rng.choice([14, 28, 42]))
        items.append(
            (
                ItemKind.ACTION,
                text_sv,
                english,
                {"owner_id": organisations.get(slug), "responsible": person, "due": due},
            )
        )
    parked = [idea for idea in PARKED_ITEMS if idea[0] not in carried]
    if rng.random() < 0.5 and parked:
        text_sv, english = rng.choice(parked)
        items.append(
            (
                ItemKind.PARKED,
                text_sv,
                english,
                {"look_again_on": day + datetime.timedelta(days=90)},
            )
        )
    if swot:
        for kind, text_sv, english in SWOT:
            items.append((kind, text_sv, english, {}))
        for heading, text_sv, english, slug, person in SWOT_ACTIONS:
            if text_sv in carried:
                continue
            items.append(
                (
                    ItemKind.ACTION,
                    text_sv,
                    english,
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
    """Themes suggested by a member organisation, still open."""
    made = set(
        ThemeSuggestion.objects.filter(title__in=[title for title, _ in SUGGESTIONS]).values_list(
            "title", flat=True
        )
    )
    organisation = Organisation.objects.filter(pk=organisations.get("radda-barnen")).first()
    for title, description in SUGGESTIONS:
        if title not in made:
            services.theme_suggest(
                title=title, description=description, user=None, organisation=organisation
            )
