from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from actors.choices import PortalRole
from actors.districts import district_choice as district_choice_of
from actors.formerrors import add_service_error
from actors.images import image_response
from actors.models import Organisation
from actors.pagecache import varies_on_query
from actors.pagination import page_of
from actors.permissions import is_coordinator, organisation_ids_of, role_required

from . import calendar, selectors, services
from .choices import MinutesState, SuggestionStatus, WorkshopStatus
from .forms import (
    ActionListForm,
    ActionUpdateForm,
    CommentForm,
    MatrixForms,
    MeetingSettingsForm,
    ParkedItemArchiveForm,
    ParkedItemScheduleForm,
    PhotoForm,
    ThemeSuggestionForm,
    WorkshopForm,
    WorkshopLogForms,
)
from .models import (
    Attendance,
    MeetingSettings,
    PrioritisationMatrix,
    ThemeSuggestion,
    Workshop,
)
from .permissions import (
    INSIDE_ROLES,
    can_comment,
    can_see_record,
    get_actions_for_user,
    get_item_for_user,
    get_matrix_for_user,
    get_photo_for_user,
    get_workshop_for_user,
    reads_internal,
    updatable_actions,
)

coordinator_required = role_required(PortalRole.COORDINATOR)
inside_required = role_required(*INSIDE_ROLES)
suggester_required = role_required("member", PortalRole.COORDINATOR)


def _errors(error: ValidationError) -> str:
    return " ".join(error.messages)


def _themes_offered() -> MeetingSettings:
    """The meeting settings, or 404 where the collaboration takes no themes from participants."""
    meeting = MeetingSettings.current()
    if not meeting.has_themes:
        raise Http404
    return meeting


@varies_on_query("district", "page")
def workshop_list(request):
    district_choice = district_choice_of(request)
    district = district_choice.chosen
    return render(
        request,
        "workshops/workshop_list.html",
        {
            "upcoming": selectors.workshop_list_upcoming(district=district),
            "page": page_of(request, selectors.workshop_list_past(district=district)),
            "district_choice": district_choice,
            "query": urlencode(district_choice.query),
            "internal": reads_internal(request.user),
            "meeting": MeetingSettings.current(),
        },
    )


def workshop_detail(request, pk):
    workshop = get_workshop_for_user(request.user, pk)
    internal = reads_internal(request.user)
    meeting = MeetingSettings.current()
    record = selectors.workshop_record(workshop, internal=internal, meeting=meeting)
    return render(
        request,
        "workshops/workshop_detail.html",
        {
            "workshop": workshop,
            "meeting": meeting,
            "internal": internal,
            "record": record,
            "updatable": updatable_actions(request.user, record.every_action),
            "shows_record": can_see_record(request.user, workshop),
            "comment_form": CommentForm() if can_comment(request.user, workshop) else None,
        },
    )


@coordinator_required
def workshop_create(request):
    form = WorkshopForm(request.POST or None, meeting=MeetingSettings.current())
    if request.method == "POST" and form.is_valid():
        try:
            workshop = services.workshop_save(workshop=form.save(commit=False), actor=request.user)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The workshop is planned."))
            return redirect(workshop)
    return render(request, "workshops/workshop_form.html", {"form": form, "workshop": None})


@coordinator_required
def workshop_edit(request, pk):
    workshop = get_workshop_for_user(request.user, pk, "edit")
    if workshop.status == WorkshopStatus.HELD:
        return redirect("workshops:log", pk=workshop.pk)
    form = WorkshopForm(request.POST or None, instance=workshop, meeting=MeetingSettings.current())
    if request.method == "POST" and form.is_valid():
        try:
            services.workshop_save(workshop=form.save(commit=False), actor=request.user)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The workshop was saved."))
            return redirect(workshop)
    return render(request, "workshops/workshop_form.html", {"form": form, "workshop": workshop})


