"""Writes for the workshops app: one function per domain action, each in one transaction.

Each service checks its own rules (the forms check them too, to show the message next to the
field); a broken rule raises ValidationError and nothing is saved. Each records its event.
"""

import calendar
import datetime

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from actors.events import event_record, excerpt
from actors.i18n import in_every_language
from actors.models import Organisation

from .choices import (
    SWOT_KINDS,
    Cadence,
    CommentKind,
    ItemKind,
    MatrixLevel,
    MinutesState,
    SuggestionStatus,
    SwotHeading,
    WorkshopEvent,
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
    WorkshopPhoto,
)

# A parked item logged without a date comes up again this long after its workshop.
PARKED_ITEM_LOOK_AGAIN_AFTER = datetime.timedelta(days=90)
# What planning a workshop may change, and what its log's record may change: the rest of the
# row (status, minutes, who published) belongs to other actions.
_WHEN_AND_WHERE = ("starts_at", "ends_at", "place", "district", "theme_sv", "host", "format")
PLAN_FIELDS = (*_WHEN_AND_WHERE, "agenda_sv")
RECORD_FIELDS = (*_WHEN_AND_WHERE, "residents", "summary_sv", "coming_questions_sv", "notes")
# Items that keep the SWOT heading they answer.
ANSWERS_A_HEADING = (ItemKind.ACTION, ItemKind.NEXT_STEP)


def workshop_rule_errors(*, starts_at, ends_at, status, now=None) -> dict[str, str]:
    """The rules a workshop's date and status must follow, as {field: message}."""
    now = now or timezone.now()
    errors = {}
    if starts_at and status == WorkshopStatus.PLANNED and starts_at < now:
        errors["starts_at"] = _(
            "A workshop in the past cannot be planned: log it as held, or mark it cancelled."
        )
    if starts_at and status == WorkshopStatus.HELD and starts_at > now:
        errors["starts_at"] = _("A workshop that has not started yet cannot be held.")
    if starts_at and ends_at and ends_at <= starts_at:
        errors["ends_at"] = _("The workshop must end after it starts.")
    return errors


def action_due_error(*, due: datetime.date | None, workshop_date: datetime.date) -> str | None:
    if due is not None and due < workshop_date:
        return _("An action cannot be due before the workshop it came from (%(date)s).") % {
            "date": workshop_date.isoformat()
        }
    return None


def _workshop_event(kind: str, workshop: Workshop, actor, public: bool = False, **data) -> None:
    event_record(
        kind=kind,
        subject=workshop,
        actor=actor,
        data={**in_every_language(workshop, "theme"), "starts_at": workshop.starts_at, **data},
        public=public,
    )


def _item_event(kind: str, item: WorkshopItem, actor, **data) -> None:
    event_record(
        kind=kind,
        subject=item,
        actor=actor,
        data={
            "workshop": item.workshop_id,
            "owner": item.owner_id,
            **{key: excerpt(text, 200) for key, text in in_every_language(item, "text").items()},
            **data,
        },
        public=False,
    )


def _locked_with(workshop: Workshop, fields: tuple[str, ...]) -> Workshop:
    """The workshop's row, locked, carrying `workshop`'s values of `fields`: saving it keeps
    what another action changed meanwhile (the minutes published, the workshop cancelled)."""
    locked = Workshop.objects.select_for_update().get(pk=workshop.pk)
    for name in fields:
        attname = Workshop._meta.get_field(name).attname
        setattr(locked, attname, getattr(workshop, attname))
    return locked


def _check(workshop: Workshop) -> None:
    errors = workshop_rule_errors(
        starts_at=workshop.starts_at, ends_at=workshop.ends_at, status=workshop.status
    )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def workshop_save(*, workshop: Workshop, actor) -> Workshop:
    """Plan a workshop, or change a planned one's date, place, theme, host, format or agenda.

    `workshop` carries the values as typed (PLAN_FIELDS); a new one is created as it is.
    """
    created = workshop.pk is None
    if created:
        workshop.created_by = actor
    else:
        workshop = _locked_with(workshop, PLAN_FIELDS)
    _check(workshop)
    workshop.save()
    _workshop_event(
        WorkshopEvent.PLANNED if created else WorkshopEvent.CHANGED,
        workshop,
        actor,
        place=workshop.place,
    )
    return workshop


