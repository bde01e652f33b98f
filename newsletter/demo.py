"""Demo data for the newsletter: a few hundred subscribers under example.org, two sent editions,
a resident who follows an initiative by e-mail, and one whose idea became part of a need that an
initiative answers and who asked to hear what became of it.

Nothing is mailed: the demo editions' deliveries are recorded as sent, not handed to the
sending service (which would mail every address), so they record no events. Every row is keyed on a
natural key (the address's hash, the Swedish subject, edition and subscriber), so loading twice
changes nothing.
"""

import datetime

from django.db.models import Min

from actors.events import as_of
from actors.links import url_in
from actors.models import Event, User
from actors.translations import translate
from focusgroups import services as focusgroup_services
from focusgroups.models import Idea
from initiatives.choices import InitiativeStep
from initiatives.models import Initiative
from prioritization import services as prioritization_services
from prioritization.models import FocusArea

from . import links
from .choices import Audience, DeliveryStatus, EditionStatus, SubscriberStatus
from .models import Delivery, Edition, Follower, Subscriber, email_hash
from .services import following, telling

SUBSCRIBERS = 300
# With the current year's few hundred, ten years come to about thirty thousand subscribers.
SCALED_SUBSCRIBERS_PER_YEAR = 3300
FIRST_NAMES = ["Amina", "Yusuf", "Sara", "Ali", "Hodan", "Erik", "Leyla", "Omar", "Maria", "Samir"]

EDITIONS = [
    (
        datetime.datetime(2026, 9, 15, 9, 0, tzinfo=datetime.UTC),
        "Nytt från samverkan i september",
        "News from the collaboration in September",
        "Hej!\n\nUnder sommaren har vi träffats varannan vecka och gått igenom allt som kom fram "
        "i fokusgrupperna i våras. **Trygghet** och **meningsfull fritid** för unga 13–16 år "
        "hamnade högst när behoven prioriterades.\n\n- Fler kvällsaktiviteter i Husby träff\n"
        "- Föräldravandringar på fredagar\n\nNästa workshop handlar om fritid. Välkommen!",
        "Hello!\n\nOver the summer we met every other week and went through everything the "
        "focus groups told us in the spring. **Safety** and **meaningful leisure** for young "
        "people aged 13–16 came out on top when the needs were prioritised.\n\n"
        "- More evening activities in Husby träff\n- Parents' walks on Fridays\n\n"
        "The next workshop is about leisure. Welcome!",
    ),
    (
        datetime.datetime(2026, 10, 20, 9, 0, tzinfo=datetime.UTC),
        "Ni sa, vi gjorde: oktober",
        "You said, we did: October",
        "Hej!\n\nI våras sa många av er att det saknas platser för unga att vara på efter skolan. "
        "Nu har samverkan beslutat att satsa på öppen idrottshall två kvällar i veckan, "
        "med stöd från två av våra medlemmar.\n\nVi berättar hur det går i nästa nummer.",
        "Hello!\n\nIn the spring many of you said there are too few places for young people to "
        "be after school. The collaboration has now decided to open a sports hall two evenings "
        "a week, with support from two of our members.\n\nWe will tell you how it goes in the "
        "next issue.",
    ),
]


FOLLOWER = "follower@example.org"
IDEA_SENDER = "idea-sender@example.org"
IDEA = (
    "Fler kvällsaktiviteter för unga",
    "Det finns för lite att göra på kvällarna för oss som är 14.",
)


def load(*, scale: int = 1) -> None:
    _load_subscribers_and_editions(scale)
    _load_followers()


def _load_followers() -> None:
    """The two residents who follow what became of things, and what they have been told: the
    demo's past, recorded as mailed (the demo runs in `mail_sent_long_ago`)."""
    initiative = (
        Initiative.objects.public()
        .filter(step=InitiativeStep.COMPLETED, needs__isnull=False)
        .order_by("pk")
        .first()
    )
    if initiative is None:
        return
    begun = Event.objects.filter(subject_id=initiative.pk, kind__startswith="initiatives.")
    before = begun.aggregate(first=Min("at"))["first"] - datetime.timedelta(days=7)
    if not Idea.objects.filter(email=IDEA_SENDER).exists():
        _idea_taken_up(initiative.needs.order_by("pk").first(), before)
    if not Follower.objects.filter(email_hash=email_hash(FOLLOWER)).exists():
        with as_of(before):
            follower = following.follow_request(
                email=FOLLOWER, language="sv", initiative=initiative
            )
            following.follower_confirm(
                token=links.make_token(follower, salt=links.FOLLOW_CONFIRM_SALT)
            )
        Follower.objects.filter(pk=follower.pk).update(confirmed_at=before)
    telling.followers_tell()


