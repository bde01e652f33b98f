"""A lead organisation asks the fund for money; a treasurer grants (booking the allocation) or
declines (with a reason); the organisation sees the answer on its initiative's page."""

from decimal import Decimal

import pytest
from django.urls import reverse

from actors.models import Event
from funding import services
from funding.choices import Earmark, FundingEvent, RequestStatus
from funding.choices import EntryKind as K
from funding.models import AllocationRequest, LedgerEntry
from initiatives.choices import InitiativeStep as S
from tests.factories import MembershipFactory
from tests.funding.factories import book, make_grant
from tests.initiatives.factories import FocusAreaFactory, InitiativeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def initiative(organisation):
    return InitiativeFactory(
        title_sv="Kvällsfotboll", lead_organisation=organisation, step=S.FUNDING, budget=50000
    )


@pytest.fixture
def grant(treasurer):
    return make_grant(treasurer, "100000.00", received="80000.00")


def ask(initiative, member, amount="30000", **extra):
    return services.allocation_request_make(
        initiative=initiative,
        amount=amount,
        justification=extra.pop("justification", "Ledarnas arvoden under våren."),
        actor=member,
        **extra,
    )


def kinds_recorded() -> list[str]:
    events = Event.objects.filter(kind__contains="request").order_by("pk")
    return list(events.values_list("kind", flat=True))


# The rules, in the service


def test_the_lead_organisation_asks_and_the_treasurer_is_told_by_an_event(
    initiative, member, grant
):
    asked = ask(initiative, member, "30000", grant=grant)

    assert (asked.status, asked.amount, asked.grant, asked.requested_by) == (
        RequestStatus.OPEN,
        Decimal("30000.00"),
        grant,
        member,
    )
    event = Event.objects.get(kind=FundingEvent.ALLOCATION_REQUESTED)
    assert (event.subject, event.actor, event.public) == (asked, member, False)
    assert event.data["initiative"] == initiative.pk
    assert event.data["lead_organisation"] == initiative.lead_organisation_id
    assert Decimal(event.data["amount"]) == Decimal("30000.00")


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("-5", "Beloppet måste vara mer än noll."),
        ("0", "Beloppet måste vara mer än noll."),
        ("1e12", "Beloppet är för stort."),
        ("tio", "Skriv beloppet som ett antal kronor."),
        ("50000.01", "Det är mer än satsningens budget: 50\xa0000,00 kr av den är inte täckt än."),
    ],
)
def test_a_bad_amount_is_refused(initiative, member, grant, amount, message):
    with pytest.raises(services.FundingError) as refused:
        ask(initiative, member, amount)
    assert refused.value.messages == [message]
    assert not AllocationRequest.objects.exists()
    assert kinds_recorded() == []


def test_no_more_than_the_fund_holds_for_the_initiative(initiative, member, treasurer, grant):
    # Money earmarked for another focus area is not the initiative's to ask for.
    elsewhere = FocusAreaFactory(slug="mental-health", name_sv="Psykisk hälsa")
    make_grant(
        treasurer, "50000", received="50000", earmark=Earmark.FOCUS_AREA, focus_area=elsewhere
    )
    initiative.budget = Decimal("200000")
    initiative.save()
    with pytest.raises(services.FundingError) as refused:
        ask(initiative, member, "80000.01")
    assert refused.value.messages == [
        "Fonden har bara 80\xa0000,00 kr som kan gå till den här satsningen."
    ]
    assert ask(initiative, member, "80000").amount == Decimal("80000.00")


def test_one_open_request_at_a_time(initiative, member, treasurer, grant):
    first = ask(initiative, member, "10000")
    with pytest.raises(services.FundingError, match="har redan en ansökan"):
        ask(initiative, member, "5000")
    services.allocation_request_decline(request=first, reason="Vänta till hösten.", actor=treasurer)
    assert ask(initiative, member, "5000").is_open


def test_only_the_lead_organisations_people_ask(initiative, outsider, coordinator, grant):
    for person in (outsider, coordinator):
        with pytest.raises(services.FundingError, match="Folkets Husby"):
            ask(initiative, person)
    assert not AllocationRequest.objects.exists()


@pytest.mark.parametrize("step", [S.DECISION, S.EXECUTION, S.WITHDRAWN])
def test_only_an_initiative_waiting_at_the_funding_step(initiative, member, grant, step):
    initiative.step = step
    initiative.save()
    with pytest.raises(services.FundingError):
        ask(initiative, member)
    assert not AllocationRequest.objects.exists()


