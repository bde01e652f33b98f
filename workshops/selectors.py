"""Reads for the workshops pages, each already joined for its page (a fixed number of queries)."""

import datetime
from dataclasses import dataclass, field

from django.db.models import F, Prefetch, Q, Sum
from django.utils import timezone

from actors.districts import in_district
from actors.models import District, Organisation

from .choices import (
    SWOT_KINDS,
    ItemKind,
    MatrixLevel,
    MinutesState,
    SuggestionStatus,
    WorkshopStatus,
)
from .models import (
    Attendance,
    MatrixEntry,
    MeetingSettings,
    MinutesComment,
    PrioritisationMatrix,
    ThemeSuggestion,
    Workshop,
    WorkshopItem,
)

# What the public reads of published minutes: the group's own conclusions, not the actions
# given to organisations and people.
PUBLIC_KINDS = (ItemKind.DECISION, *SWOT_KINDS, ItemKind.NEXT_STEP)


def workshop_list_upcoming(*, limit: int = 10, district: District | None = None):
    return list(in_district(Workshop.objects.upcoming(), district).select_related("host")[:limit])


def workshop_list_past(*, district: District | None = None):
    """Past workshops, newest first, with the number of people who came."""
    return (
        in_district(Workshop.objects.past(), district)
        .select_related("host")
        .annotate(people=Sum("attendances__people"))
    )


def next_workshop(*, district: District | None = None) -> Workshop | None:
    return in_district(Workshop.objects.upcoming(), district).select_related("host").first()


@dataclass
class SwotQuadrant:
    """One SWOT heading: its points, what the group does next about it, and the actions (with
    an owner) that answer it."""

    label: str
    points: list
    next_steps: list
    actions: list


@dataclass
class MatrixView:
    """A prioritisation matrix as a grid: `rows` from high to low on the y axis, each a list of
    cells from low to high on the x axis, each cell the entries placed there."""

    matrix: PrioritisationMatrix
    rows: list
    levels: list

    @classmethod
    def of(cls, matrix: PrioritisationMatrix) -> "MatrixView":
        levels = list(MatrixLevel)
        cells = {(x, y): [] for x in levels for y in levels}
        for entry in matrix.entries.all():
            cells[(entry.x, entry.y)].append(entry)
        rows = [(y.label, [cells[(x, y)] for x in levels]) for y in reversed(levels)]
        return cls(matrix=matrix, rows=rows, levels=[level.label for level in levels])


def matrices_of(workshop: Workshop) -> list[MatrixView]:
    """The workshop's prioritisation matrices with their entries: two queries."""
    matrices = PrioritisationMatrix.objects.filter(workshop=workshop).prefetch_related(
        Prefetch("entries", queryset=MatrixEntry.objects.order_by("position", "pk"))
    )
    return [MatrixView.of(matrix) for matrix in matrices]


@dataclass
class WorkshopRecord:
    """Everything a workshop's page shows, grouped the way the minutes read."""

    attendance: list = field(default_factory=list)
    decisions: list = field(default_factory=list)
    actions: list = field(default_factory=list)
    parked_items: list = field(default_factory=list)
    swot: list = field(default_factory=list)  # [SwotQuadrant]
    matrices: list = field(default_factory=list)  # [MatrixView]
    comments: list = field(default_factory=list)
    photos: list = field(default_factory=list)
    parked_items_due: list = field(default_factory=list)

    @property
    def people(self) -> int:
        return sum(a.people for a in self.attendance)

    @property
    def every_action(self) -> list:
        """The actions, those answering a SWOT heading included."""
        return self.actions + [action for quadrant in self.swot for action in quadrant.actions]