def _idea_taken_up(need, when: datetime.datetime) -> None:
    """A resident's idea, sent with consent to hear more, added to a need an initiative answers."""
    coordinator = User.objects.filter(role_assignments__role="coordinator").first()
    with as_of(when):
        idea = focusgroup_services.idea_submit(
            title=IDEA[0], text=IDEA[1], email=IDEA_SENDER, language="sv", tell_me_what_became=True
        )
        focusgroup_services.idea_confirm(token=focusgroup_services.idea_confirm_token(idea))
        prioritization_services.need_save(
            need=need, actor=coordinator, relations={"ideas": [*need.ideas.all(), idea]}
        )
        focusgroup_services.idea_accept(
            idea=idea,
            reply="Tack! Idén blev en del av ett behov som en satsning nu svarar på.",
            actor=coordinator,
            need=need,
            need_url=url_in("sv", "prioritization:need_detail", need.pk),
        )
    # The services stamp the moment they ran; the demo's story has it happen earlier.
    Idea.objects.filter(pk=idea.pk).update(confirmed_at=when, moderated_at=when)


def _load_subscribers_and_editions(scale: int) -> None:
    areas = list(FocusArea.objects.order_by("position", "pk"))
    consented = datetime.datetime(2026, 8, 1, 12, 0, tzinfo=datetime.UTC)
    for number in range(1, SUBSCRIBERS + 1):
        email = f"resident{number:03d}@example.org"
        subscriber, _created = Subscriber.objects.update_or_create(
            email_hash=email_hash(email),
            defaults={
                "email": email,
                "name": FIRST_NAMES[number % len(FIRST_NAMES)] if number % 3 else "",
                "language": "en" if number % 4 == 0 else "sv",
                "status": SubscriberStatus.CONFIRMED,
                "all_interests": number % 2 == 0 or not areas,
                "consent_text": "Demo: påhittad prenumerant / made-up subscriber",
                "consent_language": "sv",
                "consented_at": consented,
            },
        )
        if areas and number % 2:
            subscriber.interests.set([areas[number % len(areas)]])
    _load_scaled_subscribers(scale, consented)
    subscribers = list(Subscriber.objects.confirmed().filter(email__endswith="@example.org"))
    for sent_at, subject_sv, subject_en, body_sv, body_en in EDITIONS:
        # Made once: saving again would move `updated_at`, and a sent edition never changes.
        edition = Edition.objects.filter(subject_sv=subject_sv).first()
        if edition is None:
            edition = Edition(
                subject_sv=subject_sv,
                body_sv=body_sv,
                audience=Audience.ALL,
                status=EditionStatus.SENT,
                send_started_at=sent_at,
                sent_at=sent_at,
            )
            translate(edition, "en", subject=subject_en, body=body_en)
            edition.save()
        Delivery.objects.bulk_create(
            [
                Delivery(
                    edition=edition,
                    subscriber=subscriber,
                    language=subscriber.language,
                    status=DeliveryStatus.SENT,
                    attempts=1,
                    queued_at=sent_at,
                    sent_at=sent_at,
                    message_id=f"<newsletter-demo-{edition.pk}-{subscriber.pk}@example.org>",
                )
                for subscriber in subscribers
                if subscriber.consented_at and subscriber.consented_at < sent_at
            ],
            ignore_conflicts=True,
        )


def _load_scaled_subscribers(scale: int, consented) -> None:
    """Beyond the first year, about 3,300 more subscribers per year, made in bulk.

    Reader n signed up n / 3,300 years before this year's residents, whatever the scale, so the
    list grows back in time without a reader's consent moving from one run to the next.
    """
    Subscriber.objects.bulk_create(
        [
            Subscriber(
                email=(email := f"reader{number:06d}@example.org"),
                email_hash=email_hash(email),
                language="en" if number % 4 == 0 else "sv",
                status=SubscriberStatus.CONFIRMED,
                all_interests=True,
                consent_text="Demo: påhittad prenumerant / made-up subscriber",
                consent_language="sv",
                consented_at=consented
                - datetime.timedelta(days=365 * number // SCALED_SUBSCRIBERS_PER_YEAR),
            )
            for number in range(1, SCALED_SUBSCRIBERS_PER_YEAR * (scale - 1) + 1)
        ],
        batch_size=2000,
        ignore_conflicts=True,
    )
