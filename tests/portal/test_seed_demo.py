"""manage.py seed_demo: the demo collaboration, loaded in the order its story happens."""

from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from actors.choices import MailStatus
from actors.mail import mail_sweep
from actors.models import (
    Event,
    GovernanceBody,
    Membership,
    Organisation,
    OutgoingMail,
    Principle,
    User,
)
from newsletter.tasks import send_owed_confirmations

pytestmark = pytest.mark.django_db


def counts():
    models = (Organisation, User, Membership, Principle, GovernanceBody, Event)
    return {model.__name__: model.objects.count() for model in models}


def test_seed_demo_twice_changes_nothing(client):
    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert out.getvalue().splitlines()[:2] == [
        "Demo data loaded. Demo logins:",
        "  coordinator@demo.cih.se      password demo-cih-2026",
    ]
    first = counts()
    call_command("seed_demo")
    assert counts() == first
    assert first["Organisation"] >= 8
    member = User.objects.get(email="member@demo.cih.se")
    assert member.memberships.get().organisation.name == "Folkets Husby"
    for email in ("coordinator", "member", "treasurer", "evaluator", "admin"):
        assert client.login(email=f"{email}@demo.cih.se", password="demo-cih-2026")
    page = client.get("/").content.decode()
    assert "Collective Impact Husby" in page and "Husby FF" in page
    assert "Ni sa, vi gjorde" in page  # the demo's story, told from its events


def test_seed_demo_mails_no_one(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", stdout=StringIO())
    # The story's ideas were confirmed and answered: their mails are on record, as sent.
    assert OutgoingMail.objects.filter(recipient__endswith="@example.org").exists()
    assert not OutgoingMail.objects.exclude(status=MailStatus.SENT).exists()
    # Nothing is owed to the periodic jobs of a worker started next either.
    assert mail_sweep()["due"] == 0
    assert send_owed_confirmations() == 0
    assert mail.outbox == []
