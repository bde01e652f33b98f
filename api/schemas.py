"""The shapes of the API's answers; the OpenAPI document is built from them.

Text comes in Swedish (`_sv`, the source every text is written in) with its translations beside
it (`translations`, by language and name), so an answer is the same whatever language the client
asks in and can be cached as one. Amounts are SEK as decimal strings ("1250.00"), never floats;
codes (step, status, kind) are the values the open-data ZIP uses.
"""

import datetime
from typing import Literal

from django.utils import timezone
from ninja import Field, Schema
from pydantic import ConfigDict, field_validator

from initiatives.choices import InitiativeStep, WayOfWorking
from prioritization.choices import NeedStatus

PUBLIC_STEPS = tuple(s.value for s in InitiativeStep if s != InitiativeStep.NEEDS)
Step = Literal[PUBLIC_STEPS]  # type: ignore[valid-type]
Way = Literal[tuple(WayOfWorking.values)]  # type: ignore[valid-type]
Status = Literal[tuple(NeedStatus.values)]  # type: ignore[valid-type]
Money = str
MAX_LIMIT = 100
# The largest key PostgreSQL and SQLite hold: a larger number names nothing and must not reach
# the database, which would refuse it with an error.
MAX_ID = 2**63 - 1


# {language: {name: text}}: the `_sv` texts of the same object in other languages, named without
# `_sv` ("title"); a text with no translation into a language is left out of it.
Translations = dict[str, dict[str, str]]
TRANSLATIONS = Field(
    description="The texts above in other languages: {language code: {name: text}}, the names "
    "those of the `_sv` fields without `_sv`. A text not translated is left out: read it in "
    "Swedish."
)


class Error(Schema):
    """Every refusal: a code a program can test, and a sentence for a person."""

    error: str = Field(description="bad_request, not_found, too_many_requests")
    message: str


class Filters(Schema):
    """Query parameters every list takes; a list's own filters extend it. Any other parameter is
    refused with 400, so a misspelt filter never silently returns everything."""

    model_config = ConfigDict(extra="forbid")

    cursor: str | None = Field(
        None, max_length=500, description="From `next_cursor` of the page before; opaque."
    )
    limit: int = Field(25, ge=1, le=MAX_LIMIT, description="Rows per page, 1 to 100.")


class DistrictFilters(Filters):
    """The filters of a list whose things belong to a district."""

    district: str | None = Field(
        None,
        max_length=60,
        description="Slug of a district: its things and the whole collaboration's (those with "
        "no district). An unknown district is refused with 400.",
    )


# Each thing of a district names it; null means the whole collaboration.
DISTRICT = Field(description="Slug of its district; null: the whole collaboration")


class InitiativeFilters(DistrictFilters):
    focus_area: str | None = Field(None, max_length=60, description="Slug of a focus area")
    step: Step | None = Field(None, description="Step of the process")
    way: Way | None = Field(None, description="Way of working")
    starts_from: datetime.date | None = Field(None, description="Planned start on or after")
    starts_until: datetime.date | None = Field(None, description="Planned start on or before")
    updated_since: datetime.datetime | None = Field(
        None, description="Changed at or after; without an offset, in Swedish time"
    )

    @field_validator("updated_since")
    @classmethod
    def in_utc(cls, value: datetime.datetime | None) -> datetime.datetime | None:
        """In UTC, which the database takes whatever offset the client wrote (PostgreSQL refuses
        one beyond ±16 hours); a moment that falls outside the calendar in UTC is refused."""
        if value is None:
            return None
        if timezone.is_naive(value):
            value = timezone.make_aware(value)
        try:
            return value.astimezone(datetime.UTC)
        except OverflowError:
            raise ValueError("out of range") from None


class NeedFilters(DistrictFilters):
    focus_area: str | None = Field(None, max_length=60, description="Slug of a focus area")
    status: Status | None = None


class IndicatorFilters(Filters):
    focus_area: str | None = Field(None, max_length=60, description="Slug of a focus area")


class WorkshopFilters(DistrictFilters):
    held_from: datetime.date | None = Field(None, description="Held on or after")
    held_until: datetime.date | None = Field(None, description="Held on or before")


class Page(Schema):
    next_cursor: str | None = Field(
        description="Pass as `cursor` for the next page; null at the end"
    )
    next: str | None = Field(description="The address of the next page; null at the end")


class FocusArea(Schema):
    slug: str
    position: int
    name_sv: str
    description_sv: str
    translations: Translations = TRANSLATIONS


