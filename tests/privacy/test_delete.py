"""A person deletes their own account: name, address and login go; what they wrote for their
organisation stays. A forged or replayed deletion changes nothing and never gives a 500."""

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import translation

from actors.choices import PortalRole
from actors.events import event_record
from actors.models import Event, Membership, OutgoingMail, User
from focusgroups.choices import FocusGroupEvent
from focusgroups.models import Idea
from focusgroups.services import idea_keep_or_decline
from funding.models import LedgerEntry
from initiatives.choices import InitiativeStep
from initiatives.models import InitiativeStepChange
from initiatives.services import initiative_advance
from newsletter.choices import SubscriberStatus
from newsletter.models import Subscriber
from notifications.models import Notification, Preference
from privacy import services
from privacy.choices import PrivacyEvent
from tests.factories import PASSWORD, UserFactory, user_with_role
from tests.focusgroups.factories import IdeaFactory
from tests.funding.factories import make_grant
from tests.initiatives.factories import InitiativeFactory, NeedFactory
from tests.newsletter.factories import SubscriberFactory
from tests.workshops.factories import CommentFactory
from workshops.models import MinutesComment

pytestmark = pytest.mark.django_db

URL = reverse("privacy:account_delete")


def _post(client, password=PASSWORD, **extra):
    return client.post(URL, {"password": password, **extra})


@pytest.fixture
def amina(member, organisation):
    member.first_name, member.last_name = "Amina", "Ali"
    member.save()
    CommentFactory(author=member, organisation=organisation, text="Punkt 3 saknas.")
    Preference.objects.create(user=member, kind="initiative_moved", frequency="never")
    IdeaFactory(email="member@example.org")
    SubscriberFactory(email="member@example.org", name="Amina")
    OutgoingMail.objects.create(
        recipient="member@example.org",
        language="sv",
        subject="x",
        body_text="x",
        body_html="x",
        message_id="<1@example.org>",
    )
    with transaction.atomic():
        event_record(kind=FocusGroupEvent.IDEA_CONFIRMED, subject=None, actor=member, public=False)
    return member


def test_the_person_goes_and_their_work_stays_with_the_organisation(client, amina, organisation):
    client.force_login(amina)

    response = _post(client)

    assert response.status_code == 302
    assert response["Location"] == reverse("privacy:account_deleted")
    assert not User.objects.filter(email="member@example.org").exists()
    assert not Membership.objects.exists()
    assert not Preference.objects.exists() and not Notification.objects.exists()
    comment = MinutesComment.objects.get()
    assert (comment.author, comment.organisation, comment.text) == (
        None,
        organisation,
        "Punkt 3 saknas.",
    )
    assert Event.objects.get(kind=FocusGroupEvent.IDEA_CONFIRMED).actor is None
    # What came in at the address without the account loses the address.
    assert Idea.objects.get().email == ""
    subscriber = Subscriber.objects.get()
    assert (subscriber.email, subscriber.name, subscriber.status) == (
        "",
        "",
        SubscriberStatus.UNSUBSCRIBED,
    )
    assert not OutgoingMail.objects.filter(recipient="member@example.org").exists()
    # One event says it happened, without a name or an address.
    deleted = Event.objects.get(kind=PrivacyEvent.ACCOUNT_DELETED)
    assert deleted.actor is None and deleted.data["organisations"] == [organisation.pk]
    assert "member@example.org" not in str(deleted.data) and "Amina" not in str(deleted.data)
    # Logged out: the account's pages now ask for a login.
    assert client.get(reverse("privacy:account")).status_code == 302
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.parametrize("password", ["wrong", ""])
def test_a_wrong_or_missing_password_changes_nothing(client, amina, password):
    client.force_login(amina)
    response = _post(client, password=password)
    assert response.status_code == 400
    assert User.objects.filter(pk=amina.pk).exists()
    assert not Event.objects.filter(kind=PrivacyEvent.ACCOUNT_DELETED).exists()


def test_guessing_the_password_is_stopped_after_a_few_tries(client, amina):
    client.force_login(amina)
    for _ in range(5):
        assert _post(client, password="wrong").status_code == 400
    assert _post(client).status_code == 429
    assert User.objects.filter(pk=amina.pk).exists()


def test_another_users_id_is_ignored(client, amina, outsider):
    """No field names whose account goes: only the logged-in person's own can."""
    client.force_login(outsider)
    response = _post(client, user=amina.pk, pk=amina.pk, id=amina.pk)
    assert response.status_code == 302
    assert User.objects.filter(pk=amina.pk).exists()
    assert not User.objects.filter(pk=outsider.pk).exists()


def test_without_the_csrf_token_nothing_happens(amina):
    client = Client(enforce_csrf_checks=True)
    client.force_login(amina)
    assert _post(client).status_code == 403
    assert User.objects.filter(pk=amina.pk).exists()


