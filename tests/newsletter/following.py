"""What the following tests share: a public initiative, a follower, and the links in a mail."""

import re
from decimal import Decimal
from urllib.parse import urlsplit

from django.utils import timezone

from initiatives import services
from initiatives.choices import InitiativeStep as S
from initiatives.forms import DecisionForm
from newsletter.choices import SubscriberStatus
from newsletter.models import Follower, email_hash
from tests.initiatives.factories import InitiativeFactory


def public_initiative(**fields):
    return InitiativeFactory(
        step=S.DECISION, submitted_at=timezone.now(), budget=Decimal(1000), **fields
    )


def follower_of(email="amina@example.org", language="sv", **thing):
    return Follower.objects.create(
        email=email,
        email_hash=email_hash(email),
        language=language,
        status=SubscriberStatus.CONFIRMED,
        confirmed_at=timezone.now() - timezone.timedelta(minutes=1),
        **thing,
    )


def decide(initiative, actor, day="2026-11-18"):
    form = DecisionForm({"decided_on": day, "decided_by": "Aktörerna"})
    assert form.is_valid(), form.errors
    services.decision_record(initiative=initiative, data=form.cleaned_data, actor=actor)


def links_in(text: str) -> list[str]:
    return re.findall(r"https?://\S+", text)


def path_of(url: str) -> str:
    return urlsplit(url).path
