"""The treasurer is told at once that an allocation was asked for; the lead organisation's people
are told the fund's answer, with the reason when it is declined."""

import pytest
from django.utils import translation

from actors.models import OutgoingMail
from funding import services
from initiatives.choices import InitiativeStep as S
from notifications.choices import Frequency
from notifications.kinds import KINDS, kinds_for
from notifications.models import Notification
from notifications.selectors import row
from notifications.services import notifications_fan_out
from tests.factories import MembershipFactory
from tests.funding.factories import make_grant
from tests.initiatives.factories import InitiativeFactory
from tests.notifications.conftest import in_english

pytestmark = pytest.mark.django_db


@pytest.fixture
def asked(organisation, member, treasurer):
    grant = make_grant(treasurer, "100000.00", received="80000.00")
    initiative = InitiativeFactory(
        title_sv="Kvällsfotboll", lead_organisation=organisation, step=S.FUNDING, budget=50000
    )
    in_english(initiative, title="Evening football")
    request = services.allocation_request_make(
        initiative=initiative, amount="30000", justification="Hallhyra", actor=member
    )
    return request, grant


def told(kind):
    return sorted(Notification.objects.filter(kind=kind).values_list("recipient__email", flat=True))


def test_the_treasurer_is_told_at_once_that_an_allocation_was_asked_for(
    site, asked, member, coordinator, treasurer
):
    request, _grant = asked
    assert KINDS["allocation_requested"].default == Frequency.AT_ONCE

    notifications_fan_out()

    # Not the member who asked, not the coordinator.
    assert told("allocation_requested") == ["treasurer@example.org"]
    notice = Notification.objects.get(kind="allocation_requested")
    with translation.override("sv"):
        shown = row(notice)
        assert shown.text == "Folkets Husby söker 30\xa0000,00 kr ur fonden till ”Kvällsfotboll”."
        assert shown.url == request.get_absolute_url()
    with translation.override("en"):
        assert row(notice).text == (
            "Folkets Husby asks the fund for 30,000.00 SEK for “Evening football”."
        )
    assert OutgoingMail.objects.filter(recipient="treasurer@example.org").count() == 1


def test_the_lead_organisations_people_are_told_it_was_granted(
    asked, organisation, member, outsider, treasurer
):
    MembershipFactory(organisation=organisation, user__email="colleague@example.org")
    request, grant = asked
    services.allocation_request_grant(request=request, grant=grant, amount="25000", actor=treasurer)

    notifications_fan_out()

    assert told("allocation_answered") == ["colleague@example.org", "member@example.org"]
    notice = member.notifications.get(kind="allocation_answered")
    with translation.override("sv"):
        shown = row(notice)
    assert shown.text == "Fonden beviljade 25\xa0000,00 kr till ”Kvällsfotboll”."
    assert shown.url == request.initiative.get_absolute_url()


def test_a_declined_request_is_told_with_its_reason(asked, member, treasurer):
    request, _grant = asked
    services.allocation_request_decline(
        request=request, reason="Vårens pengar är redan fördelade.", actor=treasurer
    )

    notifications_fan_out()

    notice = member.notifications.get(kind="allocation_answered")
    with translation.override("sv"):
        assert row(notice).text == (
            "Fonden avslog ansökan om 30\xa0000,00 kr till ”Kvällsfotboll”: "
            "Vårens pengar är redan fördelade."
        )


def test_each_kind_is_offered_to_whom_it_can_concern(member, treasurer):
    assert "allocation_requested" in {k.kind for k in kinds_for(treasurer)}
    assert "allocation_answered" not in {k.kind for k in kinds_for(treasurer)}
    assert "allocation_answered" in {k.kind for k in kinds_for(member)}
    assert "allocation_requested" not in {k.kind for k in kinds_for(member)}
