"""manage.py seed_demo: the demo collaboration, loaded in the order its story happens."""

from io import StringIO

import pytest
from django.core.management import call_command

from actors.models import Event, GovernanceBody, Membership, Organisation, Principle, User

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
