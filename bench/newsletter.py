"""Benchmark: one newsletter edition to 10,000 subscribers through real Celery workers.

Sends one edition to RECIPIENTS confirmed subscribers through a local SMTP sink (aiosmtpd on
127.0.0.1, in its own process) with a real worker (`celery -A cih worker`, prefork, concurrency
2) on Redis and PostgreSQL; and, in the same run, the same messages sent by Django's SMTP backend
in one plain loop over one connection (the floor). Prints one JSON line:

    {"bench": "newsletter", "recipients": 10000, "portal_msgs_per_s": …, "floor_msgs_per_s": …,
     "ratio": …, "duplicates": …, "missed": …}

Run from the project root (the database is migrated; the benchmark's rows are removed after):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cih_bench \
    CELERY_BROKER_URL=redis://127.0.0.1:6379/15 python bench/newsletter.py

Celery's queue in the given Redis database is emptied first. A benchmark, not a test: it
asserts nothing.
"""

import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

RECIPIENTS = int(os.environ.get("BENCH_RECIPIENTS", "10000"))
CONCURRENCY = int(os.environ.get("BENCH_CONCURRENCY", "2"))
DOMAIN = "bench.example.org"
SUBJECT = "Benchmark edition"
KOMBU_KEYS = ("celery", "unacked", "unacked_index", "unacked_mutex")

os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/cih_bench")
os.environ.setdefault("CELERY_BROKER_URL", "redis://127.0.0.1:6379/15")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cih.settings")
os.environ["DEBUG"] = "false"


def ensure_database():
    import psycopg
    from django.conf import settings

    db = settings.DATABASES["default"]
    if db["ENGINE"] != "django.db.backends.postgresql":
        raise SystemExit("bench/newsletter.py needs PostgreSQL in DATABASE_URL")
    admin = psycopg.connect(
        host=db["HOST"] or "127.0.0.1",
        port=db["PORT"] or 5432,
        user=db["USER"],
        password=db["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    )
    with admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db["NAME"]])
        if exists.fetchone() is None:
            admin.execute(f'CREATE DATABASE "{db["NAME"]}"')


def clean():
    from newsletter.models import Edition, Subscriber

    Edition.objects.filter(subject_sv=SUBJECT).delete()
    Subscriber.objects.filter(email__endswith=f"@{DOMAIN}").delete()


def main():
    import django

    django.setup()
    ensure_database()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)

    import redis
    from django.conf import settings
    from django.core.mail import get_connection
    from django.db import connection

    from actors.models import User
    from bench.common import Sink, address_of
    from cih.celery import app as celery_app
    from newsletter import mail
    from newsletter.choices import EditionStatus, SubscriberStatus
    from newsletter.models import Edition, Subscriber, email_hash
    from newsletter.services import editions
    from tests.newsletter.worker import start_worker, stop, wait_for

    if Subscriber.objects.confirmed().exclude(email__endswith=f"@{DOMAIN}").exists():
        raise SystemExit("the database has real subscribers: give the benchmark its own database")
    broker = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    broker.delete(*KOMBU_KEYS)
    clean()
    emails = [f"resident{number:05d}@{DOMAIN}" for number in range(RECIPIENTS)]
    Subscriber.objects.bulk_create(
        (
            Subscriber(
                email=email,
                email_hash=email_hash(email),
                name=f"Resident {number}",
                language="en" if number % 4 == 0 else "sv",
                status=SubscriberStatus.CONFIRMED,
            )
            for number, email in enumerate(emails)
        ),
        batch_size=2000,
    )
    actor, _created = User.objects.get_or_create(email=f"coordinator@{DOMAIN}")
    edition = editions.edition_save(
        actor=actor,
        subject_sv=SUBJECT,
        subject_en="Benchmark edition (English)",
        body_sv="Hej!\n\nDet här är **nyheterna** från samverkan.\n\n- En workshop\n- Ett beslut\n"
        * 3,
        body_en="Hello!\n\nThis is the **news** from the collaboration.\n\n- A workshop\n"
        "- A decision\n" * 3,
        audience="all",
        interests=[],
    )

    sink = Sink()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", sink.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    worker = None
    try:
        # The floor: the same messages, built the same way, in one loop over one connection.
        subscribers = list(Subscriber.objects.filter(email__endswith=f"@{DOMAIN}").order_by("pk"))
        contents = {language: mail.edition_content(edition, language) for language in ("sv", "en")}
        started = time.perf_counter()
        smtp = get_connection()
        smtp.open()
        for number, subscriber in enumerate(subscribers):
            unsubscribe_url, preferences_url = (f"https://x/u/{number}/", f"https://x/p/{number}/")
            smtp.send_messages(
                [
                    mail.edition_message(
                        contents[subscriber.language],
                        to=mail.recipient(subscriber),
                        unsubscribe_url=unsubscribe_url,
                        preferences_url=preferences_url,
                        message_id=mail.message_id(edition.pk, number),
                    )
                ]
            )
        smtp.close()
        floor = RECIPIENTS / (time.perf_counter() - started)
        sink.ask("reset")

        # The portal: a real worker on Redis and PostgreSQL.
        worker = start_worker(
            broker_url=settings.CELERY_BROKER_URL,
            database_url=address_of(connection),
            email_url=f"smtp://127.0.0.1:{sink.port}",
            log_path=Path(
                os.environ.get("BENCH_WORKER_LOG")
                or Path(tempfile.gettempdir()) / "bench-newsletter-worker.log"
            ),
            concurrency=CONCURRENCY,
            name="bench",
        )
        celery_app.conf.task_always_eager = False
        if not wait_for(lambda: bool(celery_app.control.ping(timeout=0.5)), timeout=60):
            raise SystemExit("the worker did not start; see the worker log")
        started = time.perf_counter()
        editions.edition_send(edition=edition, actor=actor)
        done = wait_for(
            lambda: Edition.objects.filter(pk=edition.pk, status=EditionStatus.SENT).exists(),
            timeout=1800,
            interval=0.05,
        )
        portal = RECIPIENTS / (time.perf_counter() - started) if done else 0.0
        counts = sink.counts()
    finally:
        if worker is not None:
            stop(worker)
        sink.stop()
        broker.delete(*KOMBU_KEYS)
        clean()
    print(
        json.dumps(
            {
                "bench": "newsletter",
                "recipients": RECIPIENTS,
                "portal_msgs_per_s": round(portal, 1),
                "floor_msgs_per_s": round(floor, 1),
                "ratio": round(portal / floor, 2),
                "duplicates": sum(count - 1 for count in counts.values() if count > 1),
                "missed": sum(1 for email in emails if counts[email] == 0),
            }
        )
    )


if __name__ == "__main__":
    main()
