"""Demo data for focus groups, insights and council consultations in Husby.

The text is written for the demo, in Swedish with English translations. Rows are keyed on
natural keys (a focus group's Swedish title and date, an insight's position in it), so loading
twice changes nothing. Everything is saved through the services, dated when it happened, so the
demo's event stream tells it. Target groups and focus-area tags are set by prioritization's demo,
one floor up.
"""

import datetime

from django.utils import timezone

from actors.demo import through_service
from actors.events import as_of
from actors.models import District, Organisation, User
from actors.translations import translate

from . import services
from .choices import IdeaDecision, IdeaStatus, InsightKind
from .models import CouncilConsultation, FocusGroup, Idea, Insight

FOCUS_GROUPS = [
    {
        "key": ("Unga om fritid och trygghet", datetime.date(2025, 3, 12)),
        "host": "folkets-husby",
        "facilitator": "Folkets Husby, processledare",
        "language": "svenska",
        "participant_count": 11,
        "age_band": "16–25",
        "questions_sv": "Var känner du dig trygg i Husby?\nVad saknar du att göra på kvällarna?",
        "summary_sv": "Unga vill ha öppna lokaler på kvällar och helger och vuxna som finns där.",
        "english": {
            "title": "Young people on leisure and safety",
            "questions": "Where in Husby do you feel safe?\n"
            "What do you miss doing in the evenings?",
            "summary": "Young people want venues open in evenings and at weekends, "
            "with adults around.",
        },
        "insights": [
            (
                InsightKind.QUOTE,
                "Efter sju finns det ingenstans att vara utom centrum.",
                "After seven there is nowhere to be except the centre.",
            ),
            (
                InsightKind.STATEMENT,
                "Flera saknar vuxna förebilder som de litar på.",
                "Several miss adult role models they trust.",
            ),
            (
                InsightKind.QUOTE,
                "Jag skulle träna mer om hallen var öppen på helgen.",
                "I would train more if the hall were open at the weekend.",
            ),
        ],
    },
    {
        "key": ("Föräldrar om skola och hälsa", datetime.date(2025, 4, 2)),
        "host": "radda-barnen",
        "facilitator": "Rädda Barnen Husby",
        "language": "svenska, somaliska",
        "participant_count": 9,
        "age_band": "30–55",
        "questions_sv": "Vad oroar dig mest för dina barn?\nVar får du stöd som förälder?",
        "summary_sv": "Föräldrar oroar sig för skärmtid och sömn och vill ha stöd "
        "på sitt eget språk.",
        "english": {
            "title": "Parents on school and health",
            "questions": "What worries you most about your children?\n"
            "Where do you get support as a parent?",
            "summary": "Parents worry about screen time and sleep and want support "
            "in their own language.",
        },
        "insights": [
            (
                InsightKind.STATEMENT,
                "Föräldrar vill ha föräldraträffar på flera språk.",
                "Parents want parent meetings in several languages.",
            ),
            (
                InsightKind.QUOTE,
                "Mitt barn sover för lite och är trött i skolan.",
                "My child sleeps too little and is tired at school.",
            ),
            (
                InsightKind.STATEMENT,
                "Det är svårt att veta vilka aktiviteter som finns för barnen.",
                "It is hard to know which activities exist for the children.",
            ),
        ],
    },
    {
        "key": ("Tjejer 13–16 om rörelse", datetime.date(2025, 9, 18)),
        "host": "galdem-a-talk",
        "facilitator": "Galdem A Talk",
        "language": "svenska",
        "participant_count": 8,
        "age_band": "13–16",
        "questions_sv": "Vad skulle få dig att röra på dig mer?",
        "summary_sv": "Tjejer vill träna i egna grupper med tränare de känner.",
        "english": {
            "title": "Girls 13–16 on physical activity",
            "questions": "What would make you move more?",
            "summary": "Girls want to train in their own groups with coaches they know.",
        },
        "insights": [
            (
                InsightKind.QUOTE,
                "Jag vill springa, men inte ensam när det är mörkt.",
                "I want to run, but not alone when it is dark.",
            ),
            (
                InsightKind.STATEMENT,
                "Egna tjejgrupper gör det lättare att börja.",
                "Groups for girls only make it easier to start.",
            ),
        ],
    },
]

CONSULTATIONS = [
    {
        "asked_on": datetime.date(2025, 5, 6),
        "question_sv": "Ska kvällsöppna lokaler för unga prioriteras före fler läxhjälpstider?",
        "material": "Sammanfattning av fokusgrupper våren 2025 och prioriteringsrundan.",
        "answered_on": datetime.date(2025, 5, 27),
        "answer_sv": "Ja, men läxhjälpen får inte minska. Rådet vill följa upp efter ett halvår.",
        "english": {
            "question": "Should venues open in the evening for young people come before "
            "more homework help?",
            "answer": "Yes, but homework help must not shrink. The council wants a follow-up "
            "after six months.",
        },
    },
    {
        "asked_on": datetime.date(2025, 10, 14),
        "question_sv": "Hur når vi föräldrar som inte kommer till dagens föräldramöten?",
        "material": "Insikter från föräldrafokusgruppen.",
        "answered_on": None,
        "answer_sv": "",
        "english": {
            "question": "How do we reach parents who do not come to today's parent meetings?",
        },
    },
]

