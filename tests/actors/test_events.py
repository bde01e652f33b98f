"""The event stream's ground floor: one helper writes every event, inside its action's
transaction, and nothing ever changes or removes one."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from actors import events
from actors.appendonly import AppendOnlyError
from actors.models import Event, SiteSettings
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def record(**changes):
    return events.event_record(
        **{
            "kind": "actors.organisation_changed",
            "subject": changes.pop("subject", None) or OrganisationFactory(),
            "public": False,
            **changes,
        }
    )


def test_an_event_says_who_when_what_on_which_object_in_which_collaboration(coordinator, site):
    organisation = OrganisationFactory(name="Husby FF")
    event = record(subject=organisation, actor=coordinator, data={"name": "Husby FF"})
    event.refresh_from_db()
    assert (event.kind, event.actor, event.subject, event.collaboration, event.public) == (
        "actors.organisation_changed",
        coordinator,
        organisation,
        site,
        False,
    )
    assert event.data == {"name": "Husby FF"}
    assert timezone.now() - event.at < datetime.timedelta(seconds=5)


def test_a_collaboration_nobody_has_set_up_yet_is_saved_with_its_defaults():
    assert not SiteSettings.objects.exists()
    event = record()
    assert event.collaboration == SiteSettings.objects.get()
    assert record().collaboration_id == event.collaboration_id


def test_a_resident_or_a_periodic_job_is_nobody():
    assert record(actor=AnonymousUser()).actor is None
    assert record(actor=None).actor is None


def test_an_unknown_kind_or_a_public_event_nobody_can_tell_is_refused():
    with pytest.raises(ValueError, match="Unknown event kind"):
        record(kind="actors.typo")
    with pytest.raises(ValueError, match="needs a teller"):
        record(public=True)
    assert not Event.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_an_event_is_recorded_only_inside_the_transaction_of_its_action():
    organisation = OrganisationFactory()
    with pytest.raises(RuntimeError, match="inside the transaction"):
        events.event_record(kind="actors.organisation_changed", subject=organisation, public=False)
    with transaction.atomic():
        record(subject=organisation)
    assert Event.objects.count() == 1


def test_an_event_is_dated_when_its_action_happened_never_in_the_future():
    last_spring = timezone.now() - datetime.timedelta(days=200)
    with events.as_of(last_spring):
        assert record().at == last_spring
    with events.as_of(timezone.now() + datetime.timedelta(days=3)):
        assert record().at <= timezone.now()
    assert timezone.now() - record().at < datetime.timedelta(seconds=5)


def test_events_are_never_changed_or_deleted_and_only_who_did_it_is_forgotten(coordinator):
    event = record(actor=coordinator, data={"name": "Förr"})
    event.data = {"name": "Sedan"}
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        Event.objects.filter(pk=event.pk).update(public=True)
    with pytest.raises(AppendOnlyError):
        Event.objects.all().delete()
    coordinator.delete()
    event.refresh_from_db()
    assert (event.actor, event.data) == (None, {"name": "Förr"})


def test_every_app_names_its_kinds_with_its_own_label_first(settings):
    kinds = dict(events.kind_choices())
    assert kinds["initiatives.moved"] == "Satsning flyttad till ett annat steg"
    assert kinds["funding.allocated"] == "Pengar fördelade till en satsning"
    # The top floor composes pages of what the others recorded and changes nothing itself; the
    # notifications tell people of what the others recorded, and reading them is their own; the
    # open-data API only reads.
    recording = set(settings.PORTAL_APPS) - {"portal", "notifications", "api"}
    assert {kind.split(".")[0] for kind in kinds} == recording


def test_the_admin_reads_and_filters_events_and_never_changes_them(client, admin_user):
    organisation = OrganisationFactory(name="Husby FF")
    changed = record(subject=organisation, actor=admin_user)
    record(kind="actors.organisation_created", subject=organisation)
    client.force_login(admin_user)
    listing = reverse("admin:actors_event_changelist")
    page = client.get(listing).text
    assert page.count('class="field-what"') == 2
    assert "Organisation ändrad" in page and "Organisation tillagd" in page
    page = client.get(listing, {"kind": "actors.organisation_changed"}).text
    assert page.count('class="field-what"') == 1
    assert client.get(reverse("admin:actors_event_add")).status_code == 403
    change = reverse("admin:actors_event_change", args=[changed.pk])
    assert client.get(change).status_code == 200  # read only
    client.post(change, {"kind": "actors.typo", "public": "on"})
    delete = reverse("admin:actors_event_delete", args=[changed.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    changed.refresh_from_db()
    assert (changed.kind, changed.public) == ("actors.organisation_changed", False)
