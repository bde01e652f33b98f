"""The biweekly co-creation workshops and what came out of them: the collaboration's memory."""

import datetime
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from actors.fields import DOCUMENT, NOTE, TEXT, BoundedTextField, LabelField
from actors.i18n import Translated, TranslationsField, swedish_label, swedish_text
from actors.links import object_url
from actors.models import Organisation

from .choices import (
    Cadence,
    CommentKind,
    ItemKind,
    MatrixLevel,
    MinutesState,
    SuggestionStatus,
    SwotHeading,
    WorkshopFormat,
    WorkshopStatus,
)

DEFAULT_LENGTH = datetime.timedelta(hours=2)


class MeetingSettings(models.Model):
    """How the collaboration meets (site data): how often, what it calls its meetings, and which
    parts a meeting's record has. One row; its defaults are the co-creation workshops every other
    week with a SWOT format and members' theme suggestions, as the portal had before."""

    CACHE_KEY = "workshops:meeting-settings"

    cadence = models.CharField(
        _("how often the meetings come"),
        max_length=12,
        choices=Cadence.choices,
        default=Cadence.BIWEEKLY,
        help_text=_("The log proposes the next meeting this far on."),
    )
    name_sv = swedish_label(_("What the collaboration calls its meetings"), 80, required=False)
    has_swot = models.BooleanField(
        _("SWOT evaluation"),
        default=True,
        help_text=_(
            "A meeting can record strengths, weaknesses, opportunities and threats, "
            "with what to do next under each."
        ),
    )
    has_coming_questions = models.BooleanField(
        _("Standing point for coming questions"),
        default=False,
        help_text=_("Every meeting's record has a point for the questions coming up."),
    )
    has_themes = models.BooleanField(
        _("Themes from participants"),
        default=True,
        help_text=_("Members of the organisations send themes for coming meetings."),
    )
    has_matrix = models.BooleanField(
        _("Prioritisation matrices"),
        default=False,
        help_text=_("A meeting can record needs or ideas placed on two axes."),
    )
    updated = models.DateTimeField(auto_now=True)

    translations = TranslationsField()
    name = Translated()

    class Meta:
        verbose_name = _("meeting settings")
        verbose_name_plural = _("meeting settings")

    def __str__(self):
        return self.name_sv or str(_("Workshops"))

    @classmethod
    def current(cls) -> "MeetingSettings":
        """The one row, cached; unsaved defaults until a coordinator saves it."""
        found = cache.get(cls.CACHE_KEY)
        if found is None:
            found = cls.objects.filter(pk=1).first() or cls(pk=1)
            cache.set(cls.CACHE_KEY, found, 300)
        return found

    @property
    def title(self) -> str:
        """The meetings' name in the active language, or the portal's own word for them."""
        return self.name or str(_("Workshops"))


class WorkshopQuerySet(models.QuerySet):
    def upcoming(self):
        return self.filter(status=WorkshopStatus.PLANNED, starts_at__gte=timezone.now()).order_by(
            "starts_at"
        )

    def past(self):
        return self.filter(starts_at__lt=timezone.now()).order_by("-starts_at")

    def published(self):
        return self.filter(minutes_state=MinutesState.PUBLISHED)


