"""Telling followers: each public event about an initiative or a need, mailed once to each
address that follows it, in its language, through the portal's outbox.

A periodic job reads the event stream after a cursor of its own, through the stream's one reader
(`actors.eventstream`): one run at a time, and an event whose transaction commits after a later
one is still told when it does. The mails a batch owes (OutgoingMail rows), the delivery rows and
the cursor's move commit together, so a run that dies tells nothing of its batch and the next
one tells it all. The delivery rows (one per follower and event, unique) keep a run from mailing
anyone twice even if the cursor were set back, and let an event with more followers than a batch
may mail (MAILS_PER_BATCH) be told over several batches, the cursor waiting on it meanwhile.
"""

from collections import defaultdict

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone, translation

from actors.events import public_events, tell
from actors.eventstream import stream_read
from actors.links import absolute_url, url_in
from actors.mail import mail_batch, mail_owed_from_template, mail_readdressed, mails_queue
from actors.queueing import enqueue_on_commit
from focusgroups.models import Idea
from funding.choices import FundingEvent
from initiatives.choices import InitiativeEvent, InitiativeStep
from initiatives.models import Initiative
from prioritization.choices import PrioritisationEvent
from prioritization.models import Need

from .. import links
from ..choices import SubscriberStatus
from ..models import FollowCursor, FollowDelivery, Follower, Subscriber, email_hash
from .following import thing_of

EVENTS_PER_BATCH = 200
# Mails owed in one transaction, about half a second of work: an event with more followers is
# told over several batches, so that no transaction nears the tasks' soft time limit (25 s) and
# the first mails leave while the rest are written.
MAILS_PER_BATCH = 1000
# A run begins no batch after this long, so that it ends inside the soft time limit too; another
# run goes on at once.
RUN_SECONDS = 15.0
TOLD_KINDS = [
    InitiativeEvent.MOVED,
    InitiativeEvent.DECIDED,
    FundingEvent.ALLOCATED,
    PrioritisationEvent.ROUND_CLOSED,
]


def _for_idea_senders(event) -> bool:
    """What a resident who sent an idea hears of an initiative answering it: that it was decided,
    funded and completed; not every step between."""
    if event.kind == InitiativeEvent.MOVED:
        return event.data.get("to") == InitiativeStep.COMPLETED
    return event.kind in (InitiativeEvent.DECIDED, FundingEvent.ALLOCATED)


def _about(events) -> dict[int, tuple[int | None, set[int]]]:
    """For each event, the initiative it is about and the needs it concerns: those the initiative
    answers, or those a closed round prioritised."""
    allocated = {e.subject_id for e in events if e.kind == FundingEvent.ALLOCATED}
    needs_of = {}
    for initiative_id, need_id in Initiative.needs.through.objects.filter(
        initiative_id__in=allocated
    ).values_list("initiative_id", "need_id"):
        needs_of.setdefault(initiative_id, set()).add(need_id)
    about = {}
    for event in events:
        if event.kind == PrioritisationEvent.ROUND_CLOSED:
            about[event.pk] = (None, {n["need"] for n in event.data.get("prioritised") or []})
        elif event.kind == FundingEvent.ALLOCATED:
            about[event.pk] = (event.subject_id, needs_of.get(event.subject_id, set()))
        else:
            about[event.pk] = (event.subject_id, set(event.data.get("needs") or []))
    return about


def followers_from_ideas() -> int:
    """Residents who agreed, when sending an idea, to hear what became of it follow each need the
    idea became part of. Their idea's confirmation was their opt-in; an address that already
    follows the need, or stopped following it, is left as it is."""
    taken_up = (
        Idea.needs.through.objects.filter(idea__tell_me_what_became=True)
        # An address already forgotten (privacy.services.retention_apply) follows nothing.
        .exclude(idea__email="")
        .exclude(
            Exists(
                Follower.objects.filter(idea_id=OuterRef("idea_id"), need_id=OuterRef("need_id"))
            )
        )
    )
    now = timezone.now()
    followers = [
        Follower(
            email=link.idea.email,
            email_hash=email_hash(link.idea.email),
            language=link.idea.language,
            need_id=link.need_id,
            idea_id=link.idea_id,
            status=SubscriberStatus.CONFIRMED,
            confirmed_at=link.idea.confirmed_at or now,
        )
        for link in taken_up.select_related("idea")
    ]
    return len(Follower.objects.bulk_create(followers, ignore_conflicts=True))


def followers_tell(*, batch: int = EVENTS_PER_BATCH) -> int:
    """Owe each follower a mail for each new public event about what they follow, `batch` events
    at a time until none is left; returns how many mails. Run every minute
    (CELERY_BEAT_SCHEDULE)."""
    with mail_batch():
        return stream_read(
            cursor=FollowCursor,
            batch=batch,
            among=public_events().filter(kind__in=TOLD_KINDS),
            consume=_tell,
            for_seconds=RUN_SECONDS,
            go_on=_go_on,
        )


def _go_on() -> None:
    """A run stopped for time hands the rest to another at once, not to the next minute's."""
    from ..tasks import tell_followers

    enqueue_on_commit(tell_followers)