def next_meeting_date(day: datetime.date, cadence: str) -> datetime.date:
    """The day of the meeting after one held on `day`: a week or two on, or, monthly, the same
    weekday of the same week of the next month (the second Monday stays the second Monday; a
    fifth one becomes the month's last)."""
    if cadence == Cadence.WEEKLY:
        return day + datetime.timedelta(weeks=1)
    if cadence == Cadence.BIWEEKLY:
        return day + datetime.timedelta(weeks=2)
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    first = datetime.date(year, month, 1)
    first_same_weekday = first + datetime.timedelta(days=(day.weekday() - first.weekday()) % 7)
    week = (day.day - 1) // 7
    last_day = calendar.monthrange(year, month)[1]
    while first_same_weekday.day + 7 * week > last_day:
        week -= 1
    return first_same_weekday + datetime.timedelta(weeks=week)


def _moved_to(moment: datetime.datetime, day: datetime.date) -> datetime.datetime:
    """The same time of day on another day, in Stockholm's time (summer time or not)."""
    local = timezone.localtime(moment)
    return timezone.make_aware(datetime.datetime.combine(day, local.time().replace(tzinfo=None)))


def next_workshop_proposal(workshop: Workshop) -> Workshop:
    """The workshop after this one: the planned one if there is one, else a new one as far on
    as the collaboration's cadence says (MeetingSettings)."""
    planned = (
        Workshop.objects.filter(status=WorkshopStatus.PLANNED, starts_at__gt=workshop.starts_at)
        .exclude(pk=workshop.pk)
        .order_by("starts_at")
        .first()
    )
    if planned is not None:
        return planned
    day = next_meeting_date(workshop.date, MeetingSettings.current().cadence)
    starts_at = _moved_to(workshop.starts_at, day)
    return Workshop(
        starts_at=starts_at,
        ends_at=starts_at + (workshop.ends_at - workshop.starts_at) if workshop.ends_at else None,
        place=workshop.place,
        host=workshop.host,
        status=WorkshopStatus.PLANNED,
    )


@transaction.atomic
def meeting_settings_save(*, meeting: MeetingSettings, actor) -> MeetingSettings:
    """A coordinator's choice of how often the collaboration meets, what it calls its meetings
    and which parts their records have."""
    if meeting.cadence not in Cadence.values:
        raise ValidationError({"cadence": _("Choose how often the meetings come.")})
    meeting.pk = 1
    meeting.save()
    # Now, and again once committed: a page read meanwhile may have cached the row as it was.
    cache.delete(MeetingSettings.CACHE_KEY)
    transaction.on_commit(lambda: cache.delete(MeetingSettings.CACHE_KEY))
    event_record(
        kind=WorkshopEvent.SETTINGS_CHANGED,
        subject=meeting,
        actor=actor,
        data={
            **in_every_language(meeting, "name"),
            "cadence": meeting.cadence,
            "parts": [
                part
                for part in ("has_swot", "has_coming_questions", "has_themes", "has_matrix")
                if getattr(meeting, part)
            ],
        },
        public=False,
    )
    return meeting


