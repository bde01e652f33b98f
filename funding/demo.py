"""Demo books of the pooled fund: three funders, grants with and without earmarks, a year (per
`scale`) of entries and one reversed entry, with every initiative whose demo story goes past the
funding step allocated its whole budget from grants running when it was booked.

The initiatives app loads first and leaves those initiatives waiting at the funding step; the
allocations booked here are what lets its `move_on_funded` move them on. "Trygga vuxna i centrum"
stays at funding, partly allocated, with its lead organisation's request for the rest waiting
for an answer, so the treasurer has work to do.

Idempotent: a grant is keyed on its funder and Swedish title and its receipts are booked only
when the grant is first made; allocations and disbursements top up to their target, so a second
run finds nothing missing and books nothing. Everything is booked through the services, on the
day it happened, so the fund's rules check the demo's books and the event stream tells them.
"""

import datetime
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone

from actors import services as actor_services
from actors.choices import MembershipRole, OrganisationKind
from actors.events import as_of
from actors.models import Organisation, User
from actors.translations import translate
from initiatives import demo as initiatives_demo
from initiatives.choices import InitiativeStep
from initiatives.models import Initiative
from prioritization.models import FocusArea

from . import services
from .balances import Balance, sums
from .choices import Earmark, EntryKind
from .models import AllocationRequest, Funder, Grant, LedgerEntry
from .rules import allocated

FUNDERS = [
    # slug, name, kind, Swedish description, its English translation, internal notes
    (
        "region-stockholm",
        "Region Stockholm",
        OrganisationKind.PUBLIC_AGENCY,
        "Regionen stödjer samverkan som en del av sitt arbete för jämlik hälsa.",
        "The region supports the collaboration as part of its work for equal health.",
        "Kontakt via folkhälsoenheten. Bidraget söks om varje höst.",
    ),
    (
        "stiftelsen-framtid-i-jarva",
        "Stiftelsen Framtid i Järva",
        OrganisationKind.FUNDER,
        "En stiftelse som ger långsiktigt stöd till ungas hälsa i Järvaområdet.",
        "A foundation giving long-term support to young people's health in the Järva area.",
        "Vill ha berättelser från deltagare i slutrapporten.",
    ),
    (
        "norrort-fastigheter",
        "Norrort Fastigheter AB",
        OrganisationKind.FUNDER,
        "Ett fastighetsbolag i området som bidrar till trygga och levande kvarter.",
        "A property company in the area that helps keep the neighbourhood safe and lively.",
        "Logotyp får visas på aktiviteterna, inget annat motkrav.",
    ),
]

FUNDED_STEPS = (InitiativeStep.EXECUTION, InitiativeStep.EVALUATION, InitiativeStep.COMPLETED)


def _treasurer():
    return User.objects.filter(role_assignments__role="treasurer").first()


def _funder(slug, name, kind, swedish, english, notes, *, actor) -> Funder:
    organisation = Organisation.objects.filter(slug=slug).first()
    if organisation is None:
        organisation = Organisation(slug=slug, name=name, kind=kind, description_sv=swedish)
        translate(organisation, "en", description=english)
        organisation = actor_services.organisation_save(organisation=organisation, actor=actor)
    funder = Funder.objects.filter(organisation=organisation).first()
    return funder or services.funder_create(organisation=organisation, notes=notes, actor=actor)


def _on(day: datetime.date):
    """Book as on that day: the demo's books tell a story over past months."""
    return as_of(timezone.make_aware(datetime.datetime.combine(day, datetime.time(9))))


def _grant(funder, titles, amount, start, conditions, *, actor, receipts=(), **extra) -> Grant:
    """The grant keyed on funder and Swedish title; when new, its pledge and receipts. Its
    `titles` and `conditions` are each a Swedish text and its English translation."""
    (title, english_title), (condition, english_conditions) = titles, conditions
    grant = Grant.objects.filter(funder=funder, title_sv=title).first()
    if grant is not None:
        return grant
    grant = Grant(
        funder=funder,
        title_sv=title,
        conditions_sv=condition,
        amount=Decimal(amount),
        starts_on=start,
        ends_on=start + datetime.timedelta(days=364),
        **extra,
    )
    translate(grant, "en", title=english_title, conditions=english_conditions)
    pledged_on = start - datetime.timedelta(days=20)
    with _on(pledged_on):
        grant = services.grant_register(grant=grant, pledged_on=pledged_on, actor=actor)
    for days, receipt in receipts:
        booked_on = start + datetime.timedelta(days=days)
        with _on(booked_on):
            services.entry_book(
                kind=EntryKind.RECEIPT,
                grant=grant,
                amount=Decimal(receipt),
                booked_on=booked_on,
                actor=actor,
            )
    return grant