@coordinator_required
def workshop_log(request, pk):
    """Record a held workshop on one page: attendance, what came out, the next workshop."""
    workshop = get_workshop_for_user(request.user, pk, "log")
    if workshop.status == WorkshopStatus.CANCELLED:
        messages.error(request, _("A cancelled workshop has no record."))
        return redirect(workshop)
    organisations = list(
        Organisation.objects.filter(Q(active=True) | Q(workshop_attendances__workshop=workshop))
        .distinct()
        .order_by("name")
    )
    attendance = dict(
        Attendance.objects.filter(workshop=workshop).values_list("organisation_id", "people")
    )
    meeting = MeetingSettings.current()
    suggestions = list(selectors.theme_suggestions()[:10]) if meeting.has_themes else []
    log = WorkshopLogForms(
        request.POST if request.method == "POST" else None,
        workshop=workshop,
        organisations=organisations,
        attendance=attendance,
        next_workshop=services.next_workshop_proposal(workshop),
        meeting=meeting,
        suggestions=suggestions,
    )
    if request.method == "POST" and log.is_valid():
        try:
            logged = services.workshop_log(**log.values(), actor=request.user)
        except ValidationError as error:
            add_service_error(log.record, error)
        else:
            messages.success(
                request,
                _("The workshop is recorded. Members can check the draft before you publish it.")
                if logged.minutes_state == MinutesState.DRAFT
                else _("The workshop record was saved."),
            )
            if "continue" in request.POST:
                return redirect("workshops:log", pk=logged.pk)
            return redirect(logged)
    return render(
        request,
        "workshops/workshop_log.html",
        {
            "workshop": workshop,
            "log": log,
            "meeting": meeting,
            "suggestions": suggestions,
            "parked_items_due": selectors.parked_items_due(on=workshop.date),
        },
    )


@require_POST
@coordinator_required
def workshop_cancel(request, pk):
    workshop = get_workshop_for_user(request.user, pk, "cancel")
    try:
        services.workshop_cancel(workshop=workshop, actor=request.user)
    except ValidationError as error:
        messages.error(request, _errors(error))
    else:
        messages.success(request, _("The workshop is cancelled."))
    return redirect(workshop)


@require_POST
@coordinator_required
def workshop_publish(request, pk):
    workshop = get_workshop_for_user(request.user, pk, "publish")
    try:
        services.workshop_publish(workshop=workshop, actor=request.user)
    except ValidationError as error:
        messages.error(request, _errors(error))
    else:
        messages.success(request, _("The minutes are published."))
    return redirect(workshop)