@transaction.atomic
def workshop_log(
    *,
    workshop: Workshop,
    attendance: dict[int, int],
    items: list[WorkshopItem],
    removed: list[WorkshopItem] = (),
    next_workshop: Workshop | None = None,
    next_theme: ThemeSuggestion | None = None,
    actor,
) -> Workshop:
    """Record a held workshop in one go: the record, attendance, what came out, the next workshop.

    `workshop` carries the record's fields as typed (RECORD_FIELDS); `attendance` maps
    organisation ids to the number of people who came (0 or missing: did not come); `items` are
    new or changed items, in the order typed, and `removed` items the coordinator took out of a
    draft. A parked item without a date to look at it again gets one PARKED_ITEM_LOOK_AGAIN_AFTER
    the workshop. The minutes become a draft for members to check, unless they were already
    published (then the correction shows at once). A next workshop planned on the way records
    its own event; `next_theme`, a member's suggested theme, becomes its theme and is taken up
    by it. Returns the saved workshop.
    """
    if workshop.pk is not None:
        workshop = _locked_with(workshop, RECORD_FIELDS)
    workshop.status = WorkshopStatus.HELD
    _check(workshop)
    workshop_date = workshop.date
    errors = []
    if any(people is None or people < 0 for people in attendance.values()):
        errors.append(_("Attendance cannot be below zero."))
    if Organisation.objects.filter(pk__in=attendance).count() != len(attendance):
        errors.append(_("Attendance names an organisation that does not exist."))
    for item in items:
        if item.kind == ItemKind.ACTION:
            message = action_due_error(due=item.due, workshop_date=workshop_date)
            if message:
                errors.append(message)
        elif item.due or item.owner_id or item.done_at:
            errors.append(_("Only actions have an owner and a due date."))
        if item.kind == ItemKind.NEXT_STEP and not item.swot_heading:
            errors.append(_("Say which SWOT heading the next step answers."))
        if item.kind in (*SWOT_KINDS, ItemKind.NEXT_STEP) and not workshop.uses_swot:
            errors.append(_("SWOT points need the SWOT format."))
    if removed and workshop.is_published:
        errors.append(_("Items of published minutes are corrected, not removed."))
    if next_workshop is not None and next_workshop.starts_at <= workshop.starts_at:
        errors.append(_("The next workshop must come after this one."))
    if next_theme is not None and next_workshop is None:
        errors.append(_("Plan the next workshop to give it a suggested theme."))
    if errors:
        raise ValidationError(errors)

    if workshop.minutes_state == MinutesState.NONE:
        workshop.minutes_state = MinutesState.DRAFT
    workshop.save()

    came = {org_id: people for org_id, people in attendance.items() if people}
    Attendance.objects.filter(workshop=workshop).exclude(organisation_id__in=came).delete()
    existing = {a.organisation_id: a for a in Attendance.objects.filter(workshop=workshop)}
    for organisation_id, people in came.items():
        row = existing.get(organisation_id)
        if row is None:
            Attendance.objects.create(
                workshop=workshop, organisation_id=organisation_id, people=people
            )
        elif row.people != people:
            row.people = people
            row.save(update_fields=["people"])

    for item in removed:
        if item.pk and item.workshop_id == workshop.pk:
            item.delete()
    for position, item in enumerate(items, start=1):
        item.workshop = workshop
        if not item.position:
            item.position = position
        if item.kind == ItemKind.PARKED and item.look_again_on is None:
            item.look_again_on = workshop_date + PARKED_ITEM_LOOK_AGAIN_AFTER
        if item.kind not in ANSWERS_A_HEADING:
            item.swot_heading = SwotHeading.NONE
        item.save()
    # Who came, and the actions given to organisations: who is to be told of the minutes.
    _workshop_event(
        WorkshopEvent.LOGGED,
        workshop,
        actor,
        attended=sorted(came),
        actions=[
            {
                "item": item.pk,
                "owner": item.owner_id,
                "due": item.due,
                **in_every_language(item, "text"),
            }
            for item in items
            if item.kind == ItemKind.ACTION
        ],
        minutes=workshop.minutes_state,
    )

    if next_workshop is not None:
        next_workshop.status = WorkshopStatus.PLANNED
        if next_theme is not None:
            next_workshop.theme_sv = next_theme.title
        next_workshop = workshop_save(workshop=next_workshop, actor=actor)
        if next_theme is not None:
            theme_take_up(suggestion=next_theme, workshop=next_workshop, actor=actor)
    return workshop