def test_a_replay_after_deletion_changes_nothing(client, amina, outsider):
    client.force_login(amina)
    session = client.cookies["sessionid"].value
    assert _post(client).status_code == 302
    client.cookies["sessionid"] = session  # the old session cookie, sent again
    response = _post(client)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert Event.objects.filter(kind=PrivacyEvent.ACCOUNT_DELETED).count() == 1
    assert User.objects.filter(pk=outsider.pk).exists()


def test_a_closed_account_cannot_be_deleted_twice(amina):
    User.objects.filter(pk=amina.pk).update(is_active=False)
    with pytest.raises(services.DeletionRefused):
        services.account_delete(user=amina, password=PASSWORD)


def test_the_last_coordinator_hands_over_first(client, coordinator):
    client.force_login(coordinator)
    with translation.override("en"):
        page = client.get(reverse("privacy:account"))
    assert "You are the last coordinator" in page.content.decode()
    assert _post(client).status_code == 400
    assert User.objects.filter(pk=coordinator.pk).exists()

    user_with_role(PortalRole.COORDINATOR, email="next@example.org")
    assert _post(client).status_code == 302
    assert not User.objects.filter(pk=coordinator.pk).exists()


def test_an_administrator_also_coordinates_so_a_coordinator_may_leave(client, coordinator):
    UserFactory(email="root@example.org", is_superuser=True)
    client.force_login(coordinator)
    assert _post(client).status_code == 302


def test_the_last_administrator_makes_another_first(client, admin_user):
    client.force_login(admin_user)
    assert _post(client).status_code == 400
    UserFactory(email="root@example.org", is_superuser=True)
    assert _post(client).status_code == 302


def test_the_confirmation_page_asks_for_the_password(client, member):
    client.force_login(member)
    page = client.get(URL)
    assert page.status_code == 200
    assert 'autocomplete="current-password"' in page.content.decode()


def test_an_idea_whose_sender_left_is_answered_without_a_mail(amina, coordinator):
    services.account_delete(user=amina, password=PASSWORD)
    idea = Idea.objects.get()
    idea_keep_or_decline(idea=idea, decision="decline", reply="Tack!", actor=coordinator)
    assert Idea.objects.get().status == "declined"
    assert not OutgoingMail.objects.exists()


def test_the_books_and_the_process_log_keep_their_rows_without_the_person(
    client, treasurer, member, organisation
):
    """The append-only tables allow one change: forgetting who made a row."""
    grant = make_grant(treasurer, received="500.00")
    initiative = InitiativeFactory(lead_organisation=organisation)
    initiative.needs.add(NeedFactory())
    initiative_advance(initiative=initiative, to_step=InitiativeStep.PROPOSAL, actor=member)
    for person in (treasurer, member):
        client.force_login(person)
        assert _post(client).status_code == 302
    assert set(LedgerEntry.objects.filter(grant=grant).values_list("created_by", flat=True)) == {
        None
    }
    assert InitiativeStepChange.objects.get(initiative=initiative).actor is None


def test_an_administrator_deleting_in_the_admin_forgets_the_address_too(client, amina, admin_user):
    client.force_login(admin_user)

    response = client.post(
        reverse("admin:actors_user_delete", args=[amina.pk]), {"post": "yes"}, follow=True
    )

    assert response.status_code == 200
    assert not User.objects.filter(pk=amina.pk).exists()
    assert Idea.objects.get().email == "" and Subscriber.objects.get().email == ""
    assert not OutgoingMail.objects.filter(recipient="member@example.org").exists()
    deleted = Event.objects.get(kind=PrivacyEvent.ACCOUNT_DELETED)
    assert deleted.actor == admin_user and "member@example.org" not in str(deleted.data)


def test_the_admins_bulk_delete_forgets_and_says_how_many(client, amina, admin_user):
    client.force_login(admin_user)

    response = client.post(
        reverse("admin:actors_user_changelist"),
        {"action": "remove_selected", "_selected_action": [amina.pk]},
        follow=True,
    )

    assert "1 konto raderat." in response.content.decode()
    assert not User.objects.filter(pk=amina.pk).exists()
    assert Subscriber.objects.get().email == ""


def test_the_admin_keeps_the_last_administrator_and_says_why(client, admin_user):
    client.force_login(admin_user)

    response = client.post(
        reverse("admin:actors_user_changelist"),
        {"action": "remove_selected", "_selected_action": [admin_user.pk]},
        follow=True,
    )

    assert response.status_code == 200
    assert User.objects.filter(pk=admin_user.pk).exists()
    page = response.content.decode()
    assert "Gör någon annan till administratör först." in page and "konto raderat" not in page
    assert not Event.objects.filter(kind=PrivacyEvent.ACCOUNT_DELETED).exists()
    # Nor does the page of the account offer to delete it.
    delete = reverse("admin:actors_user_delete", args=[admin_user.pk])
    assert client.get(delete).status_code == 403