def _tell(events) -> tuple[int, int]:
    followers_from_ideas()
    # An event an earlier batch stopped inside is told on alone, from the followers not told of
    # it yet, so that each batch of a much-followed event reads only those it tells.
    resumed = FollowDelivery.objects.filter(event=events[0]).exists()
    if resumed:
        events, told = events[:1], set()
    else:
        # Told already only if the cursor was set back. The addresses told in this batch are
        # added as it goes: one that follows both an initiative and its need is told once.
        told = set(
            FollowDelivery.objects.filter(event__in=events).values_list(
                "follower__email_hash", "event_id"
            )
        )
    about = _about(events)
    followers = _followers(about, rest_of=events[0] if resumed else None)
    following_initiative, following_need = defaultdict(list), defaultdict(list)
    for follower in followers:
        if follower.initiative_id is not None:
            following_initiative[follower.initiative_id].append(follower)
        else:
            following_need[follower.need_id].append(follower)
    deliveries, finished = [], 0
    for event in events:
        initiative_id, needs = about[event.pk]
        concerned = following_initiative.get(initiative_id, []) + [
            follower for need_id in sorted(needs) for follower in following_need.get(need_id, [])
        ]
        owed = _to_tell(event, concerned, told)
        room = MAILS_PER_BATCH - len(deliveries)
        deliveries += [
            FollowDelivery(follower=follower, event=event, mail=mail)
            for follower, mail in zip(owed[:room], _mails(event, owed[:room]), strict=True)
        ]
        if len(owed) > room or (resumed and len(followers) == MAILS_PER_BATCH):
            break  # the rest of this event's followers are told by the next batch
        finished += 1
    mails_queue([delivery.mail for delivery in deliveries])
    FollowDelivery.objects.bulk_create(deliveries)
    return len(deliveries), finished


def _followers(about: dict, *, rest_of=None) -> list[Follower]:
    """The confirmed followers of what the events are about, their address not bounced, each
    with the initiative or need it follows. With `rest_of` (one event), only the first
    MAILS_PER_BATCH of those still to be told of it."""
    initiative_ids = {initiative for initiative, _needs in about.values() if initiative}
    need_ids = set().union(*(needs for _initiative, needs in about.values()))
    followers = (
        Follower.objects.filter(status=SubscriberStatus.CONFIRMED)
        .filter(Q(initiative_id__in=initiative_ids) | Q(need_id__in=need_ids))
        .exclude(
            Exists(
                Subscriber.objects.filter(
                    email_hash=OuterRef("email_hash"), status=SubscriberStatus.BOUNCED
                )
            )
        )
        .order_by("pk")
    )
    if rest_of is not None:
        # What _to_tell would pass over, left out here, so that each batch gets on.
        followers = followers.filter(confirmed_at__lte=rest_of.at).exclude(
            Exists(
                FollowDelivery.objects.filter(
                    event=rest_of, follower__email_hash=OuterRef("email_hash")
                )
            )
        )
        if not _for_idea_senders(rest_of):
            followers = followers.filter(idea__isnull=True)
        followers = followers[:MAILS_PER_BATCH]
    followers = list(followers)
    initiatives = Initiative.objects.in_bulk(initiative_ids)
    needs = Need.objects.in_bulk(need_ids)
    for follower in followers:
        if follower.initiative_id is not None:
            follower.initiative = initiatives[follower.initiative_id]
        else:
            follower.need = needs[follower.need_id]
    return followers


def _to_tell(event, concerned: list[Follower], told: set) -> list[Follower]:
    """The followers to tell of `event`: each address once, none told already, none of news
    from before they followed."""
    owed = []
    for follower in concerned:
        if (
            (follower.email_hash, event.pk) in told
            or follower.confirmed_at > event.at
            or (follower.idea_id is not None and not _for_idea_senders(event))
        ):
            continue
        told.add((follower.email_hash, event.pk))
        owed.append(follower)
    return owed


# Stands for a follower's own unfollow token in a message rendered once for many followers.
_UNFOLLOW = "UNFOLLOWxPLACEHOLDER"


def _mails(event, followers: list[Follower]) -> list:
    """A mail for each follower, rendered once for all who follow the same thing in the same
    language and the same way: they differ only in their unfollow link."""
    shared, mails = {}, []
    for follower in followers:
        from_idea = follower.idea_id is not None
        key = (follower.initiative_id, follower.need_id, follower.language, from_idea)
        if key not in shared:
            shared[key] = _mail(follower, event, token=_UNFOLLOW)
        token = links.make_token(follower, salt=links.UNFOLLOW_SALT)
        mails.append(mail_readdressed(shared[key], to=follower.email, replace=(_UNFOLLOW, token)))
    return mails


def _mail(follower: Follower, event, *, token: str):
    unfollow = url_in(follower.language, "newsletter:unfollow", token)
    thing = thing_of(follower)
    with translation.override(follower.language):
        news = tell(event)
        context = {
            "thing": thing,
            "thing_url": absolute_url(thing.get_absolute_url()),
            "news": news,
            "news_url": absolute_url(news.url),
            "unfollow_url": unfollow,
            "from_idea": follower.idea_id is not None,
        }
    return mail_owed_from_template(
        "follow_news",
        to=follower.email,
        language=follower.language,
        context=context,
        headers={
            "List-Unsubscribe": f"<{unfollow}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