@coordinator_required
def photo_add(request, pk):
    workshop = get_workshop_for_user(request.user, pk, "add_photo")
    form = PhotoForm(request.POST or None, request.FILES or None, uploader=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.photo_add(
                workshop=workshop,
                image=form.cleaned_data["image"],
                caption_sv=form.cleaned_data["caption_sv"],
                actor=request.user,
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The photo is added to the minutes."))
            return redirect(workshop.get_absolute_url() + "#photos-title")
    return render(request, "workshops/photo_form.html", {"form": form, "workshop": workshop})


def photo(request, pk):
    photo = get_photo_for_user(request.user, pk)
    return image_response(photo.image, "image/jpeg", public=photo.workshop.is_published)


@require_POST
@coordinator_required
def photo_remove(request, pk):
    photo = get_photo_for_user(request.user, pk, "remove")
    services.photo_remove(photo=photo, actor=request.user)
    messages.success(request, _("The photo is removed."))
    return redirect(photo.workshop.get_absolute_url() + "#photos-title")


@require_POST
@login_required
def comment_add(request, pk):
    workshop = get_workshop_for_user(request.user, pk, "comment")
    form = CommentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write a comment."))
        return redirect(workshop)
    came = set(workshop.attendances.filter(people__gt=0).values_list("organisation_id", flat=True))
    own = sorted(organisation_ids_of(request.user) & came)
    organisation = Organisation.objects.filter(pk=own[0]).first() if own else None
    try:
        services.minutes_comment_add(
            workshop=workshop,
            author=request.user,
            organisation=organisation,
            kind=form.cleaned_data["kind"],
            text=form.cleaned_data["text"],
        )
    except ValidationError as error:
        messages.error(request, _errors(error))
    else:
        messages.success(request, _("Thank you: the coordinator will see your comment."))
    return redirect(workshop)


def workshop_ics(request, pk):
    workshop = get_workshop_for_user(request.user, pk)
    body = calendar.build([workshop])
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{calendar.file_name(workshop)}"'
    return response


def calendar_feed(request):
    body = calendar.build(selectors.workshops_for_calendar())
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")


@inside_required
def action_list(request):
    owner = None
    if request.GET.get("owner"):
        owner = Organisation.objects.filter(slug=request.GET["owner"]).first()
    page = page_of(request, selectors.open_actions(owner_id=owner.pk if owner else None))
    return render(
        request,
        "workshops/action_list.html",
        {
            "page": page,
            "owner": owner,
            "owners": Organisation.objects.active().only("name", "slug"),
            "updatable": updatable_actions(request.user, page),
        },
    )


@require_POST
@login_required
def action_list_update(request):
    """What the open actions list sends: the actions marked done and the notes written, saved
    together or not at all."""
    actions = get_actions_for_user(request.user, request.POST.getlist("item"))
    form = ActionListForm(request.POST, items=actions)
    if not form.is_valid():
        messages.error(request, " ".join(m for errors in form.errors.values() for m in errors))
        return redirect(_action_list_url(request.POST))
    updated = services.actions_update(changes=form.changes(), actor=request.user)
    if updated:
        messages.success(
            request,
            ngettext("%(count)d action was updated.", "%(count)d actions were updated.", updated)
            % {"count": updated},
        )
    else:
        messages.info(request, _("Nothing was changed."))
    return redirect(_action_list_url(request.POST))


def _action_list_url(data) -> str:
    """Back to the page of the list the changes came from, and only to that list."""
    query = {key: data[key] for key in ("owner", "page") if data.get(key)}
    return reverse("workshops:actions") + (f"?{urlencode(query)}" if query else "")


@require_POST
@login_required
def action_update(request, pk):
    item = get_item_for_user(request.user, pk, "update_action")
    form = ActionUpdateForm(request.POST)
    back = request.POST.get("next")
    if back not in {"detail", "actions"}:
        back = "actions"
    target = item.workshop.get_absolute_url() if back == "detail" else reverse("workshops:actions")
    if not form.is_valid():
        messages.error(request, _("Choose what to change."))
        return redirect(target)
    change, note = form.cleaned_data["change"], form.cleaned_data["note"]
    if change == ActionUpdateForm.DONE:
        services.action_complete(item=item, actor=request.user, note=note)
        messages.success(request, _("The action is marked done."))
    elif change == ActionUpdateForm.REOPEN:
        services.action_reopen(item=item, actor=request.user, note=note)
        messages.success(request, _("The action is open again."))
    elif note:
        services.action_note(item=item, actor=request.user, note=note)
        messages.success(request, _("The progress note was saved."))
    else:
        messages.error(request, _("Write a progress note."))
    return redirect(target)


@inside_required
def parking_lot(request):
    archived = request.GET.get("archived") == "1"
    return render(
        request,
        "workshops/parking_lot.html",
        {
            "page": page_of(request, selectors.parking_lot(archived=archived)),
            "archived": archived,
            "is_coordinator": is_coordinator(request.user),
        },
    )


@require_POST
@coordinator_required
def parked_item_schedule(request, pk):
    item = get_item_for_user(request.user, pk, "manage_parked_item")
    form = ParkedItemScheduleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a valid date to look at the parked idea again."))
        return redirect("workshops:parking_lot")
    try:
        services.parked_item_schedule(
            item=item, look_again_on=form.cleaned_data["look_again_on"], actor=request.user
        )
    except ValidationError as error:
        messages.error(request, _errors(error))
    else:
        messages.success(request, _("The parked idea will come up again on the date you chose."))
    return redirect("workshops:parking_lot")


@require_POST
@coordinator_required
def parked_item_archive(request, pk):
    item = get_item_for_user(request.user, pk, "manage_parked_item")
    form = ParkedItemArchiveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the parked idea is archived."))
        return redirect("workshops:parking_lot")
    services.parked_item_archive(item=item, reason=form.cleaned_data["reason"], actor=request.user)
    messages.success(
        request, _("The parked idea is archived. It stays in the archive of the parking lot.")
    )
    return redirect("workshops:parking_lot")


@inside_required
def attendance_overview(request):
    return render(
        request,
        "workshops/attendance_overview.html",
        {"overview": selectors.attendance_overview()},
    )


@inside_required
def theme_list(request):
    _themes_offered()
    return render(
        request,
        "workshops/theme_list.html",
        {
            "page": page_of(request, selectors.theme_suggestions()),
            "taken_up": list(selectors.theme_suggestions(status=SuggestionStatus.TAKEN_UP)[:10]),
            "form": ThemeSuggestionForm(),
            "can_suggest": is_coordinator(request.user) or bool(organisation_ids_of(request.user)),
            "upcoming": selectors.workshop_list_upcoming() if is_coordinator(request.user) else [],
        },
    )


@require_POST
@suggester_required
def theme_suggest(request):
    _themes_offered()
    form = ThemeSuggestionForm(request.POST)
    if form.is_valid():
        own = sorted(organisation_ids_of(request.user))
        services.theme_suggest(
            title=form.cleaned_data["title"],
            description=form.cleaned_data["description"],
            user=request.user,
            organisation=Organisation.objects.filter(pk=own[0]).first() if own else None,
        )
        messages.success(request, _("Thank you for the theme suggestion."))
        return redirect("workshops:themes")
    return render(
        request,
        "workshops/theme_list.html",
        {
            "page": page_of(request, selectors.theme_suggestions()),
            "taken_up": [],
            "form": form,
            "can_suggest": True,
            "upcoming": [],
        },
    )


@require_POST
@coordinator_required
def theme_take_up(request, pk):
    _themes_offered()
    suggestion = get_object_or_404(ThemeSuggestion, pk=pk)
    workshop_id = request.POST.get("workshop", "")
    workshop = Workshop.objects.filter(pk=workshop_id).first() if workshop_id.isdigit() else None
    if workshop is None:
        messages.error(request, _("Choose the workshop that takes up the theme."))
        return redirect("workshops:themes")
    as_theme = request.POST.get("as_theme") == "1"
    try:
        services.theme_take_up(
            suggestion=suggestion, workshop=workshop, actor=request.user, as_theme=as_theme
        )
    except ValidationError as error:
        messages.error(request, _errors(error))
    else:
        messages.success(
            request,
            _("The theme is now the workshop's theme.")
            if as_theme
            else _("The theme is noted as taken up."),
        )
    return redirect("workshops:themes")


@coordinator_required
def meeting_settings(request):
    """How the collaboration meets: cadence, the meetings' name and the parts of their record."""
    form = MeetingSettingsForm(request.POST or None, instance=MeetingSettings.current())
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_settings_save(meeting=form.save(commit=False), actor=request.user)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The meeting settings were saved."))
            return redirect("workshops:settings")
    return render(request, "workshops/meeting_settings.html", {"form": form})


def _matrices_offered() -> None:
    if not MeetingSettings.current().has_matrix:
        raise Http404


def _matrix_page(request, workshop: Workshop, matrix: PrioritisationMatrix):
    forms = MatrixForms(request.POST if request.method == "POST" else None, matrix=matrix)
    if request.method == "POST" and forms.is_valid():
        try:
            services.matrix_save(**forms.values(), actor=request.user)
        except ValidationError as error:
            add_service_error(forms.matrix, error)
        else:
            messages.success(request, _("The prioritisation matrix is recorded."))
            return redirect(forms.matrix.instance.get_absolute_url())
    return render(
        request,
        "workshops/matrix_form.html",
        {"workshop": workshop, "matrix": matrix, "forms": forms},
    )


@coordinator_required
def matrix_create(request, pk):
    _matrices_offered()
    workshop = get_workshop_for_user(request.user, pk, "log")
    return _matrix_page(request, workshop, PrioritisationMatrix(workshop=workshop))


@coordinator_required
def matrix_edit(request, pk):
    _matrices_offered()
    matrix = get_matrix_for_user(request.user, pk)
    return _matrix_page(request, matrix.workshop, matrix)


@require_POST
@coordinator_required
def matrix_remove(request, pk):
    matrix = get_matrix_for_user(request.user, pk)
    services.matrix_remove(matrix=matrix, actor=request.user)
    messages.success(request, _("The prioritisation matrix is removed."))
    return redirect(matrix.workshop)
