"""Fixtures every app's tests share: one person for each role the permission matrix knows."""

from types import SimpleNamespace

import pytest
from django.conf import settings as django_settings
from django.utils import translation

from actors.choices import PortalRole
from actors.models import SiteSettings
from cih.celery import app as celery_app
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory, user_with_role
from tests.smtp_sink import SmtpSink

ROLES = ("anonymous", "member", "outsider", "coordinator", "treasurer", "evaluator", "admin")


@pytest.fixture(autouse=True)
def _isolated(settings, tmp_path):
    """Tasks run in-process and uploads land in a temporary folder, unless a test says otherwise."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Whole-page caching has tests of its own (tests/actors/test_pagecache.py).
    settings.PAGE_CACHE_ENABLED = False
    celery_app.conf.task_always_eager = True
    # A request to /en/ leaves English active in this thread; reverse() must start in Swedish.
    translation.activate("sv")
    yield
    translation.activate("sv")


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
    yield
    for cache in caches.all():
        cache.clear()


@pytest.fixture
def smtp_sink(settings):
    """Django's mail goes to a real SMTP server on 127.0.0.1 for the test."""
    with SmtpSink() as sink:
        sink.use_in(settings)
        yield sink


@pytest.fixture
def site(db):
    """The collaboration's own names, as a coordinator fills them in."""
    site = SiteSettings(
        name_sv="Collective Impact Husby",
        short_name="CIH",
        area="Husby",
        council_name="Husbyrådet",
        contact_email="kontakt@cih.example.org",
    )
    site.save()
    return site


@pytest.fixture
def every_language(site):
    """The collaboration offers every language the portal has a catalogue for."""
    site.languages = [code for code, _name in django_settings.LANGUAGES]
    site.save()
    return site


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="Folkets Husby", slug="folkets-husby")


@pytest.fixture
def other_organisation(db):
    return OrganisationFactory(name="Husby FF", slug="husby-ff")


@pytest.fixture
def member(organisation):
    return MembershipFactory(organisation=organisation, user__email="member@example.org").user


@pytest.fixture
def outsider(other_organisation):
    """A member of another organisation."""
    return MembershipFactory(organisation=other_organisation, user__email="other@example.org").user


@pytest.fixture
def coordinator(db):
    return user_with_role(PortalRole.COORDINATOR, email="coordinator@example.org")


@pytest.fixture
def treasurer(db):
    return user_with_role(PortalRole.TREASURER, email="treasurer@example.org")


@pytest.fixture
def evaluator(db):
    return user_with_role(PortalRole.EVALUATOR, email="evaluator@example.org")


@pytest.fixture
def admin_user(db):
    return UserFactory(email="admin@example.org", is_superuser=True, is_staff=True)


@pytest.fixture
def people(member, outsider, coordinator, treasurer, evaluator, admin_user):
    """Everyone the permission matrix asks about, by role name."""
    return SimpleNamespace(
        anonymous=None,
        member=member,
        outsider=outsider,
        coordinator=coordinator,
        treasurer=treasurer,
        evaluator=evaluator,
        admin=admin_user,
    )


@pytest.fixture
def client_for(client, people):
    """A test client logged in as the person with the given role (anonymous: logged out)."""

    def login(role: str):
        client.logout()
        person = getattr(people, role)
        if person is not None:
            client.force_login(person)
        return client

    return login