@transaction.atomic
def workshop_cancel(*, workshop: Workshop, actor) -> Workshop:
    """Call off a planned workshop; it stays in the list, marked cancelled."""
    workshop = Workshop.objects.select_for_update().get(pk=workshop.pk)
    if workshop.status != WorkshopStatus.PLANNED:
        raise ValidationError(_("Only a planned workshop can be cancelled."))
    workshop.status = WorkshopStatus.CANCELLED
    workshop.save(update_fields=["status", "updated"])
    _workshop_event(WorkshopEvent.CANCELLED, workshop, actor)
    return workshop


@transaction.atomic
def workshop_publish(*, workshop: Workshop, actor) -> Workshop:
    """Publish checked minutes: the public and the reports read the published record."""
    workshop = Workshop.objects.select_for_update().get(pk=workshop.pk)
    if workshop.minutes_state != MinutesState.DRAFT:
        raise ValidationError(_("Only draft minutes can be published."))
    if not workshop.summary_sv.strip():
        raise ValidationError(_("Write a public summary (in Swedish) before publishing."))
    workshop.minutes_state = MinutesState.PUBLISHED
    workshop.published_at = timezone.now()
    workshop.published_by = actor
    workshop.save(update_fields=["minutes_state", "published_at", "published_by", "updated"])
    _workshop_event(
        WorkshopEvent.MINUTES_PUBLISHED,
        workshop,
        actor,
        public=True,
        **{key: excerpt(text) for key, text in in_every_language(workshop, "summary").items()},
    )
    return workshop


MAX_PHOTOS_PER_WORKSHOP = 20


@transaction.atomic
def photo_add(*, workshop: Workshop, image, caption_sv: str, actor) -> WorkshopPhoto:
    """Add a photo, already re-encoded by the form, to the minutes of a held workshop."""
    workshop = Workshop.objects.select_for_update().get(pk=workshop.pk)
    if workshop.status != WorkshopStatus.HELD:
        raise ValidationError(_("Photos can be added once the workshop has been held."))
    if workshop.photos.count() >= MAX_PHOTOS_PER_WORKSHOP:
        raise ValidationError(
            _("A workshop can have at most %(count)d photos. Remove one to add another.")
            % {"count": MAX_PHOTOS_PER_WORKSHOP}
        )
    photo = WorkshopPhoto(workshop=workshop, caption_sv=caption_sv, uploaded_by=actor)
    photo.image.save(image.name, image, save=False)
    try:
        photo.save()
    except Exception:
        # No row, no file: nothing else would ever remove it.
        photo.image.storage.delete(photo.image.name)
        raise
    _workshop_event(WorkshopEvent.PHOTO_ADDED, workshop, actor, photo=photo.pk)
    return photo


@transaction.atomic
def photo_remove(*, photo: WorkshopPhoto, actor) -> None:
    """Remove a photo and, once that is committed, its file."""
    storage, name = photo.image.storage, photo.image.name
    _workshop_event(WorkshopEvent.PHOTO_REMOVED, photo.workshop, actor, photo=photo.pk)
    photo.delete()
    transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def minutes_comment_add(
    *, workshop: Workshop, author, organisation: Organisation | None, kind: str, text: str
) -> MinutesComment:
    """A member's comment on draft minutes, or a correction they suggest."""
    if not workshop.is_draft:
        raise ValidationError(_("Comments are taken while the minutes are a draft."))
    if kind not in CommentKind.values or not text.strip():
        raise ValidationError(_("Write a comment."))
    comment = MinutesComment.objects.create(
        workshop=workshop, author=author, organisation=organisation, kind=kind, text=text.strip()
    )
    _workshop_event(
        WorkshopEvent.MINUTES_COMMENTED,
        workshop,
        author,
        comment=comment.pk,
        comment_kind=kind,
        organisation=getattr(organisation, "pk", None),
    )
    return comment


