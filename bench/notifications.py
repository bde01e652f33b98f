"""Benchmark: one day's events told to the portal's people and to 30,000 residents by e-mail.

On `seed_demo --scale 10` with RESIDENTS residents who follow initiatives or wait to hear what
became of their ideas (confirmed Follower rows) and MEMBERS_PER_ORGANISATION people in each
organisation, one day's events are recorded through the services (initiatives moved, decisions
recorded, a workshop logged with actions, ideas moderated, a round opened). Then a real worker
(`celery -A cih worker`, prefork, concurrency 2, on Redis and PostgreSQL) runs the fan-out and
the telling of followers and delivers every mail they owe to an SMTP sink on 127.0.0.1
(aiosmtpd, in its own process). The floor, measured in the same run, is the same messages sent
by Django's SMTP backend in one plain loop over one connection. Each round starts from a fresh
copy of the seeded database; the median round is kept. Prints one JSON line:

    {"bench": "notifications", "recipients": …, "msgs_per_s": …, "floor_msgs_per_s": …,
     "ratio": …, "duplicates": …, "missed": …, "queries_per_batch": …}

`recipients` counts the addresses the day's events concern, `duplicates` the messages an
address got twice for the same news, `missed` the news an address was owed and did not get (both
from who the benchmark made follow what, not from the portal's own rows). `queries_per_batch`
is the SQL queries of one fan-out batch and of one telling run over the day's events, at scale 1
and at scale SCALE. A benchmark, not a test: it asserts nothing. Run with `make bench`.
"""

import datetime
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.common import (  # noqa: E402
    REDIS,
    Sink,
    address_of,
    cloned_database,
    drop_database,
    seeded_database,
)

