"""A person downloads everything the portal holds about them: a ZIP of JSON files, streamed,
private, in a fixed number of queries whatever the amount of data."""

import pytest
from django.urls import reverse

from actors.events import event_record
from actors.models import SiteSettings, User
from focusgroups.choices import FocusGroupEvent
from privacy import export
from tests.focusgroups.factories import IdeaFactory
from tests.newsletter.factories import SubscriberFactory
from tests.workshops.factories import CommentFactory, ThemeSuggestionFactory

from .conftest import download

pytestmark = pytest.mark.django_db


def test_the_person_gets_their_account_their_work_and_what_came_at_their_address(
    logged_in, member, outsider, organisation
):
    member.first_name = "Amina"
    member.save()
    CommentFactory(author=member, organisation=organisation, text="Punkt 3 saknas.")
    CommentFactory(author=outsider, text="Not mine.")
    ThemeSuggestionFactory(suggested_by=member, organisation=organisation, title="Idrott")
    IdeaFactory(email="member@example.org", title="Utegym")
    SubscriberFactory(email="member@example.org", name="Amina")

    files = download(logged_in)

    assert files["account/account.json"][0]["first_name"] == "Amina"
    assert files["account/memberships.json"][0]["organisation__name"] == "Folkets Husby"
    comments = files["written/workshops/minutescomment.json"]
    assert [c["text"] for c in comments] == ["Punkt 3 saknas."]
    assert files["written/workshops/themesuggestion.json"][0]["title"] == "Idrott"
    assert files["at_your_address/ideas.json"][0]["title"] == "Utegym"
    assert files["at_your_address/newsletter.json"][0]["name"] == "Amina"
    assert "member@example.org" in files["README.txt"]
    # Keys to the person's login and links are never part of it.
    text = str(files)
    assert member.password not in text and "token_key" not in text


def test_every_link_to_a_user_is_exported(db):
    """A model that names a user in a ForeignKey is either one of the chosen parts or exported
    whole under written/: a new one cannot be forgotten."""
    exported = export.OWN_MODELS | set(export.user_links())
    linked = {relation.related_model for relation in export.reverse_foreign_keys(User)}
    assert {m for m in linked if not m._meta.auto_created} <= exported


def test_the_download_is_private_and_not_stored(logged_in):
    response = logged_in.get(reverse("privacy:data_download"))
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith('attachment; filename="my-data-')
    b"".join(response.streaming_content)


def _activity(member, organisation, n):
    for i in range(n):
        CommentFactory(author=member, organisation=organisation)
        ThemeSuggestionFactory(suggested_by=member)
        IdeaFactory(email="member@example.org")
        with_event(member, i)


def with_event(member, i):
    from django.db import transaction

    with transaction.atomic():
        event_record(
            kind=FocusGroupEvent.IDEA_CONFIRMED,
            subject=None,
            actor=member,
            data={"n": i},
            public=False,
        )


@pytest.mark.parametrize("rows", [1, 30])
def test_the_query_count_does_not_grow_with_the_data(
    logged_in, site, member, organisation, rows, django_assert_num_queries, monkeypatch
):
    monkeypatch.setattr(export, "CHUNK_ROWS", 10)
    _activity(member, organisation, rows)
    parts = len(export.parts())
    SiteSettings.current()  # cached, as it is between requests
    # The session, the user and the user's roles (the README's page context), then one query
    # per file of the export, read in chunks through one cursor.
    with django_assert_num_queries(3 + parts):
        files = download(logged_in)
    assert len(files["activity/events.json"]) == rows