def workshop_record(
    workshop: Workshop, *, internal: bool, meeting: MeetingSettings
) -> WorkshopRecord:
    """The record of one workshop. The public only reads a published record's public parts."""
    record = WorkshopRecord()
    if workshop.status == WorkshopStatus.PLANNED:
        # Parked items due for a new look by the workshop's date go on its agenda.
        record.parked_items_due = list(
            WorkshopItem.objects.due_for_a_look(workshop.date).select_related("workshop")[:20]
        )
    if not (internal or workshop.is_published):
        return record
    if workshop.status == WorkshopStatus.HELD:
        record.photos = list(workshop.photos.all())
    record.attendance = list(
        Attendance.objects.filter(workshop=workshop, people__gt=0).select_related("organisation")
    )
    items = WorkshopItem.objects.filter(workshop=workshop).select_related("owner")
    if not internal:
        items = items.filter(kind__in=PUBLIC_KINDS)
    by_kind: dict[str, list] = {}
    for item in items.order_by("position", "pk"):
        by_kind.setdefault(item.kind, []).append(item)
    record.decisions = by_kind.get(ItemKind.DECISION, [])
    actions = by_kind.get(ItemKind.ACTION, [])
    record.actions = [a for a in actions if not a.swot_heading]
    record.parked_items = by_kind.get(ItemKind.PARKED, [])
    next_steps = by_kind.get(ItemKind.NEXT_STEP, [])
    if workshop.uses_swot or any(by_kind.get(kind) for kind in (*SWOT_KINDS, ItemKind.NEXT_STEP)):
        record.swot = [
            SwotQuadrant(
                label=ItemKind(kind).label,
                points=by_kind.get(kind, []),
                next_steps=[step for step in next_steps if step.swot_heading == kind],
                actions=[a for a in actions if a.swot_heading == kind],
            )
            for kind in SWOT_KINDS
        ]
    else:
        record.actions = actions
    if meeting.has_matrix:
        record.matrices = matrices_of(workshop)
    if internal:
        record.comments = list(
            MinutesComment.objects.filter(workshop=workshop).select_related(
                "author", "organisation"
            )
        )
    return record


# What a row of the open actions shows, and no more: organisations and workshops carry long texts.
ACTION_ROW_FIELDS = (
    "kind",
    "text_sv",
    "translations",
    "responsible",
    "due",
    "done_at",
    "progress_note",
    "owner__name",
    "owner__slug",
    "workshop__starts_at",
)


def open_actions(*, owner_id: int | None = None):
    """Open actions of every workshop, by owner organisation, the earliest due first."""
    queryset = (
        WorkshopItem.objects.open_actions()
        .select_related("owner", "workshop")
        .only(*ACTION_ROW_FIELDS)
        .order_by(F("owner__name").asc(nulls_last=True), F("due").asc(nulls_last=True), "pk")
    )
    if owner_id is not None:
        queryset = queryset.filter(owner_id=owner_id)
    return queryset


def parking_lot(*, archived: bool = False):
    """Parked items: those due for a look first, then by date; archived ones on their own."""
    queryset = WorkshopItem.objects.parked_items().select_related("workshop", "archived_by")
    if archived:
        return queryset.filter(archived_at__isnull=False).order_by("-archived_at", "-pk")
    return queryset.filter(archived_at__isnull=True).order_by(
        F("look_again_on").asc(nulls_last=True), "-workshop__starts_at", "pk"
    )


def parked_items_due(*, on: datetime.date | None = None, limit: int | None = 10):
    """Parked items due for a new look by `on` (today), oldest date first; all with no limit."""
    on = on or timezone.localdate()
    return list(
        WorkshopItem.objects.due_for_a_look(on)
        .select_related("workshop")
        .order_by("look_again_on", "pk")[:limit]
    )


def actions_due(*, on: datetime.date | None = None, before: datetime.date | None = None):
    """Open actions given to an organisation that are due on the day `on`, or before the day
    `before`, with their workshop."""
    dates = {"due": on} if on is not None else {"due__lt": before}
    return list(
        WorkshopItem.objects.open_actions()
        .filter(owner__isnull=False, **dates)
        .select_related("workshop")
        .order_by("due", "pk")
    )