SCALE = int(os.environ.get("BENCH_SCALE", "10"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
RESIDENTS = int(os.environ.get("BENCH_RESIDENTS", "30000"))
MEMBERS_PER_ORGANISATION = 25
CONCURRENCY = 2
REDIS_DB = int(os.environ.get("BENCH_NOTIFICATIONS_REDIS_DB", "13"))
DOMAIN = "residents.example.org"
KOMBU_KEYS = ("celery", "unacked", "unacked_index", "unacked_mutex")


def main():
    rounds, queries = [], {}
    for scale in (1, SCALE):
        template = f"cih_bench_notifications_seed_{scale}"
        seeded_database(scale, name=template)
        copy = f"cih_bench_notifications_{scale}"
        try:
            for _round in range(ROUNDS if scale == SCALE else 1):
                result = child(cloned_database(template, copy), measure=scale == SCALE)
                queries[scale] = result.pop("queries")
                if scale == SCALE:
                    print(json.dumps(result), file=sys.stderr)  # each round, as it ends
                    rounds.append(result)
        finally:
            drop_database(copy)
    rounds.sort(key=lambda result: result["ratio"])
    median = rounds[len(rounds) // 2]
    print(
        json.dumps(
            {
                "bench": "notifications",
                **median,
                "duplicates": max(r["duplicates"] for r in rounds),
                "missed": max(r["missed"] for r in rounds),
                "queries_per_batch": {
                    part: {f"scale_{scale}": counts[part] for scale, counts in queries.items()}
                    for part in ("fan_out", "tell")
                },
            }
        )
    )


def child(database: str, *, measure: bool) -> dict:
    env = {
        **os.environ,
        "DATABASE_URL": database,
        "CELERY_BROKER_URL": f"{REDIS}/{REDIS_DB}",
        "DJANGO_SETTINGS_MODULE": "cih.settings",
        "DEBUG": "false",
    }
    command = [sys.executable, __file__, "--measure" if measure else "--queries"]
    output = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    if output.returncode:
        sys.exit(output.stderr)
    return json.loads(output.stdout.strip().splitlines()[-1])


# In the child, on one copy of the seeded database --------------------------------------------


def people():
    """Members in every active organisation; the demo has only a handful."""
    from actors.models import Membership, Organisation, User

    organisations = list(Organisation.objects.filter(active=True).order_by("pk"))
    users = User.objects.bulk_create(
        User(
            email=f"member{o.pk}-{n}@members.example.org",
            password="!",  # noqa: S106 - no password: these people never log in
        )
        for o in organisations
        for n in range(MEMBERS_PER_ORGANISATION)
    )
    Membership.objects.bulk_create(
        Membership(user=user, organisation=organisations[n // MEMBERS_PER_ORGANISATION])
        for n, user in enumerate(users)
    )


def one_day(coordinator):
    """The day's events, through the services; returns what the benchmark expects told."""
    from django.core.exceptions import PermissionDenied, ValidationError
    from django.db import transaction

    from focusgroups.models import Idea
    from initiatives import process
    from initiatives.choices import InitiativeStep
    from initiatives.models import Initiative
    from initiatives.services import initiative_advance
    from prioritization.choices import IdeaOutcome
    from prioritization.models import Need
    from prioritization.services import idea_moderate, round_open
    from workshops.choices import ItemKind, WorkshopStatus
    from workshops.models import Attendance, Workshop, WorkshopItem
    from workshops.services import workshop_log

    moved = []  # (initiative, step it moved to)
    candidates = Initiative.objects.exclude(
        step__in=[InitiativeStep.NEEDS, InitiativeStep.WITHDRAWN, InitiativeStep.REJECTED]
    ).order_by("pk")
    for initiative in candidates:
        if len(moved) == 12:
            break
        for (source, target), _transition in process.TRANSITIONS.items():
            if source != initiative.step or target == InitiativeStep.REJECTED:
                continue
            try:
                with transaction.atomic():
                    initiative_advance(
                        initiative=initiative, to_step=target, actor=coordinator, note="Benchmark"
                    )
            except (PermissionDenied, ValidationError):  # TransitionError too: a guard says no
                continue
            moved.append((initiative, target))
            break
    workshop = Workshop.objects.filter(status=WorkshopStatus.HELD).order_by("-starts_at").first()
    attendance = list(Attendance.objects.filter(workshop=workshop).select_related("organisation"))
    owners = [a.organisation for a in attendance][:3]
    due = datetime.date.today() + datetime.timedelta(days=14)
    workshop_log(
        workshop=workshop,
        attendance={a.organisation_id: a.people for a in attendance},
        items=[
            WorkshopItem(
                kind=ItemKind.ACTION,
                owner=owner,
                due=due,
                text_sv=f"Benchmarkåtgärd {n}",
                text_en=f"Benchmark action {n}",
            )
            for n, owner in enumerate(owners)
        ],
        actor=coordinator,
    )
    for idea in Idea.objects.filter(status="awaiting")[:3]:
        idea_moderate(idea=idea, outcome=IdeaOutcome.KEEP, reply="Tack!", actor=coordinator)
    round_open(
        title_sv="Benchmarkrunda",
        needs=Need.objects.order_by("pk")[:5],
        closes_on=due,
        actor=coordinator,
    )
    return moved, owners


def residents(moved):
    """RESIDENTS addresses: two in three follow an initiative (half of them one that moves
    today), one in three sent an idea that became part of a need of one."""
    from django.utils import timezone

    from focusgroups.models import Idea
    from initiatives.models import Initiative
    from newsletter.choices import SubscriberStatus
    from newsletter.models import Follower, email_hash

    today = [initiative for initiative, _step in moved]
    others = list(Initiative.objects.exclude(pk__in=[i.pk for i in today]).order_by("pk")[:40])
    needs = sorted({n for i in today for n in i.needs.values_list("pk", flat=True)})
    idea = Idea.objects.order_by("pk").first()
    since = timezone.now() - datetime.timedelta(days=30)
    followers = []
    for number in range(RESIDENTS):
        email = f"resident{number:05d}@{DOMAIN}"
        chosen = today if number % 2 else others
        thing = (
            {"initiative": chosen[number % len(chosen)]}
            if number % 3
            else {"need_id": needs[number % len(needs)], "idea": idea}
        )
        followers.append(
            Follower(
                email=email,
                email_hash=email_hash(email),
                language="en" if number % 4 == 0 else "sv",
                status=SubscriberStatus.CONFIRMED,
                confirmed_at=since,
                **thing,
            )
        )
    Follower.objects.bulk_create(followers, batch_size=2000)
    return followers


def expected_mail(followers, moved, owners, actor) -> Counter:
    """(address, event) -> 1 for each news owed, from what the benchmark made, not the portal's
    rows: each follower of a moved initiative or of one of its needs (idea senders only of a
    completion), each person of an organisation given an action, each member told a round
    opened, each evaluator told an initiative reached evaluation."""
    from actors.choices import PortalRole
    from actors.models import Membership, RoleAssignment
    from initiatives.choices import InitiativeStep

    owed = Counter()
    by_initiative, by_need = defaultdict(set), defaultdict(set)
    for follower in followers:
        if follower.initiative_id:
            by_initiative[follower.initiative_id].add(follower.email)
        else:
            by_need[follower.need_id].add(follower.email)
    for initiative, step in moved:
        if not initiative.is_public:
            continue
        told = set(by_initiative[initiative.pk])
        if step == InitiativeStep.COMPLETED:
            for need in initiative.needs.values_list("pk", flat=True):
                told |= by_need[need]
        for email in told:
            owed[email, ("moved", initiative.pk)] += 1
    members = Membership.objects.filter(organisation__active=True)
    for owner in owners:
        for email in members.filter(organisation=owner).values_list("user__email", flat=True):
            owed[email, ("action", owner.pk)] += 1
    for email in set(members.values_list("user__email", flat=True)):
        owed[email, ("round",)] += 1
    evaluators = RoleAssignment.objects.filter(role=PortalRole.EVALUATOR)
    for initiative, step in moved:
        if step == InitiativeStep.EVALUATION:
            for email in evaluators.values_list("user__email", flat=True):
                owed[email, ("evaluation", initiative.pk)] += 1
    return Counter({(email, news): n for (email, news), n in owed.items() if email != actor.email})


def count_queries(after_event: int) -> dict:
    """The queries of one fan-out batch and one telling batch of the day's events, rolled back."""
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from actors.events import public_events
    from actors.models import Event
    from newsletter.services.telling import EVENTS_PER_BATCH, TOLD_KINDS, _tell
    from notifications.services import FAN_OUT_BATCH, _fan_out_events

    day = Event.objects.filter(pk__gt=after_event).order_by("pk")
    told = public_events().filter(kind__in=TOLD_KINDS, pk__gt=after_event).order_by("pk")
    counts = {}
    for part, events, consume in (
        ("fan_out", list(day[:FAN_OUT_BATCH]), lambda events: _fan_out_events(events, mail=True)),
        ("tell", list(told[:EVENTS_PER_BATCH]), _tell),
    ):
        try:
            with transaction.atomic(), CaptureQueriesContext(connection) as queries:
                consume(events)
                raise Rollback
        except Rollback:
            counts[part] = len(queries)
    return counts


class Rollback(Exception):
    pass


def in_child(measure: bool):
    import django

    django.setup()
    import redis
    from django.conf import settings
    from django.db import connection

    from actors.choices import MailStatus, PortalRole
    from actors.events import public_events
    from actors.models import Event, OutgoingMail, User
    from cih.celery import app as celery_app
    from newsletter.services.telling import TOLD_KINDS
    from tests.newsletter.worker import start_worker, stop, wait_for

    coordinator = User.objects.get(role_assignments__role=PortalRole.COORDINATOR, is_active=True)
    broker = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    people()
    first_event = Event.objects.order_by("-pk").values_list("pk", flat=True).first()
    celery_app.conf.task_always_eager = False
    moved, owners = one_day(coordinator)
    followers = residents(moved)
    # The day is over: its events settled long ago, as they have when the telling job runs.
    # (The stream refuses updates through the ORM; a benchmark may age its own rows.)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Event._meta.db_table} SET at = at - interval '1 hour' WHERE id > %s",  # noqa: S608
            [first_event],
        )
    broker.delete(*KOMBU_KEYS)
    result = {"queries": count_queries(first_event)}
    if not measure:
        print(json.dumps(result))
        return
    owed = expected_mail(followers, moved, owners, coordinator)
    first_mail = OutgoingMail.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    sink = Sink()
    worker = start_worker(
        broker_url=settings.CELERY_BROKER_URL,
        database_url=address_of(connection),
        email_url=f"smtp://127.0.0.1:{sink.port}",
        log_path=Path(tempfile.gettempdir()) / "bench-notifications-worker.log",
        concurrency=CONCURRENCY,
        name="bench-notifications",
    )
    try:
        if not wait_for(lambda: bool(celery_app.control.ping(timeout=0.5)), timeout=60):
            sys.exit("the worker did not start; see its log")
        last_event = Event.objects.order_by("-pk").values_list("pk", flat=True).first()
        # The telling cursor stops at the last event followers are told of.
        last_told = (
            public_events()
            .filter(kind__in=TOLD_KINDS)
            .order_by("-pk")
            .values_list("pk", flat=True)
            .first()
        )
        started = time.perf_counter()
        celery_app.send_task("notifications.tasks.fan_out")
        celery_app.send_task("newsletter.tasks.tell_followers")

        def done():
            from newsletter.models import FollowCursor
            from notifications.models import FanOutCursor

            return (
                FanOutCursor.objects.filter(last_event_id__gte=last_event).exists()
                and FollowCursor.objects.filter(last_event_id__gte=last_told).exists()
                and not OutgoingMail.objects.filter(
                    pk__gt=first_mail, status__in=[MailStatus.PENDING, MailStatus.SENDING]
                ).exists()
            )

        finished = wait_for(done, timeout=600, interval=0.05)
        elapsed = time.perf_counter() - started
        sent = OutgoingMail.objects.filter(pk__gt=first_mail).count()
        told = sink.told()
    finally:
        stop(worker)
    sink.ask("reset")
    floor = floor_rate(first_mail, sink.port)
    sink.stop()
    broker.delete(*KOMBU_KEYS)
    portal = sent / elapsed if finished else 0.0
    received = Counter(to for to, _news in told.elements())
    news_per_address = Counter(to for to, _news in told)
    owed_per_address = Counter(to for to, _news in owed)
    print(
        json.dumps(
            {
                **result,
                "recipients": len(owed_per_address),
                "messages": sent,
                "msgs_per_s": round(portal, 1),
                "floor_msgs_per_s": round(floor, 1),
                "ratio": round(portal / floor, 2),
                "duplicates": sum(count - 1 for count in told.values() if count > 1),
                "missed": sum(
                    max(0, owed - news_per_address[to]) for to, owed in owed_per_address.items()
                ),
                "unexpected": sum(
                    max(0, got - owed_per_address[to]) for to, got in received.items()
                ),
            }
        )
    )


def floor_rate(first_mail: int, port: int) -> float:
    """The same messages sent in one loop over one connection of Django's SMTP backend."""
    from django.conf import settings
    from django.core.mail import EmailMultiAlternatives, get_connection

    from actors.models import OutgoingMail

    mails = list(OutgoingMail.objects.filter(pk__gt=first_mail).order_by("pk"))
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    started = time.perf_counter()
    with get_connection() as smtp:
        for mail in mails:
            message = EmailMultiAlternatives(
                subject=mail.subject,
                body=mail.body_text,
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=[mail.recipient],
                headers={"Message-ID": mail.message_id, **mail.headers},
                connection=smtp,
            )
            message.attach_alternative(mail.body_html, "text/html")
            message.send()
    return len(mails) / (time.perf_counter() - started)


if __name__ == "__main__":
    if len(sys.argv) > 1:
        in_child(measure=sys.argv[1] == "--measure")
    else:
        main()