IDEAS = [
    (
        "Utegym vid Husby gård",
        "Ett utegym med belysning nära Husby gård skulle få fler att träna.",
        "idea1@example.org",
        IdeaStatus.AWAITING,
    ),
    (
        "Läxhjälp på somaliska",
        "Föräldrar kan hjälpa mer om de förstår läxorna.",
        "idea2@example.org",
        IdeaStatus.KEPT,
    ),
]


CONFIRMED = datetime.datetime(2025, 11, 3, 12, 0, tzinfo=datetime.UTC)
KEPT_REPLY = "Tack! Vi sparar idén och tar upp den när skolorna är med i samverkan."


def _evening(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(18)))


def with_english(instance, values: dict, **english: str) -> dict:
    """`values` and the translations that give `instance` the demo's `english` texts, made from
    the Swedish texts it has once `values` are set. Its translations into other languages are
    kept, so that loading twice finds nothing changed."""
    translated = type(instance)(translations=instance.translations)
    for name in english:
        source = f"{name}_sv"
        setattr(translated, source, values.get(source, getattr(instance, source)))
    translate(translated, "en", **english)
    return {**values, "translations": translated.translations}


def load(*, scale: int = 1) -> None:
    coordinator = User.objects.filter(role_assignments__role="coordinator").first()
    load_focus_groups(FOCUS_GROUPS, coordinator)
    for spec in CONSULTATIONS:
        consult(spec, coordinator)
    for title, text, email, status in IDEAS:
        if not Idea.objects.filter(title=title, email=email).exists():
            send_idea(title, text, email, status, coordinator)


def load_focus_groups(focus_groups: list[dict], coordinator) -> None:
    """Focus groups and what residents said in them, from specs shaped as FOCUS_GROUPS, each
    optionally in the district whose slug its "district" names."""
    hosts = {
        o.slug: o for o in Organisation.objects.filter(slug__in={g["host"] for g in focus_groups})
    }
    districts = {d.slug: d for d in District.objects.all()}
    for spec in focus_groups:
        title_sv, held_on = spec["key"]
        values = {
            name: spec[name]
            for name in (
                "facilitator",
                "language",
                "participant_count",
                "age_band",
                "questions_sv",
                "summary_sv",
            )
        }
        group = FocusGroup.objects.filter(title_sv=title_sv, held_on=held_on).first() or FocusGroup(
            title_sv=title_sv, held_on=held_on
        )
        with as_of(_evening(held_on)):
            group = through_service(
                group,
                with_english(
                    group,
                    {
                        **values,
                        "host": hosts[spec["host"]],
                        "district": districts.get(spec.get("district")),
                    },
                    **spec["english"],
                ),
                lambda group: services.focus_group_save(focus_group=group, actor=coordinator),
            )
            made = {insight.position: insight for insight in group.insights.all()}
            for position, (kind, text_sv, english) in enumerate(spec["insights"], start=1):
                insight = made.get(position) or Insight(focus_group=group, position=position)
                through_service(
                    insight,
                    with_english(insight, {"kind": kind, "text_sv": text_sv}, text=english),
                    lambda insight: services.insight_save(insight=insight, actor=coordinator),
                )


def consult(spec: dict, coordinator) -> None:
    """The question put to the council and, once it has answered, its answer."""
    consultation = CouncilConsultation.objects.filter(
        asked_on=spec["asked_on"], question_sv=spec["question_sv"]
    ).first() or CouncilConsultation(asked_on=spec["asked_on"], question_sv=spec["question_sv"])
    with as_of(_evening(spec["asked_on"])):
        consultation = through_service(
            consultation,
            with_english(
                consultation, {"material": spec["material"]}, question=spec["english"]["question"]
            ),
            lambda c: services.consultation_save(consultation=c, actor=coordinator),
        )
    if spec["answered_on"] is not None and not consultation.is_answered:
        with as_of(_evening(spec["answered_on"])):
            consultation = services.consultation_answer(
                consultation=consultation,
                answer_sv=spec["answer_sv"],
                answered_on=spec["answered_on"],
                actor=coordinator,
            )
        # The council answers in Swedish; its answer is translated once it is recorded.
        translate(consultation, "en", answer=spec["english"]["answer"])
        consultation.save(update_fields=["translations"])


def send_idea(title, text, email, status, coordinator, *, reply: str = KEPT_REPLY) -> None:
    """A resident's idea sent from the public site, confirmed, and kept with `reply` if the demo
    says so."""
    with as_of(CONFIRMED):
        idea = services.idea_submit(title=title, text=text, email=email, language="sv")
        services.idea_confirm(token=services.idea_confirm_token(idea))
    # The service stamps the moment it ran; the demo's story confirmed it earlier.
    Idea.objects.filter(pk=idea.pk).update(confirmed_at=CONFIRMED)
    if status == IdeaStatus.KEPT:
        with as_of(CONFIRMED + datetime.timedelta(days=4)):
            services.idea_keep_or_decline(
                idea=idea, decision=IdeaDecision.KEEP, reply=reply, actor=coordinator
            )