def load(*, scale: int = 1) -> None:
    treasurer = _treasurer()
    if treasurer is None or not FocusArea.objects.exists():
        return
    today = timezone.localdate()
    region, foundation, company = (_funder(*spec, actor=treasurer) for spec in FUNDERS)

    # This year's grants start early enough that their receipts are all in the past.
    start = min(today.replace(month=1, day=1), today - datetime.timedelta(days=330))
    for years_back in range(scale):
        # One operating grant per year of the demo, named after the year its initiatives carry
        # in their titles.
        year = today.year - years_back
        year_start = datetime.date(year, 1, 1) if years_back else start
        _grant(
            region,
            (f"Verksamhetsbidrag {year}", f"Operating grant {year}"),
            1_200_000,
            year_start,
            (
                "Pengarna ska gå till satsningar som boende varit med och tagit fram.",
                "The money goes to initiatives that residents helped shape.",
            ),
            actor=treasurer,
            receipts=[(10, 300_000), (100, 300_000), (190, 300_000), (280, 300_000)],
        )
        if years_back:
            # An earlier year's two rounds of initiatives cost about 1.9 million: the
            # foundation gave what the region's grant did not cover.
            _grant(
                foundation,
                (f"Unga i Järva {year}", f"Young people in Järva {year}"),
                800_000,
                year_start + datetime.timedelta(days=30),
                (
                    "Till ungas hälsa, i satsningar som boende varit med och tagit fram.",
                    "For young people's health, in initiatives residents helped shape.",
                ),
                actor=treasurer,
                receipts=[(15, 400_000), (200, 400_000)],
            )
    mental_health = FocusArea.objects.filter(slug="mental-health").first()
    if mental_health:
        grant = _grant(
            foundation,
            ("Ungas psykiska hälsa", "Young people's mental health"),
            400_000,
            start + datetime.timedelta(days=30),
            (
                "Endast insatser inom god psykisk hälsa. Delrapport efter halva tiden.",
                "Only for good mental health. Interim report halfway through.",
            ),
            actor=treasurer,
            receipts=[(15, 200_000), (200, 200_000)],
            earmark=Earmark.FOCUS_AREA,
            focus_area=mental_health,
        )
        _duty(grant, "Delrapport till stiftelsen", today + datetime.timedelta(days=12), treasurer)
        final_report_due = grant.ends_on + datetime.timedelta(days=60)
        _duty(grant, "Slutrapport med deltagarberättelser", final_report_due, treasurer)
    football = Initiative.objects.filter(title_sv="Fotboll på fredagskvällar").first()
    if football:
        grant = _grant(
            company,
            ("Fotboll på fredagskvällar", "Football on Friday evenings"),
            100_000,
            start + datetime.timedelta(days=60),
            (
                "Bolagets logotyp visas på matchvästarna.",
                "The company's logo is shown on the bibs.",
            ),
            actor=treasurer,
            receipts=[(10, 100_000)],
            earmark=Earmark.INITIATIVE,
            initiative=football,
        )
        _duty(grant, "Bilder och antal deltagare", today - datetime.timedelta(days=5), treasurer)
    sponsorship = _grant(
        company,
        ("Trygga kvarter", "Safe neighbourhoods"),
        150_000,
        start + datetime.timedelta(days=90),
        ("Ingen särskild öronmärkning.", "No particular earmark."),
        actor=treasurer,
        receipts=[(20, 100_000)],
    )
    _duty(
        sponsorship,
        "Kort årsberättelse till bolaget",
        today + datetime.timedelta(days=25),
        treasurer,
    )
    _reversed_receipt(sponsorship, treasurer)
    _fund_initiatives(treasurer, today, initiatives_demo.past_funding(scale=scale))


def _duty(grant, description, due_on, treasurer):
    if not grant.duties.filter(description=description).exists():
        services.duty_add(grant=grant, description=description, due_on=due_on, actor=treasurer)


def _reversed_receipt(grant, treasurer):
    """A receipt booked twice by mistake, corrected by a reversal: both stay in the ledger."""
    if LedgerEntry.objects.filter(grant=grant, reverses__isnull=False).exists():
        return
    first = grant.entries.filter(kind=EntryKind.RECEIPT).order_by("pk").first()
    if first is None:
        return
    with _on(first.booked_on):
        duplicate = services.entry_book(
            kind=EntryKind.RECEIPT,
            grant=grant,
            amount=Decimal("50000.00"),
            booked_on=first.booked_on,
            note="Inbetalningen bokades två gånger från kontoutdraget.",
            actor=treasurer,
        )
    reversed_on = first.booked_on + datetime.timedelta(days=2)
    with _on(reversed_on):
        services.entry_reverse(
            entry=duplicate,
            note=f"Dubbelbokad: samma inbetalning som rad #{first.pk}.",
            booked_on=reversed_on,
            actor=treasurer,
        )


