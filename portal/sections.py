"""The sections that other apps' data fills on the pages this app composes.

A section is a partial template of the app whose data it shows, with that template's context. Each
function is handed what its page already knows (the user, the organisation, the initiative) and
reads through the apps' own selectors, a small, fixed number of queries whatever the data.
"""

from dataclasses import dataclass, field

from actors import events
from actors.permissions import has_role, is_coordinator, is_member_of, organisation_ids_of
from focusgroups import selectors as focusgroup_selectors
from funding import selectors as funding_selectors
from funding.permissions import can_book, can_read_books
from funding.rules import allocation_refusal
from initiatives import selectors as initiative_selectors
from initiatives.choices import InitiativeStep
from networks import selectors as network_selectors
from prioritization import selectors as prioritization_selectors
from reports.choices import ReportKind, ReportStatus
from reports.models import ReportRequest
from reports.permissions import can_use_reports
from workshops import selectors as workshop_selectors

# How many of the latest public events "you said, we did" tells on the start page.
TIMELINE_LENGTH = 8


@dataclass(frozen=True)
class Section:
    """A part of a page, rendered from its own template."""

    template: str
    context: dict = field(default_factory=dict)


def home(district=None) -> list[Section]:
    """The focus areas with their counts, the next workshop, the networks (where there are any),
    and "you said, we did": the latest
    public events of every app as the event stream tells them (one query each); read for a
    district, what concerns that district and the whole collaboration."""
    return [
        Section(
            "prioritization/partials/_home_panel.html",
            {"focus_areas": list(prioritization_selectors.focus_area_list(district=district))},
        ),
        Section(
            "workshops/partials/_home_panel.html",
            {"next": workshop_selectors.next_workshop(district=district)},
        ),
        Section(
            "networks/partials/_home_panel.html",
            {"networks": network_selectors.network_names(district=district)},
        ),
        Section(
            "initiatives/partials/_home_panel.html",
            {"timeline": events.timeline(limit=TIMELINE_LENGTH, district=district)},
        ),
    ]


def dashboard(user) -> list[Section]:
    """What waits for the user, by the roles they hold and the organisations they act for, in the
    order of the floors: prioritisation, workshops, initiatives, funding."""
    organisation_ids = organisation_ids_of(user)
    coordinator = is_coordinator(user)
    sections = []
    if coordinator:
        sections.append(_ideas_and_rounds())
    if organisation_ids and has_role(user, "member"):
        # One query: open rounds where the person's organisations have needs left to score.
        sections.append(
            Section(
                "prioritization/partials/_dashboard_member.html",
                {"rounds": prioritization_selectors.open_rounds_unscored_by(organisation_ids)},
            )
        )
    if coordinator:
        sections.append(
            Section(
                "workshops/partials/_coordinator_panel.html",
                {
                    "parked_items_due": workshop_selectors.parked_items_due(),
                    "drafts": workshop_selectors.drafts_awaiting_publish(),
                },
            )
        )
    if organisation_ids:
        sections += [
            Section(
                "workshops/partials/_member_panel.html",
                {"actions": workshop_selectors.open_actions_of(organisation_ids)},
            ),
            Section(
                "initiatives/partials/_dashboard_panel.html",
                {"initiatives": initiative_selectors.initiatives_open_led_by(organisation_ids)},
            ),
        ]
    if can_book(user):
        # Requests waiting for an answer and reports owed to funders soon, for the treasurer:
        # one query each.
        sections.append(
            Section(
                "funding/partials/_dashboard_panel.html",
                {
                    "requests": funding_selectors.requests_open_count(),
                    "duties": funding_selectors.duties_due(),
                },
            )
        )
    return sections


def _ideas_and_rounds() -> Section:
    # Two queries: the first ideas awaiting moderation, each carrying the total; open rounds.
    ideas = list(focusgroup_selectors.ideas_awaiting_with_total()[:5])
    return Section(
        "prioritization/partials/_dashboard_coordinator.html",
        {
            "ideas": ideas,
            "idea_count": ideas[0].total if ideas else 0,
            "rounds": list(prioritization_selectors.open_rounds()),
        },
    )


def organisation(organisation) -> list[Section]:
    """On an organisation's public page: the initiatives it leads (one query) and, for a funder,
    what it pledged and paid into the pool (one query)."""
    sections = [
        Section(
            "initiatives/partials/_organisation_panel.html",
            {"initiatives": initiative_selectors.initiatives_public_led_by(organisation)},
        )
    ]
    found = funding_selectors.funder_with_totals(organisation)
    if found is not None:
        funder, balance = found
        sections.append(
            Section(
                "funding/partials/_organisation_panel.html", {"funder": funder, "balance": balance}
            )
        )
    return sections


def initiative_funding(initiative, user) -> list[Section]:
    """The initiative's money on its page: totals for everyone (one query), the grants it is paid
    from for treasurers and coordinators (one more), and its last request to the fund for them
    and the people of its lead organisation (one more). Money is offered for allocation by the
    same rule the fund's service applies; the lead organisation is offered to ask for it while
    the initiative waits at the funding step and no request of it waits for an answer."""
    books = can_book(user)
    reads = can_read_books(user)
    lead = is_member_of(user, initiative.lead_organisation_id)
    asked = funding_selectors.latest_request(initiative) if reads or lead else None
    return [
        Section(
            "funding/partials/_initiative_panel.html",
            {
                "initiative": initiative,
                "funding": funding_selectors.initiative_funding(initiative),
                "sources": funding_selectors.initiative_sources(initiative) if reads else None,
                "can_book": books,
                "can_allocate": books and allocation_refusal(initiative) is None,
                "asked": asked,
                "can_ask": lead
                and initiative.step == InitiativeStep.FUNDING
                and not (asked and asked.is_open),
            },
        )
    ]


def initiative_results(initiative, user) -> list[Section]:
    """The initiative's published evaluation reports, one per language (one query)."""
    published = list(
        ReportRequest.objects.filter(
            kind=ReportKind.INITIATIVE,
            initiative=initiative,
            published=True,
            status=ReportStatus.READY,
        ).order_by("language")
    )
    can_request = can_use_reports(user)
    if not published and not can_request:
        return []
    return [
        Section(
            "reports/partials/_initiative_panel.html",
            {"reports": published, "can_request": can_request, "initiative_id": initiative.pk},
        )
    ]
