"""Forms for the workshops. `WorkshopLogForms` is the one-page record of a held workshop."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from actors.districts import offer_district
from actors.fields import NOTE, TEXT, LabelFormField
from actors.images import PHOTO, reencode_image
from actors.models import Organisation

from . import services
from .choices import (
    SWOT_KINDS,
    CommentKind,
    ItemKind,
    SwotHeading,
    WorkshopFormat,
    WorkshopStatus,
)
from .models import (
    MatrixEntry,
    MeetingSettings,
    PrioritisationMatrix,
    Workshop,
    WorkshopItem,
    WorkshopPhoto,
)

NOTE_LENGTH = 300
NOTE_TOO_LONG = _("A progress note can be at most %(limit_value)d characters.")


def _datetime_widget():
    return forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def _date_widget():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _text_widget(rows=2):
    return forms.Textarea(attrs={"rows": rows})


class WorkshopFormMixin:
    """What every form of a workshop shares: the host to choose, and the date and status rules.

    `status` is what the workshop will be once saved: planned, or held for the log's record.
    """

    status = WorkshopStatus.PLANNED

    def limit_host(self, choices=None):
        if "district" in self.fields:
            offer_district(self)
        # The active organisations; read once per page when the page passes them as choices.
        if "host" in self.fields:
            self.fields["host"].queryset = Organisation.objects.active()
            if choices is not None:
                self.fields["host"].choices = choices

    def fit_to(self, meeting: MeetingSettings) -> None:
        """Leave out the parts the collaboration's meetings do not have, unless this workshop
        already uses them."""
        workshop = self.instance
        if not meeting.has_swot and not workshop.uses_swot:
            self.fields.pop("format", None)
        if not meeting.has_coming_questions and not workshop.coming_questions_sv:
            self.fields.pop("coming_questions_sv", None)

    def clean(self):
        cleaned = super().clean()
        errors = services.workshop_rule_errors(
            starts_at=cleaned.get("starts_at"), ends_at=cleaned.get("ends_at"), status=self.status
        )
        for name, message in errors.items():
            self.add_error(name, message)
        return cleaned


class WorkshopForm(WorkshopFormMixin, forms.ModelForm):
    """Plan a workshop, or change a planned one."""

    class Meta:
        model = Workshop
        fields = list(services.PLAN_FIELDS)
        widgets = {
            "starts_at": _datetime_widget(),
            "ends_at": _datetime_widget(),
            "agenda_sv": _text_widget(5),
        }

    def __init__(self, *args, meeting: MeetingSettings, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_host()
        self.fit_to(meeting)


class RecordForm(WorkshopFormMixin, forms.ModelForm):
    """The record of a held workshop: when, where, who hosted, the summary and the notes."""

    status = WorkshopStatus.HELD

    def __init__(self, *args, organisation_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_host(organisation_choices)

    class Meta:
        model = Workshop
        fields = list(services.RECORD_FIELDS)
        widgets = {
            "starts_at": _datetime_widget(),
            "ends_at": _datetime_widget(),
            "summary_sv": _text_widget(4),
            "coming_questions_sv": _text_widget(3),
            "notes": _text_widget(4),
            "residents": forms.NumberInput(attrs={"min": 0}),
        }
        help_texts = {
            "summary_sv": _("What the public reads once the minutes are published."),
            "coming_questions_sv": _(
                "The standing point: questions coming up that the group will take on."
            ),
        }


class AttendanceForm(forms.Form):
    """How many people one organisation sent; blank or 0 means it did not come."""

    organisation = forms.IntegerField(widget=forms.HiddenInput)
    people = forms.IntegerField(
        label=_("People"),
        required=False,
        min_value=0,
        max_value=500,
        error_messages={"min_value": _("Attendance cannot be below zero.")},
        widget=forms.NumberInput(attrs={"min": 0, "class": "form-control attendance-input"}),
    )


class BaseAttendanceFormSet(forms.BaseFormSet):
    def __init__(self, *args, organisations: dict, **kwargs):
        self.organisations = organisations
        super().__init__(*args, **kwargs)
        for form in self.forms:
            organisation_id = form["organisation"].value()
            try:
                form.organisation_object = organisations.get(int(organisation_id))
            except (TypeError, ValueError):
                form.organisation_object = None

    def clean(self):
        seen = set()
        for form in self.forms:
            organisation_id = form.cleaned_data.get("organisation")
            if organisation_id is None:
                continue
            organisation = self.organisations.get(organisation_id)
            if organisation is None:
                raise forms.ValidationError(
                    _("Attendance names an organisation that does not exist.")
                )
            if organisation_id in seen:
                raise forms.ValidationError(
                    _("The attendance of %(name)s is recorded twice. Record it once.")
                    % {"name": organisation.name}
                )
            seen.add(organisation_id)

    def attendance(self) -> dict[int, int]:
        return {
            form.cleaned_data["organisation"]: form.cleaned_data.get("people") or 0
            for form in self.forms
            if form.cleaned_data.get("organisation") is not None
        }


AttendanceFormSet = forms.formset_factory(AttendanceForm, formset=BaseAttendanceFormSet, extra=0)


class ItemForm(forms.ModelForm):
    """One row of what came out; the subclasses choose the fields each kind needs."""

    kind_value: str | None = None

    class Meta:
        model = WorkshopItem
        fields = ["text_sv"]
        widgets = {"text_sv": _text_widget()}


class DecisionForm(ItemForm):
    kind_value = ItemKind.DECISION


class ActionForm(ItemForm):
    kind_value = ItemKind.ACTION

    class Meta(ItemForm.Meta):
        fields = ["text_sv", "owner", "responsible", "due", "swot_heading"]
        widgets = {**ItemForm.Meta.widgets, "due": _date_widget()}

    def __init__(self, *args, organisation_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = Organisation.objects.active()
        if organisation_choices is not None:
            self.fields["owner"].choices = organisation_choices


class ParkedItemForm(ItemForm):
    kind_value = ItemKind.PARKED

    class Meta(ItemForm.Meta):
        fields = ["text_sv", "look_again_on"]
        widgets = {**ItemForm.Meta.widgets, "look_again_on": _date_widget()}
        help_texts = {"look_again_on": _("Blank: in three months.")}


class SwotForm(ItemForm):
    class Meta(ItemForm.Meta):
        fields = ["kind", "text_sv"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", "---------")] + [
            (kind.value, kind.label) for kind in SWOT_KINDS
        ]
        self.fields["kind"].label = _("Heading")


class SwotNextStepForm(ItemForm):
    """What the group will do next about one SWOT heading."""

    kind_value = ItemKind.NEXT_STEP

    class Meta(ItemForm.Meta):
        fields = ["swot_heading", "text_sv"]
        labels = {"swot_heading": _("Heading")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        heading = self.fields["swot_heading"]
        heading.required = True
        heading.choices = [("", "---------")] + [
            (value, label) for value, label in SwotHeading.choices if value
        ]


ITEM_FORMS = {
    # prefix: (form class, kinds, blank rows)
    "decisions": (DecisionForm, [ItemKind.DECISION], 3),
    "actions": (ActionForm, [ItemKind.ACTION], 3),
    "ideas": (ParkedItemForm, [ItemKind.PARKED], 2),  # the prefix the page's inputs carry
    "swot": (SwotForm, list(SWOT_KINDS), 4),
    "swot_next": (SwotNextStepForm, [ItemKind.NEXT_STEP], 4),
}
SWOT_PREFIXES = ("swot", "swot_next")


class NextWorkshopForm(WorkshopFormMixin, forms.ModelForm):
    """The next workshop, proposed as far on as the cadence says: accept it, move it, or leave
    it for later. Its theme can be one that members suggested."""

    plan = forms.BooleanField(label=_("Plan the next workshop"), required=False, initial=True)
    suggestion = forms.TypedChoiceField(
        label=_("Or take a theme members suggested"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_("It becomes the next workshop's theme and is marked as taken up."),
    )

    class Meta:
        model = Workshop
        fields = ["starts_at", "ends_at", "place", "theme_sv", "host"]
        widgets = {"starts_at": _datetime_widget(), "ends_at": _datetime_widget()}
        labels = {"starts_at": _("Next workshop starts")}

    def __init__(self, *args, organisation_choices=None, suggestions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_host(organisation_choices)
        self.suggestions = {suggestion.pk: suggestion for suggestion in suggestions}
        if self.suggestions:
            self.fields["suggestion"].choices = [("", "---------")] + [
                (suggestion.pk, suggestion.title) for suggestion in suggestions
            ]
            self.fields["theme_sv"].required = False
        else:
            del self.fields["suggestion"]

    def clean(self):
        cleaned = super().clean()
        if self.suggestions and not (cleaned.get("theme_sv") or cleaned.get("suggestion")):
            self.add_error("theme_sv", _("Write a theme, or take one members suggested."))
        return cleaned

    @property
    def wanted(self) -> bool:
        return bool(self["plan"].value())

    @property
    def theme_suggestion(self):
        """The suggested theme chosen for the next workshop, if any."""
        return self.suggestions.get(self.cleaned_data.get("suggestion"))


class WorkshopLogForms:
    """Every form of the one-page log: the record, attendance, items and the next workshop.

    Valid only when every part is valid and the parts agree (actions due on or after the
    workshop, SWOT points only in the SWOT format, the next workshop after this one); then
    `values()` hands what was typed to `services.workshop_log`. `next_workshop` is the one
    proposed to follow (`services.next_workshop_proposal`).
    """

    def __init__(
        self,
        data,
        *,
        workshop: Workshop,
        organisations: list,
        attendance: dict,
        next_workshop: Workshop,
        meeting: MeetingSettings,
        suggestions=(),
    ):
        self.workshop = workshop
        self.meeting = meeting
        # One list of organisations for every select on the page, instead of a query per select.
        choices = [("", "---------")] + [(o.pk, o.name) for o in organisations if o.active]
        self.record = RecordForm(
            data, instance=workshop, prefix="record", organisation_choices=choices
        )
        self.record.fit_to(meeting)
        self.has_swot = "format" in self.record.fields
        by_id = {o.pk: o for o in organisations}
        initial = [{"organisation": o.pk, "people": attendance.get(o.pk)} for o in organisations]
        self.attendance = AttendanceFormSet(
            data, initial=initial, prefix="attendance", organisations=by_id
        )
        self.item_formsets = {}
        editable = not workshop.is_published
        for prefix, (form_class, kinds, extra) in ITEM_FORMS.items():
            if prefix in SWOT_PREFIXES and not self.has_swot:
                continue
            formset_class = forms.modelformset_factory(
                WorkshopItem,
                form=form_class,
                extra=extra,
                can_delete=editable,
                can_delete_extra=False,
            )
            queryset = (
                WorkshopItem.objects.filter(workshop=workshop, kind__in=kinds)
                .select_related("owner")
                .order_by("position", "pk")
                if workshop.pk
                else WorkshopItem.objects.none()
            )
            form_kwargs = {"organisation_choices": choices} if form_class is ActionForm else {}
            self.item_formsets[prefix] = formset_class(
                data, queryset=queryset, prefix=prefix, form_kwargs=form_kwargs
            )
        self.next_is_new = next_workshop.pk is None
        self.next = NextWorkshopForm(
            data,
            instance=next_workshop,
            prefix="next",
            initial={"plan": next_workshop.starts_at > timezone.now()},
            organisation_choices=choices,
            suggestions=suggestions if meeting.has_themes else (),
        )

    @property
    def decisions(self):
        return self.item_formsets["decisions"]

    @property
    def actions(self):
        return self.item_formsets["actions"]

    @property
    def parked_items(self):
        return self.item_formsets["ideas"]

    @property
    def swot(self):
        return self.item_formsets.get("swot")

    @property
    def swot_next(self):
        return self.item_formsets.get("swot_next")

    def _parts(self):
        parts = [self.record, self.attendance, *self.item_formsets.values()]
        if self.next.is_bound and self.next.wanted:
            parts.append(self.next)
        return parts

    def is_valid(self) -> bool:
        valid = all(part.is_valid() for part in self._parts())
        if not self.record.is_valid():
            return False
        starts_at = self.record.cleaned_data["starts_at"]
        workshop_date = timezone.localdate(starts_at)
        for form in self.actions.forms:
            if not form.is_valid() or not form.has_changed():
                continue
            message = services.action_due_error(
                due=form.cleaned_data.get("due"), workshop_date=workshop_date
            )
            if message:
                form.add_error("due", message)
                valid = False
        swot_points = [
            form
            for prefix in SWOT_PREFIXES
            for form in getattr(self.item_formsets.get(prefix), "forms", ())
            if form.is_valid() and form.has_changed() and not _marked_for_removal(form)
        ]
        if swot_points and self.record.cleaned_data.get("format") != WorkshopFormat.SWOT:
            self.record.add_error(
                "format", _("Choose the SWOT format to record strengths, weaknesses and the rest.")
            )
            valid = False
        next_wanted = self.next.is_bound and self.next.wanted and self.next.is_valid()
        if next_wanted and self.next.cleaned_data["starts_at"] <= starts_at:
            self.next.add_error("starts_at", _("The next workshop must come after this one."))
            valid = False
        return valid

    @property
    def has_errors(self) -> bool:
        return any(
            part.errors if isinstance(part, forms.BaseForm) else part.total_error_count()
            for part in [self.record, self.attendance, *self.item_formsets.values(), self.next]
            if part.is_bound
        )

    def _items(self) -> tuple[list, list]:
        """The items to save (new or kept, in the order typed) and those to remove."""
        keep, removed = [], []
        for formset in self.item_formsets.values():
            for index, form in enumerate(formset.forms, start=1):
                if formset.can_delete and _marked_for_removal(form):
                    if form.instance.pk:
                        removed.append(form.instance)
                    continue
                if not form.instance.pk and not form.has_changed():
                    continue
                item = form.save(commit=False)
                if form.kind_value:
                    item.kind = form.kind_value
                item.position = index
                keep.append(item)
        return keep, removed

    def values(self) -> dict:
        """What was typed, as `services.workshop_log` takes it (all but the actor)."""
        items, removed = self._items()
        return {
            "workshop": self.record.save(commit=False),
            "attendance": self.attendance.attendance(),
            "items": items,
            "removed": removed,
            "next_workshop": self.next.save(commit=False) if self.next.wanted else None,
            "next_theme": self.next.theme_suggestion if self.next.wanted else None,
        }


def _marked_for_removal(form) -> bool:
    return bool(form.cleaned_data.get(forms.formsets.DELETION_FIELD_NAME))


class PhotoForm(forms.ModelForm):
    # A plain file field: reencode_image does all the checking, the size first, with one set
    # of messages, instead of Django's image field decoding the whole file before that.
    image = forms.FileField(
        label=_("Photo"),
        help_text=_(
            "A PNG, JPEG, GIF or WebP image of at most 10 MB. It is stored without "
            "its metadata, such as where it was taken."
        ),
        widget=forms.FileInput(attrs={"accept": "image/png,image/jpeg,image/gif,image/webp"}),
    )

    class Meta:
        model = WorkshopPhoto
        fields = ["image", "caption_sv"]
        help_texts = {
            "caption_sv": _("Say what the photo shows, for those who cannot see it."),
        }

    def __init__(self, *args, uploader, **kwargs):
        super().__init__(*args, **kwargs)
        self.uploader = uploader

    def clean_image(self):
        return reencode_image(self.cleaned_data["image"], PHOTO, uploader=self.uploader)


class CommentForm(forms.Form):
    kind = forms.ChoiceField(label=_("This is a"), choices=CommentKind.choices)
    text = forms.CharField(label=_("Your comment"), max_length=TEXT, widget=_text_widget(4))


class ActionUpdateForm(forms.Form):
    """What the owner organisation says about an action: progress, done, or not done after all.
    A note alone is the default: closing or reopening an action is chosen on purpose."""

    DONE, REOPEN, NOTE = "done", "reopen", "note"
    change = forms.ChoiceField(
        label=_("Change"),
        choices=[
            (NOTE, _("Progress note only")),
            (DONE, _("Mark done")),
            (REOPEN, _("Open again")),
        ],
        initial=NOTE,
    )
    note = forms.CharField(
        label=_("Progress note"),
        max_length=NOTE_LENGTH,
        required=False,
        error_messages={"max_length": NOTE_TOO_LONG},
    )


class ActionListForm(forms.Form):
    """The open actions list: for each action on the page the user may update, "done" and its
    progress note. A note left as it was is no change."""

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = items
        for item in items:
            self.fields[f"done-{item.pk}"] = forms.BooleanField(required=False)
            self.fields[f"note-{item.pk}"] = forms.CharField(
                max_length=NOTE_LENGTH,
                required=False,
                error_messages={"max_length": NOTE_TOO_LONG},
            )

    def changes(self) -> list[tuple[WorkshopItem, bool, str]]:
        """(action, done, new note) for every action the user changed; the note is "" when it
        stays as it was."""
        changes = []
        for item in self.items:
            done = self.cleaned_data[f"done-{item.pk}"]
            note = self.cleaned_data[f"note-{item.pk}"]
            if note == item.progress_note:
                note = ""
            if done or note:
                changes.append((item, done, note))
        return changes


class ParkedItemScheduleForm(forms.Form):
    look_again_on = forms.DateField(label=_("Look at it again on"), widget=_date_widget())


class ParkedItemArchiveForm(forms.Form):
    reason = forms.CharField(label=_("Why is it archived?"), max_length=300)


class ThemeSuggestionForm(forms.Form):
    title = LabelFormField(label=_("Theme"), max_length=200)
    description = forms.CharField(
        label=_("Why and what"), max_length=NOTE, required=False, widget=_text_widget(3)
    )


class MeetingSettingsForm(forms.ModelForm):
    """How the collaboration meets; also a section of the first-run setup page
    (`workshops/partials/_setup_meetings.html` renders its fields)."""

    class Meta:
        model = MeetingSettings
        fields = [
            "cadence",
            "name_sv",
            "has_swot",
            "has_coming_questions",
            "has_themes",
            "has_matrix",
        ]
        widgets = {"cadence": forms.RadioSelect}
        help_texts = {
            "name_sv": _(
                "As the collaboration says it, e.g. “Samskapande workshop” or "
                "“Utvecklingsgrupp”. Blank: workshops."
            )
        }


class MatrixForm(forms.ModelForm):
    class Meta:
        model = PrioritisationMatrix
        fields = ["title_sv", "x_axis_sv", "y_axis_sv"]
        help_texts = {
            "x_axis_sv": _("e.g. Effort, or Capacity"),
            "y_axis_sv": _("e.g. Effect, or Urgency"),
        }


class MatrixEntryForm(forms.ModelForm):
    class Meta:
        model = MatrixEntry
        fields = ["text_sv", "x", "y"]


MatrixEntryFormSet = forms.modelformset_factory(
    MatrixEntry,
    form=MatrixEntryForm,
    extra=4,
    can_delete=True,
    can_delete_extra=False,
    max_num=services.MAX_MATRIX_ENTRIES,
    validate_max=True,
)


class MatrixForms:
    """A matrix and the needs or ideas on it, on one page; `values()` hands them to
    `services.matrix_save`."""

    def __init__(self, data, *, matrix: PrioritisationMatrix):
        self.matrix = MatrixForm(data, instance=matrix, prefix="matrix")
        queryset = matrix.entries.all() if matrix.pk else MatrixEntry.objects.none()
        self.entries = MatrixEntryFormSet(data, queryset=queryset, prefix="entries")

    def is_valid(self) -> bool:
        return all([self.matrix.is_valid(), self.entries.is_valid()])

    @property
    def has_errors(self) -> bool:
        return self.matrix.is_bound and bool(self.matrix.errors or self.entries.total_error_count())

    def values(self) -> dict:
        entries, removed = [], []
        for form in self.entries.forms:
            if _marked_for_removal(form):
                if form.instance.pk:
                    removed.append(form.instance)
            elif form.instance.pk or form.has_changed():
                entries.append(form.save(commit=False))
        return {"matrix": self.matrix.save(commit=False), "entries": entries, "removed": removed}