def _locked_item(item: WorkshopItem, kind: str) -> WorkshopItem:
    locked = WorkshopItem.objects.select_for_update().get(pk=item.pk)
    if locked.kind != kind:
        raise ValidationError(_("This item is not of the right kind."))
    return locked


@transaction.atomic
def action_complete(*, item: WorkshopItem, actor, note: str = "") -> WorkshopItem:
    """Mark an action done; the owner organisation's members and coordinators do this.

    An action already done keeps its date; a note given then is recorded as progress.
    """
    item = _locked_item(item, ItemKind.ACTION)
    kind = WorkshopEvent.ACTION_DONE if item.done_at is None else WorkshopEvent.ACTION_NOTED
    if kind == WorkshopEvent.ACTION_NOTED and not note:
        return item  # nothing changes
    if item.done_at is None:
        item.done_at = timezone.now()
        item.done_by = actor
    if note:
        item.progress_note = note
    item.save(update_fields=["done_at", "done_by", "progress_note"])
    _item_event(kind, item, actor, note=item.progress_note)
    return item


@transaction.atomic
def action_reopen(*, item: WorkshopItem, actor, note: str = "") -> WorkshopItem:
    """Open a done action again (it was not done after all)."""
    item = _locked_item(item, ItemKind.ACTION)
    item.done_at = None
    item.done_by = None
    if note:
        item.progress_note = note
    item.save(update_fields=["done_at", "done_by", "progress_note"])
    _item_event(WorkshopEvent.ACTION_REOPENED, item, actor, note=item.progress_note)
    return item


@transaction.atomic
def action_note(*, item: WorkshopItem, actor, note: str) -> WorkshopItem:
    """Say how an open action is going, without closing it."""
    item = _locked_item(item, ItemKind.ACTION)
    item.progress_note = note
    item.save(update_fields=["progress_note"])
    _item_event(WorkshopEvent.ACTION_NOTED, item, actor, note=note)
    return item


@transaction.atomic
def actions_update(*, changes, actor) -> int:
    """Several actions at once, from the open actions list: all of the changes, or none, each
    recorded as its own event."""
    for item, done, note in changes:
        if done:
            action_complete(item=item, actor=actor, note=note)
        else:
            action_note(item=item, actor=actor, note=note)
    return len(changes)


@transaction.atomic
def parked_item_schedule(
    *, item: WorkshopItem, look_again_on: datetime.date, actor
) -> WorkshopItem:
    """Set the date to look at a parked item again."""
    item = _locked_item(item, ItemKind.PARKED)
    if item.archived_at is not None:
        raise ValidationError(_("This parked idea is archived."))
    item.look_again_on = look_again_on
    item.save(update_fields=["look_again_on"])
    _item_event(WorkshopEvent.PARKED_ITEM_RESCHEDULED, item, actor, look_again_on=look_again_on)
    return item


@transaction.atomic
def parked_item_archive(*, item: WorkshopItem, reason: str, actor) -> WorkshopItem:
    """Take a parked item out of the parking lot, with the reason; it is kept, never deleted."""
    item = _locked_item(item, ItemKind.PARKED)
    if not reason.strip():
        raise ValidationError(_("Say why the parked idea is archived."))
    if item.archived_at is None:
        item.archived_at = timezone.now()
        item.archived_by = actor
        item.archive_reason = reason.strip()
        item.save(update_fields=["archived_at", "archived_by", "archive_reason"])
        _item_event(WorkshopEvent.PARKED_ITEM_ARCHIVED, item, actor, reason=item.archive_reason)
    return item


@transaction.atomic
def theme_suggest(
    *, title: str, description: str, user, organisation: Organisation | None
) -> ThemeSuggestion:
    """A member suggests a theme for a coming workshop."""
    if not title.strip():
        raise ValidationError(_("Name the theme."))
    suggestion = ThemeSuggestion.objects.create(
        title=title.strip(),
        description=description.strip(),
        suggested_by=user,
        organisation=organisation,
    )
    _suggestion_event(WorkshopEvent.THEME_SUGGESTED, suggestion, user)
    return suggestion