def minutes_unpublished(*, held_by: datetime.date):
    """Workshops held by the day `held_by` whose minutes are still not published."""
    return list(
        Workshop.objects.filter(status=WorkshopStatus.HELD, starts_at__date__lte=held_by)
        .exclude(minutes_state=MinutesState.PUBLISHED)
        .order_by("starts_at", "pk")
    )


def workshops_planned(*, on: datetime.date):
    """Workshops still planned for the day `on` (Stockholm's date), the earliest first."""
    return list(
        Workshop.objects.filter(status=WorkshopStatus.PLANNED, starts_at__date=on).order_by(
            "starts_at", "pk"
        )
    )


def drafts_awaiting_publish(*, limit: int = 10):
    return list(
        Workshop.objects.filter(minutes_state=MinutesState.DRAFT).order_by("starts_at")[:limit]
    )


def open_actions_of(organisation_ids, *, limit: int = 10):
    return list(
        WorkshopItem.objects.open_actions()
        .filter(owner_id__in=organisation_ids)
        .select_related("owner", "workshop")
        .order_by(F("due").asc(nulls_last=True), "pk")[:limit]
    )


def theme_suggestions(*, status: str = SuggestionStatus.OPEN):
    return ThemeSuggestion.objects.filter(status=status).select_related("organisation", "workshop")


@dataclass
class AttendanceRow:
    organisation: Organisation
    counts: list  # people per workshop, in the order of the columns (0: did not come)
    rate: int = 0  # share of the workshops it came to, in whole per cent

    @property
    def came(self) -> int:
        return sum(1 for count in self.counts if count)

    @property
    def people(self) -> int:
        return sum(self.counts)


@dataclass
class AttendanceOverview:
    workshops: list
    rows: list
    residents: list

    BAR_HEIGHT = 24
    BAR_SCALE = 3  # pixels per per cent

    @property
    def chart(self) -> dict:
        """Geometry of the bar chart: one bar per organisation, its length the attendance rate."""
        bars = []
        for index, row in enumerate(self.rows):
            rate = row.rate
            y = index * self.BAR_HEIGHT
            bars.append(
                {
                    "name": row.organisation.name,
                    "rate": rate,
                    "came": row.came,
                    "y": y,
                    "text_y": y + 16,
                    "width": max(rate * self.BAR_SCALE, 1),
                    "label_x": 230 + rate * self.BAR_SCALE + 6,
                }
            )
        return {"bars": bars, "height": len(bars) * self.BAR_HEIGHT + 4, "width": 600}


def attendance_overview(*, last: int = 12) -> AttendanceOverview:
    """Who came to the last held workshops: one row per organisation, one column per workshop.

    Three queries whatever the history: the workshops, their attendance, the organisations.
    """
    workshops = list(
        Workshop.objects.filter(status=WorkshopStatus.HELD).order_by("-starts_at")[:last]
    )
    workshops.reverse()
    column = {w.pk: index for index, w in enumerate(workshops)}
    counts: dict[int, list] = {}
    for row in Attendance.objects.filter(workshop_id__in=column).values_list(
        "organisation_id", "workshop_id", "people"
    ):
        organisation_id, workshop_id, people = row
        counts.setdefault(organisation_id, [0] * len(workshops))[column[workshop_id]] = people
    organisations = Organisation.objects.filter(Q(active=True) | Q(pk__in=counts))
    rows = [
        AttendanceRow(organisation=o, counts=counts.get(o.pk, [0] * len(workshops)))
        for o in organisations
    ]
    for row in rows:
        row.rate = round(100 * row.came / len(workshops)) if workshops else 0
    rows.sort(key=lambda row: (-row.came, row.organisation.name))
    return AttendanceOverview(
        workshops=workshops, rows=rows, residents=[w.residents for w in workshops]
    )


def workshops_for_calendar(*, limit: int = 200):
    """The feed: coming workshops and the recent past (calendar apps keep their own history)."""
    since = timezone.now() - datetime.timedelta(days=180)
    return list(
        Workshop.objects.filter(starts_at__gte=since)
        .select_related("host")
        .order_by("starts_at")[:limit]
    )