def test_the_grant_named_must_be_allowed_to_fund_it(initiative, member, treasurer):
    elsewhere = FocusAreaFactory(slug="mental-health", name_sv="Psykisk hälsa")
    earmarked = make_grant(
        treasurer, "50000", received="50000", earmark=Earmark.FOCUS_AREA, focus_area=elsewhere
    )
    with pytest.raises(services.FundingError, match="öronmärkt|earmarked"):
        ask(initiative, member, "1000", grant=earmarked)


def test_granting_books_the_allocation_and_may_change_the_amount(
    initiative, member, treasurer, grant
):
    asked = ask(initiative, member, "30000")

    granted = services.allocation_request_grant(
        request=asked, grant=grant, amount="25000", actor=treasurer, note="Styrelsebeslut"
    )

    assert granted.status == RequestStatus.GRANTED
    entry = LedgerEntry.objects.get(kind=K.ALLOCATION)
    assert (granted.entry, entry.amount, entry.initiative, entry.note) == (
        entry,
        Decimal("25000.00"),
        initiative,
        "Styrelsebeslut",
    )
    assert kinds_recorded() == [FundingEvent.ALLOCATION_REQUESTED, FundingEvent.REQUEST_GRANTED]
    answer = Event.objects.get(kind=FundingEvent.REQUEST_GRANTED)
    assert Decimal(answer.data["granted"]) == Decimal("25000.00")
    assert Event.objects.filter(kind=FundingEvent.ALLOCATED).count() == 1


def test_a_grant_the_ledger_refuses_leaves_the_request_open(initiative, member, treasurer, grant):
    asked = ask(initiative, member, "30000")
    book(treasurer, K.ALLOCATION, grant, "60000", InitiativeFactory(step=S.FUNDING, budget=60000))

    with pytest.raises(services.FundingError) as refused:
        services.allocation_request_grant(
            request=asked, grant=grant, amount="30000", actor=treasurer
        )
    assert "Bara 20\xa0000,00 kr av bidraget är tillgängligt" in refused.value.messages[0]

    asked.refresh_from_db()
    assert asked.is_open
    assert LedgerEntry.objects.filter(initiative=initiative).count() == 0
    assert kinds_recorded() == [FundingEvent.ALLOCATION_REQUESTED]


def test_declining_needs_a_reason(initiative, member, treasurer, grant):
    asked = ask(initiative, member)
    with pytest.raises(services.FundingError):
        services.allocation_request_decline(request=asked, reason="  ", actor=treasurer)
    declined = services.allocation_request_decline(
        request=asked, reason="Budgeten för våren är slut.", actor=treasurer
    )
    assert (declined.status, declined.reason, declined.answered_by) == (
        RequestStatus.DECLINED,
        "Budgeten för våren är slut.",
        treasurer,
    )
    assert kinds_recorded() == [FundingEvent.ALLOCATION_REQUESTED, FundingEvent.REQUEST_DECLINED]


def test_an_answered_request_is_not_answered_again(initiative, member, treasurer, grant):
    asked = ask(initiative, member, "10000")
    services.allocation_request_grant(request=asked, grant=grant, amount="10000", actor=treasurer)
    for answer in (
        lambda: services.allocation_request_grant(
            request=asked, grant=grant, amount="10000", actor=treasurer
        ),
        lambda: services.allocation_request_decline(request=asked, reason="Nej", actor=treasurer),
    ):
        with pytest.raises(services.FundingError, match="already been answered|redan besvarad"):
            answer()
    assert LedgerEntry.objects.filter(kind=K.ALLOCATION).count() == 1
    assert AllocationRequest.objects.get().status == RequestStatus.GRANTED


# The pages


@pytest.fixture
def as_member(client, member):
    client.force_login(member)
    return client


@pytest.fixture
def as_treasurer(client, treasurer):
    client.force_login(treasurer)
    return client


def request_data(initiative, **overrides):
    return {
        "initiative": initiative.pk,
        "amount": "30 000",
        "justification": "Ledarnas arvoden under våren.",
        **overrides,
    }