class Workshop(models.Model):
    """One co-creation workshop: planned, then held (with minutes) or cancelled."""

    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    place = LabelField(_("place"), max_length=200, blank=True)
    theme_sv = swedish_label(_("Theme"), 200)
    host = models.ForeignKey(
        Organisation,
        verbose_name=_("hosting organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hosted_workshops",
    )
    district = models.ForeignKey(
        "actors.District",
        verbose_name=_("district"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Leave empty for the whole collaboration."),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=WorkshopStatus.choices, default=WorkshopStatus.PLANNED
    )
    format = models.CharField(
        _("format"), max_length=12, choices=WorkshopFormat.choices, default=WorkshopFormat.STANDARD
    )
    agenda_sv = swedish_text(_("Agenda"), max_length=TEXT)
    summary_sv = swedish_text(_("Public summary"), max_length=DOCUMENT)
    coming_questions_sv = swedish_text(_("Coming questions"), max_length=TEXT)
    notes = BoundedTextField(
        _("internal notes"),
        max_length=DOCUMENT,
        blank=True,
        help_text=_("Read by members and staff, never by the public."),
    )
    residents = models.PositiveIntegerField(_("residents who came"), default=0)
    minutes_state = models.CharField(
        _("minutes"), max_length=12, choices=MinutesState.choices, default=MinutesState.NONE
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    translations = TranslationsField()
    theme = Translated()
    agenda = Translated()
    summary = Translated()
    coming_questions = Translated()

    objects = WorkshopQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at"]
        indexes = [models.Index(fields=["status", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gt=models.F("starts_at")),
                name="workshop_ends_after_start",
            ),
        ]
        verbose_name = _("workshop")
        verbose_name_plural = _("workshops")

    def __str__(self):
        return f"{timezone.localtime(self.starts_at):%Y-%m-%d} {self.theme_sv}"

    def get_absolute_url(self):
        return object_url("workshops:detail", self.pk)

    @property
    def ends(self) -> datetime.datetime:
        return self.ends_at or self.starts_at + DEFAULT_LENGTH

    @property
    def date(self) -> datetime.date:
        return timezone.localdate(self.starts_at)

    @property
    def is_published(self) -> bool:
        return self.minutes_state == MinutesState.PUBLISHED

    @property
    def is_draft(self) -> bool:
        return self.minutes_state == MinutesState.DRAFT

    @property
    def uses_swot(self) -> bool:
        return self.format == WorkshopFormat.SWOT


class Attendance(models.Model):
    """How many people an organisation sent to a workshop: one row per organisation."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="attendances")
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="workshop_attendances",
    )
    people = models.PositiveSmallIntegerField(_("people"), default=0)

    class Meta:
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["workshop", "organisation"], name="one_attendance_per_organisation"
            ),
            models.CheckConstraint(condition=Q(people__gte=0), name="attendance_not_negative"),
        ]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")

    def __str__(self):
        return f"{self.organisation} × {self.people}"


class WorkshopItemQuerySet(models.QuerySet):
    def actions(self):
        return self.filter(kind=ItemKind.ACTION)

    def open_actions(self):
        return self.actions().filter(done_at__isnull=True)

    def parked_items(self):
        """Items of the parking lot, archived ones too."""
        return self.filter(kind=ItemKind.PARKED)

    def in_parking_lot(self):
        """Parked items still in the parking lot (not archived)."""
        return self.parked_items().filter(archived_at__isnull=True)

    def due_for_a_look(self, on: datetime.date):
        return self.in_parking_lot().filter(look_again_on__lte=on)


class WorkshopItem(models.Model):
    """Something that came out of a workshop: a decision, an action, a parked item
    (what the page calls a parked idea, not a resident's idea) or a SWOT point.

    One table for every kind, so that follow-up reads one place and a later migration can add the
    links to needs and initiatives (nullable foreign keys) once those apps exist.
    """

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(_("kind"), max_length=12, choices=ItemKind.choices)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    text_sv = swedish_text(_("Text"), max_length=NOTE, required=True)

    # Actions
    owner = models.ForeignKey(
        Organisation,
        verbose_name=_("owner organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="workshop_actions",
    )
    responsible = LabelField(_("responsible person"), max_length=120, blank=True)
    due = models.DateField(_("due"), null=True, blank=True)
    swot_heading = models.CharField(
        _("answers the SWOT heading"),
        max_length=12,
        choices=SwotHeading.choices,
        default=SwotHeading.NONE,
        blank=True,
    )
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    progress_note = models.CharField(_("progress note"), max_length=300, blank=True)

    # Parked items
    look_again_on = models.DateField(_("look at it again on"), null=True, blank=True)
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True)
    archive_reason = models.CharField(_("reason for archiving"), max_length=300, blank=True)
    archived_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    created = models.DateTimeField(auto_now_add=True)

    translations = TranslationsField()
    text = Translated()

    objects = WorkshopItemQuerySet.as_manager()

    class Meta:
        ordering = ["workshop", "kind", "position", "pk"]
        indexes = [
            models.Index(fields=["kind", "done_at"]),
            models.Index(fields=["kind", "archived_at", "look_again_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind=ItemKind.ACTION) | Q(done_at__isnull=True, due__isnull=True),
                name="only_actions_are_done_or_due",
            ),
            models.CheckConstraint(
                condition=Q(kind=ItemKind.PARKED) | Q(archived_at__isnull=True),
                name="only_ideas_are_archived",
            ),
            models.CheckConstraint(
                condition=~Q(kind=ItemKind.NEXT_STEP) | ~Q(swot_heading=""),
                name="next_steps_answer_a_heading",
            ),
        ]
        verbose_name = _("workshop item")
        verbose_name_plural = _("workshop items")

    def __str__(self):
        return self.text_sv[:80]

    @property
    def is_done(self) -> bool:
        return self.done_at is not None

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return (
            self.kind == ItemKind.ACTION
            and not self.is_done
            and self.due is not None
            and (self.due < today)
        )

    @property
    def overdue(self) -> bool:
        return self.is_overdue()


def photo_path(instance, filename):
    # Never a name the uploader chose: the file is re-encoded and stored under a random name.
    return f"workshop-photos/{uuid.uuid4().hex}.jpeg"


class WorkshopPhoto(models.Model):
    """A photo from a held workshop (a flipchart, a whiteboard), part of its minutes.

    Stored re-encoded without metadata, and served through a view that checks who may see the
    minutes, never from a path in the upload.
    """

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(
        _("photo"), upload_to=photo_path, width_field="width", height_field="height"
    )
    width = models.PositiveIntegerField(default=0, editable=False)
    height = models.PositiveIntegerField(default=0, editable=False)
    caption_sv = swedish_label(_("What the photo shows"), 200)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded = models.DateTimeField(auto_now_add=True)

    translations = TranslationsField()
    caption = Translated()

    class Meta:
        ordering = ["uploaded", "pk"]
        verbose_name = _("workshop photo")
        verbose_name_plural = _("workshop photos")

    def __str__(self):
        return self.caption_sv

    def get_absolute_url(self):
        return reverse("workshops:photo", kwargs={"pk": self.pk})


class MinutesComment(models.Model):
    """A member organisation's comment on, or suggested correction to, draft minutes."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(
        _("kind"), max_length=12, choices=CommentKind.choices, default=CommentKind.COMMENT
    )
    text = BoundedTextField(_("text"), max_length=TEXT)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created", "pk"]
        verbose_name = _("comment on the minutes")
        verbose_name_plural = _("comments on the minutes")

    def __str__(self):
        return self.text[:80]


class ThemeSuggestion(models.Model):
    """A theme a member suggests for a coming workshop."""

    title = LabelField(_("theme"), max_length=200)
    description = BoundedTextField(_("why and what"), max_length=NOTE, blank=True)
    suggested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=12, choices=SuggestionStatus.choices, default=SuggestionStatus.OPEN
    )
    workshop = models.ForeignKey(
        Workshop,
        verbose_name=_("taken up at"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="suggestions",
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("theme suggestion")
        verbose_name_plural = _("theme suggestions")

    def __str__(self):
        return self.title


class PrioritisationMatrix(models.Model):
    """Needs or ideas a meeting placed on two axes it named (effect × effort, urgency ×
    capacity), to see which to take on first."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="matrices")
    title_sv = swedish_label(_("What the matrix prioritises"), 200)
    x_axis_sv = swedish_label(_("Across (x axis)"), 80)
    y_axis_sv = swedish_label(_("Up (y axis)"), 80)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)

    translations = TranslationsField()
    title = Translated()
    x_axis = Translated()
    y_axis = Translated()

    class Meta:
        ordering = ["workshop", "created", "pk"]
        verbose_name = _("prioritisation matrix")
        verbose_name_plural = _("prioritisation matrices")

    def __str__(self):
        return self.title_sv

    def get_absolute_url(self):
        return object_url("workshops:detail", self.workshop_id) + f"#matrix-{self.pk}"


class MatrixEntry(models.Model):
    """One need or idea and where the meeting placed it on the matrix's two axes."""

    matrix = models.ForeignKey(
        PrioritisationMatrix, on_delete=models.CASCADE, related_name="entries"
    )
    text_sv = swedish_label(_("Need or idea"), 200)
    x = models.PositiveSmallIntegerField(_("across"), choices=MatrixLevel.choices)
    y = models.PositiveSmallIntegerField(_("up"), choices=MatrixLevel.choices)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    translations = TranslationsField()
    text = Translated()

    class Meta:
        ordering = ["matrix", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(x__gte=1, x__lte=3, y__gte=1, y__lte=3), name="matrix_entry_on_the_grid"
            ),
        ]
        verbose_name = _("need or idea on a matrix")
        verbose_name_plural = _("needs and ideas on matrices")

    def __str__(self):
        return self.text_sv
