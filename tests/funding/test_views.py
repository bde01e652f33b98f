"""The fund's pages: what each shows, what bad input gets back, and their query counts."""

import csv
import datetime
import io
import re
from decimal import Decimal

import pytest
from django.db import transaction
from django.urls import reverse

from funding import services
from funding.choices import Earmark
from funding.choices import EntryKind as K
from funding.models import Funder, Grant, LedgerEntry, ReportingDuty
from initiatives.choices import InitiativeStep as S
from tests.factories import OrganisationFactory
from tests.funding.factories import FunderFactory, book, make_grant
from tests.initiatives.factories import FocusAreaFactory, InitiativeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def initiative(organisation):
    return InitiativeFactory(
        lead_organisation=organisation, step=S.FUNDING, budget=Decimal("50000.00")
    )


@pytest.fixture
def grant(treasurer):
    return make_grant(treasurer, "100000.00", received="80000.00")


@pytest.fixture
def as_treasurer(client, treasurer):
    client.force_login(treasurer)
    return client


def entry_data(**overrides):
    return {"kind": K.RECEIPT, "amount": "100", "booked_on": "2026-03-01", **overrides}


# Booking money


def test_it_books_an_allocation_from_the_initiative_page(as_treasurer, grant, initiative):
    url = reverse("funding:entry_create") + f"?kind=allocation&initiative={initiative.pk}"
    page = as_treasurer.get(url).content.decode()
    assert f'<option value="{initiative.pk}" selected data-kinds="allocation">' in page
    response = as_treasurer.post(
        url + "&back=initiative",
        entry_data(kind=K.ALLOCATION, grant=grant.pk, initiative=initiative.pk, amount="50 000"),
    )
    assert response.status_code == 302
    assert response["Location"] == initiative.get_absolute_url()
    entry = LedgerEntry.objects.get(kind=K.ALLOCATION)
    assert (entry.amount, entry.initiative, entry.created_by.email) == (
        Decimal("50000.00"),
        initiative,
        "treasurer@example.org",
    )


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("-100", "Beloppet måste vara mer än noll."),
        ("0", "Beloppet måste vara mer än noll."),
        ("10,005", "Beloppet kan ha högst två decimaler (hela ören)."),
        ("tio", "Fyll i ett tal."),
    ],
)
def test_a_bad_amount_gets_the_form_back_and_nothing_is_booked(
    as_treasurer, grant, amount, message
):
    before = LedgerEntry.objects.count()
    response = as_treasurer.post(
        reverse("funding:entry_create"), entry_data(grant=grant.pk, amount=amount)
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert LedgerEntry.objects.count() == before


def test_a_refused_allocation_comes_back_with_the_reason(
    as_treasurer, treasurer, grant, initiative
):
    book(treasurer, K.ALLOCATION, grant, "100", initiative)
    initiative.step = S.COMPLETED
    initiative.save()
    response = as_treasurer.post(
        reverse("funding:entry_create"),
        entry_data(kind=K.ALLOCATION, grant=grant.pk, initiative=initiative.pk, amount="100"),
    )
    assert response.status_code == 200
    refusal = (
        "Pengar fördelas bara till satsningar i stegen ”Finansiering” och ”Genomförande”; "
        f"”{initiative.title_sv}” är i steget ”Avslutad”."
    )
    # Once, where the form lists what is wrong with it as a whole; the summary above only asks
    # for corrections.
    assert response.content.decode().count(refusal) == 1
    assert LedgerEntry.objects.filter(kind=K.ALLOCATION).count() == 1


def menu_groups(page: str) -> dict[str, list[str]]:
    """The entry form's initiative menu: {group label: [initiative titles]}."""
    menu = re.search(r'<select name="initiative".*?</select>', page, re.S).group(0)
    return {
        label: re.findall(r"<option value=\"\d+\"[^>]*>([^<]+)</option>", options)
        for label, options in re.findall(r'<optgroup label="([^"]+)">(.*?)</optgroup>', menu, re.S)
    }


def test_the_menu_offers_allocations_only_where_the_service_accepts_them(
    as_treasurer, treasurer, grant, organisation
):
    """One initiative at every step: the menu's allocation group and the service agree."""
    initiatives = {
        step: InitiativeFactory(
            lead_organisation=organisation, step=step, title_sv=f"Satsning {step.label}"
        )
        for step in S
    }
    held = InitiativeFactory(lead_organisation=organisation, step=S.FUNDING, title_sv="Pengar kvar")
    book(treasurer, K.ALLOCATION, grant, "100", held)
    held.step = S.COMPLETED
    held.save()

    groups = menu_groups(as_treasurer.get(reverse("funding:entry_create")).content.decode())
    accepted = []
    for initiative in initiatives.values():
        try:
            book(treasurer, K.ALLOCATION, grant, "1", initiative)
        except services.FundingError:
            continue
        accepted.append(initiative.title_sv)
    assert groups["Kan få pengar fördelade"] == sorted(accepted)
    assert sorted(accepted) == ["Satsning Finansiering", "Satsning Genomförande"]
    # A rejected or parked initiative with no money is not offered at all.
    assert groups["Bara utbetalningar och återföringar"] == ["Pengar kvar"]


def menu_kinds(page: str) -> dict[str, set[str]]:
    """The entry form's initiative menu: {entry kind: {titles of the initiatives offered}}."""
    menu = re.search(r'<select name="initiative".*?</select>', page, re.S).group(0)
    offered = {kind: set() for kind in K}
    for kinds, title in re.findall(r'<option value="\d+"[^>]* data-kinds="([^"]+)">([^<]+)<', menu):
        for kind in kinds.split():
            offered[kind].add(title)
    return offered


class Refused(Exception):
    """Rolls a trial booking back."""


def accepts(treasurer, kind, grant, initiative) -> bool:
    """Whether the service books 1 SEK of `kind` for the initiative; nothing stays booked."""
    try:
        with transaction.atomic():
            book(treasurer, kind, grant, "1", initiative)
            raise Refused
    except services.FundingError:
        return False
    except Refused:
        return True


def test_the_menu_offers_each_kind_of_entry_only_where_the_service_accepts_it(
    as_treasurer, treasurer, grant, organisation
):
    """Initiatives at every step, with no money, with money unpaid and with all of it paid out:
    for allocations, disbursements and returns alike, the menu and the service agree."""
    initiatives = [
        InitiativeFactory(lead_organisation=organisation, step=step, title_sv=f"Satsning {step}")
        for step in S
    ]
    for title, disbursed in (("Pengar kvar", "40"), ("Allt utbetalt", "100")):
        held = InitiativeFactory(lead_organisation=organisation, step=S.FUNDING, title_sv=title)
        book(treasurer, K.ALLOCATION, grant, "100", held)
        book(treasurer, K.DISBURSEMENT, grant, disbursed, held)
        held.step = S.COMPLETED
        held.save()
        initiatives.append(held)

    offered = menu_kinds(as_treasurer.get(reverse("funding:entry_create")).content.decode())
    for kind in (K.ALLOCATION, K.DISBURSEMENT, K.RETURN):
        accepted = {i.title_sv for i in initiatives if accepts(treasurer, kind, grant, i)}
        assert offered[kind] == accepted, kind
    assert offered[K.ALLOCATION] == {"Satsning funding", "Satsning execution"}
    assert offered[K.DISBURSEMENT] == {"Pengar kvar"}
    assert offered[K.RETURN] == {"Pengar kvar", "Allt utbetalt"}


def test_the_grant_menu_names_the_available_amount_first(as_treasurer, grant):
    """A narrow screen cuts a long option off at its end: the amount is what must show."""
    page = as_treasurer.get(reverse("funding:entry_create")).content.decode()
    assert f'<option value="{grant.pk}">80\xa0000,00 kr tillgängligt: {grant}</option>' in page


def test_an_allocation_without_an_initiative_is_refused(as_treasurer, grant):
    response = as_treasurer.post(
        reverse("funding:entry_create"), entry_data(kind=K.ALLOCATION, grant=grant.pk)
    )
    assert "Välj satsningen som pengarna går till" in response.content.decode()
    assert not LedgerEntry.objects.filter(kind=K.ALLOCATION).exists()


def test_it_reverses_an_entry_and_keeps_both(as_treasurer, grant):
    receipt = grant.entries.get(kind=K.RECEIPT)
    response = as_treasurer.post(
        reverse("funding:entry_reverse", args=[receipt.pk]),
        {"note": "Dubbelbokad", "booked_on": "2026-03-02"},
    )
    assert response.status_code == 302
    reversal = LedgerEntry.objects.get(reverses=receipt)
    assert reversal.note == "Dubbelbokad"
    ledger = as_treasurer.get(reverse("funding:ledger")).content.decode()
    assert f"Återföring av nr {receipt.pk}" in ledger
    assert f"Återförd av nr {reversal.pk}" in ledger


def test_a_reversal_of_a_reversal_gets_the_form_back(as_treasurer, grant, treasurer):
    receipt = grant.entries.get(kind=K.RECEIPT)
    reversal = services.entry_reverse(entry=receipt, note="Fel", actor=treasurer)
    response = as_treasurer.post(
        reverse("funding:entry_reverse", args=[reversal.pk]),
        {"note": "Ångra", "booked_on": "2026-03-02"},
    )
    assert response.status_code == 200
    assert "En återföring kan inte själv återföras" in response.content.decode()
    assert LedgerEntry.objects.count() == 3


def test_a_reversal_without_a_reason_gets_the_form_back(as_treasurer, grant):
    receipt = grant.entries.get(kind=K.RECEIPT)
    response = as_treasurer.post(
        reverse("funding:entry_reverse", args=[receipt.pk]), {"booked_on": "2026-03-02"}
    )
    assert response.status_code == 200
    assert not LedgerEntry.objects.filter(reverses=receipt).exists()


# Funders, grants and duties


def test_it_registers_a_funder_and_a_grant_with_its_pledge(as_treasurer):
    organisation = OrganisationFactory(name="Stiftelsen Test", kind="funder")
    response = as_treasurer.post(
        reverse("funding:funder_create"), {"organisation": organisation.pk, "notes": "Ny"}
    )
    funder = Funder.objects.get()
    assert response["Location"] == funder.get_absolute_url()
    response = as_treasurer.post(
        reverse("funding:grant_create"),
        {
            "funder": funder.pk,
            "title_sv": "Stöd 2026",
            "amount": "250000,50",
            "starts_on": "2026-01-01",
            "ends_on": "2026-12-31",
            "earmark": Earmark.NONE,
            "pledged_on": "2025-12-01",
        },
    )
    grant = Grant.objects.get()
    assert response["Location"] == grant.get_absolute_url()
    pledge = grant.entries.get()
    assert (pledge.kind, pledge.amount, pledge.booked_on) == (
        K.PLEDGE,
        Decimal("250000.50"),
        datetime.date(2025, 12, 1),
    )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"earmark": Earmark.FOCUS_AREA}, "Välj fokusområdet som bidraget är öronmärkt för."),
        ({"earmark": Earmark.INITIATIVE}, "Välj satsningen som bidraget är öronmärkt för."),
        ({"amount": "100,123"}, "högst två decimaler"),
        ({"amount": "-5"}, "mer än noll"),
        ({"ends_on": "2025-01-01"}, "Perioden kan inte sluta innan den börjar."),
    ],
)
def test_a_bad_grant_gets_the_form_back_and_nothing_is_saved(as_treasurer, changes, message):
    funder = FunderFactory()
    data = {
        "funder": funder.pk,
        "title_sv": "Stöd",
        "amount": "1000",
        "starts_on": "2026-01-01",
        "ends_on": "2026-12-31",
        "earmark": Earmark.NONE,
        "pledged_on": "2026-01-01",
        **changes,
    }
    response = as_treasurer.post(reverse("funding:grant_create"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Grant.objects.exists() and not LedgerEntry.objects.exists()


def test_a_grant_earmarked_for_a_focus_area_keeps_only_that_earmark(as_treasurer, initiative):
    area = FocusAreaFactory()
    as_treasurer.post(
        reverse("funding:grant_create"),
        {
            "funder": FunderFactory().pk,
            "title_sv": "Trygghet",
            "amount": "1000",
            "starts_on": "2026-01-01",
            "ends_on": "2026-12-31",
            "earmark": Earmark.FOCUS_AREA,
            "focus_area": area.pk,
            "initiative": initiative.pk,  # left over from an earlier choice: dropped
            "pledged_on": "2026-01-01",
        },
    )
    grant = Grant.objects.get()
    assert (grant.focus_area, grant.initiative) == (area, None)


def test_it_edits_a_grants_texts_but_never_its_amount(as_treasurer, grant):
    url = reverse("funding:grant_edit", args=[grant.pk])
    data = {
        "title_sv": "Nytt namn",
        "starts_on": "2026-01-01",
        "ends_on": "2026-06-30",
        "conditions_sv": "Rapport i juni",
        "amount": "1",
    }
    response = as_treasurer.post(url, data)
    assert response["Location"] == grant.get_absolute_url()
    grant.refresh_from_db()
    assert (grant.title_sv, grant.conditions_sv, grant.amount) == (
        "Nytt namn",
        "Rapport i juni",
        Decimal("100000.00"),
    )
    response = as_treasurer.post(url, {**data, "title_sv": "", "ends_on": "2025-01-01"})
    assert response.status_code == 200
    assert "Perioden kan inte sluta innan den börjar." in response.content.decode()
    grant.refresh_from_db()
    assert grant.title_sv == "Nytt namn"


def test_the_treasurers_dashboard_lists_reports_due(as_treasurer, grant, treasurer):
    services.duty_add(
        grant=grant, description="Delrapport", due_on=datetime.date.today(), actor=treasurer
    )
    page = as_treasurer.get(reverse("portal:dashboard")).content.decode()
    assert "Rapporter till finansiärer som snart ska in" in page and "Delrapport" in page


def test_it_adds_a_duty_and_marks_it_sent(as_treasurer, grant):
    response = as_treasurer.post(
        reverse("funding:duty_create", args=[grant.pk]),
        {"description": "Slutrapport", "due_on": "2026-12-01"},
    )
    assert response["Location"] == grant.get_absolute_url()
    duty = ReportingDuty.objects.get()
    response = as_treasurer.post(reverse("funding:duty_done", args=[duty.pk]))
    duty.refresh_from_db()
    assert duty.done_on is not None
    response = as_treasurer.post(reverse("funding:duty_done", args=[duty.pk]), follow=True)
    assert "Rapporten är redan markerad som skickad." in response.content.decode()


def test_a_bad_duty_gets_the_form_back(as_treasurer, grant):
    response = as_treasurer.post(
        reverse("funding:duty_create", args=[grant.pk]), {"description": "", "due_on": "x"}
    )
    assert response.status_code == 200
    assert not ReportingDuty.objects.exists()


# The overview, the ledger and the export


def test_the_overview_draws_its_charts_without_decimal_commas(client, coordinator, treasurer):
    area = FocusAreaFactory()
    initiative = InitiativeFactory(step=S.FUNDING, focus_area=area, budget=Decimal("333.33"))
    grant = make_grant(treasurer, "1000.55", received="1000.55")
    book(treasurer, K.ALLOCATION, grant, "333.33", initiative)
    services.duty_add(
        grant=grant,
        description="Delrapport",
        due_on=datetime.date.today() + datetime.timedelta(days=3),
        actor=treasurer,
    )
    client.force_login(coordinator)
    page = client.get(reverse("funding:overview")).content.decode()
    charts = page.split("<main", 1)[1]  # the header has an icon of its own
    svg = "".join(re.findall(r"<svg.*?</svg>", charts, re.S))
    assert svg.count("<svg") == 2
    assert not re.search(r'(x|y|width|height)="[\d.]*,\d', svg)
    assert "Delrapport" in page
    assert "Trygghet" in page and "333" in page
    assert "Bokför pengar" not in page  # coordinators read, they do not book


def test_the_ledger_filters_by_kind_and_ignores_a_bad_date(as_treasurer, grant, initiative):
    book(services.LedgerEntry.objects.first().created_by, K.ALLOCATION, grant, "10", initiative)
    page = as_treasurer.get(
        reverse("funding:ledger"), {"kind": K.ALLOCATION, "start": "not-a-date"}
    )
    assert page.status_code == 200
    rows = re.findall(r'<tr id="entry-\d+">', page.content.decode())
    assert len(rows) == 1


def test_the_csv_export_reads_back_and_is_safe_in_a_spreadsheet(as_treasurer, treasurer):
    funder = FunderFactory(organisation__name="=Funder")
    grant = make_grant(treasurer, "1000.00", received="400.00", funder=funder, title_sv="@Bidrag")
    receipt = grant.entries.get(kind=K.RECEIPT)
    services.entry_reverse(entry=receipt, note='=HYPERLINK("http://x")', actor=treasurer)

    response = as_treasurer.get(reverse("funding:ledger_csv"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))

    assert [row["kind"] for row in rows] == ["Inbetalning", "Inbetalning", "Utfästelse"]
    reversal, original, pledge = rows
    assert reversal["amount_sek"] == "-400.00"  # written by the ledger: stays a number
    assert reversal["reverses"] == str(receipt.pk)
    assert original["reversed_by"] == reversal["id"]
    assert original["amount_sek"] == "400.00"
    assert reversal["note"] == '\'=HYPERLINK("http://x")'
    assert pledge["funder"] == "'=Funder" and pledge["grant"] == "'@Bidrag"

    filtered = as_treasurer.get(reverse("funding:ledger_csv"), {"kind": K.PLEDGE})
    text = b"".join(filtered.streaming_content).decode()
    assert len(list(csv.DictReader(io.StringIO(text)))) == 1


def test_the_public_page_shows_totals_and_never_internal_notes(client, treasurer, initiative):
    grant = make_grant(treasurer, "1000.00", received="1000.00")
    Funder.objects.filter(pk=grant.funder_id).update(notes="Hemlig finansiärsnotering")
    book(treasurer, K.ALLOCATION, grant, "700", initiative, note="Intern kommentar")
    page = client.get(reverse("funding:public")).content.decode()
    assert initiative.title in page and "700" in page and str(grant.funder) in page
    assert "Intern kommentar" not in page and "Hemlig" not in page


def test_the_initiative_page_shows_its_money(client, treasurer, coordinator, grant, initiative):
    book(treasurer, K.ALLOCATION, grant, "20000", initiative, note="Intern kommentar")
    url = initiative.get_absolute_url()
    public = client.get(url).content.decode()
    assert "Från fonden" in public and "20\xa0000" in public
    assert grant.title not in public and "Fördela pengar" not in public
    client.force_login(coordinator)
    assert grant.title in client.get(url).content.decode()
    client.force_login(treasurer)
    page = client.get(url).content.decode()
    assert "Fördela pengar" in page
    assert "Intern kommentar" not in page


# Query counts: the same whatever the size of the books


def fill(treasurer, count):
    area = FocusAreaFactory()
    for n in range(count):
        grant = make_grant(treasurer, "1000.00", received="1000.00", title_sv=f"Bidrag {n}")
        initiative = InitiativeFactory(step=S.FUNDING, focus_area=area, budget=Decimal(500))
        book(treasurer, K.ALLOCATION, grant, "500", initiative)
        book(treasurer, K.DISBURSEMENT, grant, "200", initiative)
        services.duty_add(
            grant=grant, description=f"Rapport {n}", due_on=datetime.date.today(), actor=treasurer
        )
    return grant, initiative


@pytest.mark.parametrize("count", [1, 12])
def test_the_books_pages_run_a_fixed_number_of_queries(
    as_treasurer, treasurer, count, django_assert_num_queries
):
    grant, initiative = fill(treasurer, count)
    # the bookings of fill() left the site settings in the cache; the layout asks the session,
    # the user, and the roles with the organisations in one: 3; then per page:
    pages = {
        # focus areas with their sums, funders (+organisation) with their sums, the pool's sums,
        # the earmarks' sums, open duties (+grant, funder, organisation)
        reverse("funding:overview"): 3 + 5,
        # count of entries, funders and initiatives (+focus area) for the filter, the page of
        # entries (+grant, funder, organisation, initiative)
        reverse("funding:ledger"): 3 + 4,
        # the grant (+funder, organisation, focus area, initiative), count of its entries, its
        # balance, its duties, the page of entries
        grant.get_absolute_url(): 3 + 5,
        # the funder (+organisation), count and page of its grants with their sums, its balance
        grant.funder.get_absolute_url(): 3 + 4,
        # the initiatives with their ledger sums and the grants with their balances the form offers
        reverse("funding:entry_create"): 3 + 2,
    }
    for url, queries in pages.items():
        with django_assert_num_queries(queries):
            response = as_treasurer.get(url)
        assert response.status_code == 200, url


@pytest.mark.parametrize("count", [1, 12])
def test_the_public_pages_run_a_fixed_number_of_queries(
    client, treasurer, count, django_assert_num_queries
):
    grant, initiative = fill(treasurer, count)
    # (the site settings are in the cache since the bookings of fill()) initiatives (+focus
    # area, lead) with their sums, funders (+organisation) with their sums
    with django_assert_num_queries(2):
        assert client.get(reverse("funding:public")).status_code == 200
    # the initiatives app's page with the funding section's sums in it: the initiative for
    # permission, the initiative with what it points at, partners, target groups, needs,
    # insights, consultations, outcomes, follow-ups, the process log, the funding section's
    # sums, the published reports, the steps of the process
    with django_assert_num_queries(13):
        assert client.get(initiative.get_absolute_url()).status_code == 200


@pytest.mark.parametrize(
    ("value", "safe"),
    [
        ("=1+1", "'=1+1"),
        ("+46 8 123", "'+46 8 123"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=cmd", "'\t=cmd"),
        ("Husby FF", "Husby FF"),
        (None, ""),
    ],
)
def test_a_csv_cell_never_starts_a_formula(value, safe):
    from funding.views import safe_cell

    assert safe_cell(value) == safe


# The admin reads the ledger and never changes it


def test_the_admin_cannot_add_change_or_delete_ledger_entries(client, admin_user, treasurer):
    grant = make_grant(treasurer, "1000.00")
    entry = grant.entries.get()
    client.force_login(admin_user)
    assert client.get(reverse("admin:funding_ledgerentry_changelist")).status_code == 200
    assert client.get(reverse("admin:funding_ledgerentry_add")).status_code == 403
    change = reverse("admin:funding_ledgerentry_change", args=[entry.pk])
    client.post(change, {"amount": "1.00"})
    delete = reverse("admin:funding_ledgerentry_delete", args=[entry.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    entry.refresh_from_db()
    assert entry.amount == Decimal("1000.00")


def test_a_funders_public_page_shows_what_it_gave(client, treasurer):
    grant = make_grant(treasurer, "1000.00", received="400.00")
    client.get(grant.funder.organisation.get_absolute_url())  # site settings now cached
    page = client.get(grant.funder.organisation.get_absolute_url()).content.decode()
    assert "Finansiär i den gemensamma fonden" in page
    assert "Utfäst 1\xa0000 kr, varav 400 kr är inbetalt." in page
    other = OrganisationFactory()
    assert (
        "Finansiär i den gemensamma fonden"
        not in client.get(other.get_absolute_url()).content.decode()
    )


def test_dates_in_the_books_tables_do_not_break_at_their_hyphens(as_treasurer, treasurer):
    """A browser may break "2026-11-30" after a hyphen in a narrow column; a date stays whole."""
    grant, _ = fill(treasurer, 1)
    ledger = as_treasurer.get(reverse("funding:ledger")).content.decode()
    assert '<td class="text-nowrap">2026-02-01</td>' in ledger
    books = as_treasurer.get(grant.get_absolute_url()).content.decode()
    assert f'<td class="text-nowrap">{datetime.date.today():%Y-%m-%d}</td>' in books
    funder = as_treasurer.get(grant.funder.get_absolute_url()).content.decode()
    assert (
        '<span class="text-nowrap">2026-01-01</span> – <span class="text-nowrap">2026-12-31</span>'
        in funder
    )