def _suggestion_event(kind: str, suggestion: ThemeSuggestion, actor) -> None:
    event_record(
        kind=kind,
        subject=suggestion,
        actor=actor,
        data={
            "title": suggestion.title,
            "organisation": suggestion.organisation_id,
            "workshop": suggestion.workshop_id,
        },
        public=False,
    )


@transaction.atomic
def theme_take_up(
    *, suggestion: ThemeSuggestion, workshop: Workshop, actor, as_theme: bool = False
) -> ThemeSuggestion:
    """Note which workshop takes up a suggested theme; `as_theme` makes it that workshop's
    theme (a planned workshop's change, recorded as one)."""
    suggestion = ThemeSuggestion.objects.select_for_update().get(pk=suggestion.pk)
    if as_theme:
        if workshop.status != WorkshopStatus.PLANNED:
            raise ValidationError(_("Only a planned workshop can be given a new theme."))
        workshop.theme_sv = suggestion.title
        workshop = workshop_save(workshop=workshop, actor=actor)
    suggestion.status = SuggestionStatus.TAKEN_UP
    suggestion.workshop = workshop
    suggestion.save(update_fields=["status", "workshop"])
    _suggestion_event(WorkshopEvent.THEME_TAKEN_UP, suggestion, actor)
    return suggestion


MAX_MATRIX_ENTRIES = 40


def _matrix_event(kind: str, matrix: PrioritisationMatrix, actor, **data) -> None:
    event_record(
        kind=kind,
        subject=matrix,
        actor=actor,
        data={"workshop": matrix.workshop_id, **in_every_language(matrix, "title"), **data},
        public=False,
    )


@transaction.atomic
def matrix_save(
    *,
    matrix: PrioritisationMatrix,
    entries: list[MatrixEntry],
    removed: list[MatrixEntry] = (),
    actor,
) -> PrioritisationMatrix:
    """Record a prioritisation matrix of a held workshop, or correct one: its title, the names
    of its axes, and the needs or ideas placed on them (`entries` new or changed, in the order
    typed; `removed` taken out)."""
    workshop = Workshop.objects.select_for_update().get(pk=matrix.workshop_id)
    errors = []
    if workshop.status != WorkshopStatus.HELD:
        errors.append(_("A matrix is recorded once the workshop has been held."))
    if not (matrix.title_sv.strip() and matrix.x_axis_sv.strip() and matrix.y_axis_sv.strip()):
        errors.append(_("Name the matrix and both of its axes."))
    kept = list(entries)
    if not kept:
        errors.append(_("Place at least one need or idea on the matrix."))
    if len(kept) > MAX_MATRIX_ENTRIES:
        errors.append(
            _("A matrix holds at most %(count)d needs or ideas.") % {"count": MAX_MATRIX_ENTRIES}
        )
    levels = set(MatrixLevel.values)
    if any(entry.x not in levels or entry.y not in levels for entry in kept):
        errors.append(_("Place each need or idea at low, medium or high on both axes."))
    if errors:
        raise ValidationError(errors)
    created = matrix.pk is None
    if created:
        matrix.created_by = actor
    matrix.save()
    for entry in removed:
        if entry.pk and entry.matrix_id == matrix.pk:
            entry.delete()
    for position, entry in enumerate(kept, start=1):
        entry.matrix = matrix
        entry.position = position
        entry.save()
    _matrix_event(
        WorkshopEvent.MATRIX_SAVED,
        matrix,
        actor,
        created=created,
        entries=[{"x": entry.x, "y": entry.y, "text_sv": entry.text_sv} for entry in kept],
    )
    return matrix


@transaction.atomic
def matrix_remove(*, matrix: PrioritisationMatrix, actor) -> None:
    """Take a matrix recorded by mistake out of the workshop's record."""
    _matrix_event(WorkshopEvent.MATRIX_REMOVED, matrix, actor)
    matrix.delete()