def _fund_initiatives(treasurer, today, stories):
    """Allocate each funded initiative's whole budget and pay it out as far as it will come.

    `stories` maps the Swedish title of each demo initiative waiting at the funding step whose
    story goes further to the step where it ends. The amounts follow the fund's rules (earmarks
    first, never beyond what a grant has available), which the service checks again, and come
    from grants running when they were booked.
    """
    grants = list(Grant.objects.annotate(**sums(prefix="entries__")).order_by("starts_on", "pk"))
    available = {grant.pk: Balance.of(grant).available for grant in grants}
    initiatives = Initiative.objects.filter(
        Q(step__in=FUNDED_STEPS) | Q(step=InitiativeStep.FUNDING, title_sv__in=stories)
    ).annotate(**sums(prefix="ledger_entries__"))
    order = {Earmark.INITIATIVE: 0, Earmark.FOCUS_AREA: 1, Earmark.NONE: 2}
    for initiative in initiatives.order_by("starts_on", "pk"):
        balance = Balance.of(initiative)
        missing = initiative.budget - balance.allocated
        booked_on = min(initiative.starts_on - datetime.timedelta(days=14), today)
        paid_from = []
        for grant in sorted(grants, key=lambda g: order[g.earmark]):
            if missing <= 0:
                break
            if (
                not grant.may_fund(initiative)
                or not _running(grant, booked_on)
                or available[grant.pk] <= 0
            ):
                continue
            amount = min(missing, available[grant.pk])
            _book(
                EntryKind.ALLOCATION,
                grant,
                initiative,
                amount,
                booked_on,
                treasurer,
                note="Beslut i styrelsen för föreningen.",
            )
            available[grant.pk] -= amount
            missing -= amount
            paid_from.append((grant, amount))
        if balance.allocated == 0:
            # Completed and evaluated initiatives were paid in full, running ones half.
            ends_at = stories.get(initiative.title_sv, initiative.step)
            share = Decimal(1) if ends_at != InitiativeStep.EXECUTION else Decimal("0.5")
            for grant, amount in paid_from:
                _book(
                    EntryKind.DISBURSEMENT,
                    grant,
                    initiative,
                    (amount * share).quantize(Decimal("0.01")),
                    booked_on + datetime.timedelta(days=7),
                    treasurer,
                )
    _partly_fund_waiting(treasurer, today, grants, available)


def _book(kind, grant, initiative, amount, booked_on, treasurer, note=""):
    with _on(booked_on):
        services.entry_book(
            kind=kind,
            grant=grant,
            initiative=initiative,
            amount=amount,
            booked_on=booked_on,
            note=note,
            actor=treasurer,
        )


def _running(grant, day) -> bool:
    """Whether the grant's period covers `day`: its money goes to what starts while it runs."""
    return grant.starts_on <= day <= grant.ends_on


def _partly_fund_waiting(treasurer, today, grants, available):
    """The initiative waiting at the funding step gets part of its budget and asks for the rest,
    so the treasurer has something left to do in the demo."""
    waiting = Initiative.objects.filter(
        step=InitiativeStep.FUNDING, title_sv="Trygga vuxna i centrum"
    ).first()
    if waiting is None:
        return
    if not waiting.ledger_entries.exists():
        _allocate_first_part(waiting, treasurer, today, grants, available)
    _ask_for_the_rest(waiting, today)


def _allocate_first_part(waiting, treasurer, today, grants, available):
    booked_on = today - datetime.timedelta(days=3)
    for grant in grants:
        if (
            grant.earmark == Earmark.NONE
            and _running(grant, booked_on)
            and available[grant.pk] >= Decimal("150000")
        ):
            _book(
                EntryKind.ALLOCATION,
                grant,
                waiting,
                Decimal("150000.00"),
                booked_on,
                treasurer,
                note="Första delen; resten när regionens sista utbetalning kommit.",
            )
            return


# The person at the waiting initiative's lead organisation who asks for the rest of its money;
# the demo has no login for them.
ASKER = ("kvallsvard@stadsmissionen.demo.cih.se", "Elin", "Nord")


def _ask_for_the_rest(initiative, today):
    """The lead organisation asks the fund for what the first allocation left uncovered."""
    missing = initiative.budget - allocated(initiative)
    if missing <= 0 or AllocationRequest.objects.filter(initiative=initiative).exists():
        return
    email, first, last = ASKER
    asker = User.objects.filter(email=email).first()
    if asker is None:
        asker = User.objects.create_user(email, None, first_name=first, last_name=last)
        actor_services.membership_add(
            organisation=initiative.lead_organisation, user=asker, role=MembershipRole.CONTACT
        )
    with _on(today - datetime.timedelta(days=1)):
        services.allocation_request_make(
            initiative=initiative,
            amount=missing,
            justification=(
                "Resten av budgeten: arvoden till de vuxna som finns i centrum fredag och "
                "lördag kväll från mars, och utbildning i bemötande innan de börjar."
            ),
            actor=asker,
        )