def test_a_member_asks_from_the_initiative_page(as_member, initiative, grant):
    page = as_member.get(initiative.get_absolute_url()).content.decode()
    url = reverse("funding:request_create") + f"?initiative={initiative.pk}"
    assert url in page
    form = as_member.get(url).content.decode()
    assert f'<option value="{initiative.pk}" selected>' in form

    response = as_member.post(url, request_data(initiative, grant=grant.pk))

    assert response.status_code == 302
    assert response["Location"] == initiative.get_absolute_url()
    asked = AllocationRequest.objects.get()
    assert (asked.amount, asked.grant) == (Decimal("30000.00"), grant)
    page = as_member.get(initiative.get_absolute_url()).content.decode()
    assert "Er ansökan skickades till kassören. Ni får veta svaret." in page
    assert "30\xa0000 kr söktes den" in page and "Väntar på svar" in page
    # No second request while this one waits.
    assert reverse("funding:request_create") not in page


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"amount": "-100"}, "Beloppet måste vara mer än noll."),
        ({"amount": "0"}, "Beloppet måste vara mer än noll."),
        ({"amount": "99999999999999"}, "Beloppet är för stort."),
        ({"amount": "tio"}, "Fyll i ett tal."),
        ({"amount": "1e400"}, "Beloppet är för stort."),
        ({"amount": ""}, "Detta fält måste fyllas i."),
        ({"justification": " "}, "Detta fält måste fyllas i."),
        ({"amount": "45000"}, "Fonden har bara 40\xa0000,00 kr som kan gå till den här satsningen"),
    ],
)
def test_bad_input_gets_the_form_back_and_nothing_is_asked(
    as_member, treasurer, initiative, grant, overrides, message
):
    # Half of what was received is already allocated elsewhere.
    book(treasurer, K.ALLOCATION, grant, "40000", InitiativeFactory(step=S.FUNDING, budget=40000))
    response = as_member.post(
        reverse("funding:request_create"), request_data(initiative, **overrides)
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not AllocationRequest.objects.exists()


def test_a_second_open_request_gets_the_form_back(as_member, member, initiative, grant):
    ask(initiative, member, "1000")
    response = as_member.post(reverse("funding:request_create"), request_data(initiative))
    assert response.status_code == 200
    assert "”Kvällsfotboll” har redan en ansökan som väntar på svar." in response.content.decode()
    assert AllocationRequest.objects.count() == 1


@pytest.mark.parametrize("whose", ["another organisation's", "not at the funding step"])
def test_an_initiative_not_to_ask_for_gets_the_form_back(
    as_member, other_organisation, organisation, grant, whose
):
    if whose == "another organisation's":
        other = InitiativeFactory(lead_organisation=other_organisation, step=S.FUNDING)
    else:
        other = InitiativeFactory(lead_organisation=organisation, step=S.DECISION)
    response = as_member.post(reverse("funding:request_create"), request_data(other))
    assert response.status_code == 200
    assert (
        "Välj en satsning som din organisation leder och som väntar i steget finansiering."
        in response.content.decode()
    )
    assert f'<option value="{other.pk}"' not in response.content.decode()
    assert not AllocationRequest.objects.exists()


def test_the_treasurer_grants_from_the_list_with_a_changed_amount(
    as_treasurer, member, initiative, grant
):
    asked = ask(initiative, member, "30000", grant=grant)
    listing = as_treasurer.get(reverse("funding:request_list")).content.decode()
    assert asked.get_absolute_url() in listing and "Kvällsfotboll" in listing
    page = as_treasurer.get(asked.get_absolute_url()).content.decode()
    # Prefilled from the request.
    assert 'name="amount" value="30000,00"' in page
    assert f'<option value="{grant.pk}" selected>' in page
    url = reverse("funding:request_grant", args=[asked.pk])
    data = {"grant": grant.pk, "amount": "25 000", "booked_on": "2026-03-01", "note": ""}

    response = as_treasurer.post(url, data)

    assert response.status_code == 302
    assert response["Location"] == reverse("funding:request_list")
    entry = LedgerEntry.objects.get(kind=K.ALLOCATION)
    assert (entry.amount, entry.initiative) == (Decimal("25000.00"), initiative)
    # The same POST again books nothing and says why.
    replay = as_treasurer.post(url, data)
    assert replay.status_code == 200
    assert "Ansökan är redan besvarad: beviljad av fonden." in replay.content.decode()
    assert LedgerEntry.objects.filter(kind=K.ALLOCATION).count() == 1
    # And the lead organisation sees the answer on its page.
    as_treasurer.force_login(member)
    page = as_treasurer.get(initiative.get_absolute_url()).content.decode()
    assert "Beviljad av fonden" in page and "25\xa0000 kr fördelades." in page


def test_a_grant_beyond_the_fund_gets_the_form_back(as_treasurer, member, initiative, grant):
    asked = ask(initiative, member, "30000")
    response = as_treasurer.post(
        reverse("funding:request_grant", args=[asked.pk]),
        {"grant": grant.pk, "amount": "50000,01", "booked_on": "2026-03-01"},
    )
    assert response.status_code == 200
    assert "Det är mer än satsningens budget" in response.content.decode()
    asked.refresh_from_db()
    assert asked.is_open and not LedgerEntry.objects.filter(kind=K.ALLOCATION).exists()


def test_the_treasurer_declines_with_a_reason_the_organisation_reads(
    as_treasurer, member, initiative, grant
):
    asked = ask(initiative, member, "30000")
    url = reverse("funding:request_decline", args=[asked.pk])
    blank = as_treasurer.post(url, {"reason": ""})
    assert blank.status_code == 200 and "Detta fält måste fyllas i." in blank.content.decode()

    response = as_treasurer.post(url, {"reason": "Vårens pengar är redan fördelade."})

    assert response.status_code == 302
    replay = as_treasurer.post(url, {"reason": "Vårens pengar är redan fördelade."})
    assert replay.status_code == 200
    assert "Ansökan är redan besvarad: avslagen av fonden." in replay.content.decode()
    # An answered request is not granted afterwards either.
    late = as_treasurer.post(
        reverse("funding:request_grant", args=[asked.pk]),
        {"grant": grant.pk, "amount": "30000", "booked_on": "2026-03-01"},
    )
    assert late.status_code == 200
    assert "Ansökan är redan besvarad" in late.content.decode()
    assert kinds_recorded() == [FundingEvent.ALLOCATION_REQUESTED, FundingEvent.REQUEST_DECLINED]
    assert not LedgerEntry.objects.filter(kind=K.ALLOCATION).exists()
    as_treasurer.force_login(member)
    page = as_treasurer.get(initiative.get_absolute_url()).content.decode()
    assert "Skälet: Vårens pengar är redan fördelade." in page
    # Declined, the organisation may ask again.
    assert reverse("funding:request_create") in page


def test_the_treasurers_dashboard_counts_the_waiting_requests(
    as_treasurer, member, initiative, grant
):
    ask(initiative, member)
    page = as_treasurer.get(reverse("portal:dashboard")).content.decode()
    assert "1 ansökan om medel väntar på svar" in page
    assert reverse("funding:request_list") in page


# Query counts


def fill(treasurer, grant, count):
    """`count` initiatives of their own organisations, each with an open and an answered
    request."""
    for n in range(count):
        person = MembershipFactory().user
        initiative = InitiativeFactory(
            lead_organisation=person.memberships.get().organisation, step=S.FUNDING, budget=1000
        )
        done = ask(initiative, person, "10")
        services.allocation_request_decline(request=done, reason=f"Nej {n}", actor=treasurer)
        ask(initiative, person, "20", grant=grant)


@pytest.mark.parametrize("count", [1, 12])
def test_the_request_pages_run_a_fixed_number_of_queries(
    client, treasurer, member, initiative, grant, count, django_assert_num_queries
):
    fill(treasurer, grant, count)
    asked = AllocationRequest.objects.filter(status=RequestStatus.OPEN).first()
    client.force_login(treasurer)
    client.get(reverse("funding:request_list"))  # the site settings into the cache
    # session, user, roles with organisations: 3; then per page:
    pages = {
        # the open requests (+initiative, lead, grant, funder, organisation, asker), the answered
        # ones (+ the same and the entry)
        reverse("funding:request_list"): 3 + 2,
        # the request with what it points at, the initiative's funding sums, the grants that
        # may fund it with their balances
        asked.get_absolute_url(): 3 + 3,
    }
    for url, queries in pages.items():
        with django_assert_num_queries(queries):
            assert client.get(url).status_code == 200, url
    client.force_login(member)
    InitiativeFactory.create_batch(
        count, lead_organisation=initiative.lead_organisation, step=S.FUNDING
    )
    # session, user, roles with organisations; the initiatives to ask for, the running grants
    with django_assert_num_queries(3 + 2):
        assert client.get(reverse("funding:request_create")).status_code == 200