class FocusAreaPage(Page):
    items: list[FocusArea]


class Funding(Schema):
    """The money of an initiative, as its public page shows it."""

    budget: Money = Field(description="Requested budget, SEK")
    granted: Money = Field(description="Grants earmarked for it, SEK")
    allocated: Money = Field(description="Held from the pooled fund, SEK")
    disbursed: Money = Field(description="Paid to the lead organisation, SEK")
    spent: Money = Field(description="Spent, as its follow-ups report, SEK")


class Results(Schema):
    participants: int = Field(description="Participants reached, summed over the follow-ups")
    cost_per_participant: Money | None = Field(description="spent / participants, SEK")


class Initiative(Schema):
    id: int
    url: str = Field(description="Its page on the portal")
    title_sv: str
    summary_sv: str
    translations: Translations = TRANSLATIONS
    focus_area: str = Field(description="Slug of its focus area")
    district: str | None = DISTRICT
    lead_organisation: str = Field(description="Slug of the organisation that leads it")
    step: Step
    way_of_working: Way = Field(
        description="own_initiative (residents' or an association's, enabled by a network), "
        "joint_intervention (an owner with the mandate), district_project (a commissioned "
        "project of the whole district)"
    )
    starts_on: datetime.date
    ends_on: datetime.date
    updated: datetime.datetime
    funding: Funding
    results: Results


class InitiativePage(Page):
    items: list[Initiative]


class StepChange(Schema):
    at: datetime.datetime
    from_step: str
    to_step: str
    note: str


class FollowUp(Schema):
    period_start: datetime.date
    period_end: datetime.date
    activities: int
    participants: int
    how_well: str
    quality_score: int | None
    better_off: str
    spent: Money
    status: str


class Evaluation(Schema):
    evaluated_on: datetime.date
    recommendation: str
    findings_sv: str
    lessons_sv: str
    translations: Translations = TRANSLATIONS


class InitiativeDetail(Initiative):
    needs: list[int] = Field(description="Ids of the needs it answers")
    partners: list[str] = Field(description="Slugs of the partner organisations")
    log: list[StepChange] = Field(description="Every move through the steps, oldest first")
    follow_ups: list[FollowUp]
    evaluation: Evaluation | None


class Need(Schema):
    id: int
    title_sv: str
    description_sv: str
    translations: Translations = TRANSLATIONS
    focus_area: str
    district: str | None = DISTRICT
    status: Status
    prioritised_at: datetime.date | None


class NeedPage(Page):
    items: list[Need]


class DataPoint(Schema):
    period: str = Field(description="Year, half (H1/H2), quarter (Q1-Q4) or month")
    target_group: str = Field(description="Slug of the target group; empty for all residents")
    value: str = Field(description="The value, as a decimal string")


class Indicator(Schema):
    slug: str
    name_sv: str
    translations: Translations = TRANSLATIONS
    unit: str
    source: str
    focus_area: str | None
    data_points: list[DataPoint]


class IndicatorPage(Page):
    items: list[Indicator]


class RoundResult(Schema):
    round_id: int
    round_sv: str
    translations: Translations = TRANSLATIONS
    closed_at: datetime.date | None
    rank: int
    need_id: int
    urgency: str = Field(description="Mean urgency given by the organisations, 1 to 5")
    capacity: str = Field(description="Mean capacity to meet it, 1 to 5")
    organisations: int = Field(description="Organisations that scored")


class RoundResultPage(Page):
    items: list[RoundResult]


class InitiativeMoney(Schema):
    initiative_id: int
    title_sv: str
    allocated: Money
    disbursed: Money


class FunderMoney(Schema):
    funder: str
    pledged: Money
    received: Money


class FundingTotals(Schema):
    """The same figures as funding_per_initiative.csv and funding_per_funder.csv of the ZIP."""

    per_initiative: list[InitiativeMoney]
    per_funder: list[FunderMoney]


class Workshop(Schema):
    id: int
    url: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime | None
    theme_sv: str
    summary_sv: str
    translations: Translations = TRANSLATIONS
    host: str | None = Field(description="Slug of the hosting organisation")
    district: str | None = DISTRICT
    residents: int = Field(description="Residents who came")
    published_at: datetime.datetime | None


class WorkshopPage(Page):
    items: list[Workshop]


class Organisation(Schema):
    slug: str
    url: str
    name: str
    kind: str
    description_sv: str
    translations: Translations = TRANSLATIONS
    website: str
    joined: datetime.date | None


class OrganisationPage(Page):
    items: list[Organisation]
