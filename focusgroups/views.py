from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from actors.choices import PortalRole
from actors.permissions import is_coordinator, role_required

from . import selectors, services
from .forms import ConsultationAnswerForm, ConsultationForm, FocusGroupForm, IdeaForm, InsightForm
from .models import CouncilConsultation, FocusGroup, Insight
from .permissions import get_consultation_for_user, get_focus_group_for_user, get_insight_for_user
from .ratelimit import client_key, hit

coordinator_required = role_required(PortalRole.COORDINATOR)
PER_PAGE = 25
IDEA_LIMIT, IDEA_WINDOW = 5, 3600  # five ideas an hour from one address


def _page(request, queryset):
    return Paginator(queryset, PER_PAGE).get_page(request.GET.get("page"))


def _apply_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


# Focus groups -------------------------------------------------------------------------------


def focusgroup_list(request):
    page = _page(request, selectors.focus_group_list())
    return render(
        request,
        "focusgroups/focusgroup_list.html",
        {"page": page, "can_edit": is_coordinator(request.user)},
    )


def focusgroup_detail(request, pk):
    get_focus_group_for_user(request.user, pk)
    focus_group = selectors.focus_group_detail(pk)
    return render(
        request,
        "focusgroups/focusgroup_detail.html",
        {"focus_group": focus_group, "can_edit": is_coordinator(request.user)},
    )


def _focus_group_form(request, focus_group: FocusGroup):
    form = FocusGroupForm(request.POST or None, instance=focus_group)
    if request.method == "POST" and form.is_valid():
        try:
            focus_group = services.focus_group_save(focus_group=form.save(commit=False), actor=request.user)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("The focus group was saved."))
            return None, redirect(focus_group)
    return form, None


@coordinator_required
def focusgroup_create(request):
    form, response = _focus_group_form(request, FocusGroup())
    return response or render(
        request, "focusgroups/focusgroup_form.html", {"form": form, "focus_group": None}
    )


@coordinator_required
def focusgroup_edit(request, pk):
    focus_group = get_focus_group_for_user(request.user, pk, "edit")
    form, response = _focus_group_form(request, focus_group)
    return response or render(
        request, "focusgroups/focusgroup_form.html", {"form": form, "focus_group": focus_group}
    )


def _insight_form(request, insight: Insight):
    form = InsightForm(request.POST or None, instance=insight)
    if request.method == "POST" and form.is_valid():
        try:
            services.insight_save(
                insight=form.save(commit=False), focus_areas=form.cleaned_data["focus_areas"]
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("The insight was saved."))
            return None, redirect(insight.focus_group)
    return form, None


@coordinator_required
def insight_create(request, pk):
    focus_group = get_focus_group_for_user(request.user, pk, "edit")
    form, response = _insight_form(request, Insight(focus_group=focus_group))
    return response or render(
        request,
        "focusgroups/insight_form.html",
        {"form": form, "focus_group": focus_group, "insight": None},
    )


@coordinator_required
def insight_edit(request, pk):
    insight = get_insight_for_user(request.user, pk, "edit")
    form, response = _insight_form(request, insight)
    return response or render(
        request,
        "focusgroups/insight_form.html",
        {"form": form, "focus_group": insight.focus_group, "insight": insight},
    )


@require_POST
@coordinator_required
def insight_delete(request, pk):
    insight = get_insight_for_user(request.user, pk, "edit")
    focus_group = insight.focus_group
    services.insight_delete(insight=insight)
    messages.success(request, _("The insight was removed."))
    return redirect(focus_group)


# Council consultations ----------------------------------------------------------------------


def consultation_list(request):
    return render(
        request,
        "focusgroups/consultation_list.html",
        {"page": _page(request, selectors.consultation_list()), "can_edit": is_coordinator(request.user)},
    )


def consultation_detail(request, pk):
    consultation = get_consultation_for_user(request.user, pk)
    can_edit = is_coordinator(request.user)
    return render(
        request,
        "focusgroups/consultation_detail.html",
        {
            "consultation": consultation,
            "needs": list(consultation.needs.all()),
            "can_edit": can_edit,
            "answer_form": ConsultationAnswerForm() if can_edit else None,
        },
    )


def _consultation_form(request, consultation: CouncilConsultation):
    form = ConsultationForm(request.POST or None, instance=consultation)
    if request.method == "POST" and form.is_valid():
        try:
            consultation = services.consultation_save(
                consultation=form.save(commit=False), actor=request.user
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("The consultation was saved."))
            return None, redirect(consultation)
    return form, None


@coordinator_required
def consultation_create(request):
    form, response = _consultation_form(request, CouncilConsultation())
    return response or render(
        request, "focusgroups/consultation_form.html", {"form": form, "consultation": None}
    )


@coordinator_required
def consultation_edit(request, pk):
    consultation = get_consultation_for_user(request.user, pk, "edit")
    form, response = _consultation_form(request, consultation)
    return response or render(
        request, "focusgroups/consultation_form.html", {"form": form, "consultation": consultation}
    )


@require_POST
@coordinator_required
def consultation_answer(request, pk):
    consultation = get_consultation_for_user(request.user, pk, "edit")
    form = ConsultationAnswerForm(request.POST)
    if form.is_valid():
        try:
            services.consultation_answer(consultation=consultation, **form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("The council's answer was recorded."))
            return redirect(consultation)
    return render(
        request,
        "focusgroups/consultation_detail.html",
        {
            "consultation": consultation,
            "needs": list(consultation.needs.all()),
            "can_edit": True,
            "answer_form": form,
        },
        status=400,
    )


# Residents' ideas ---------------------------------------------------------------------------


def idea_submit(request):
    form = IdeaForm(request.POST or None)
    if request.method == "POST":
        if not hit("idea", client_key(request), limit=IDEA_LIMIT, window=IDEA_WINDOW):
            form.is_valid()
            form.add_error(None, _("Too many ideas from your connection just now. Please try again in an hour."))
            return render(request, "focusgroups/idea_form.html", {"form": form}, status=429)
        if form.is_bot():
            # Answer as if all went well, and keep nothing.
            return redirect("focusgroups:idea_sent")
        if form.is_valid():
            services.idea_submit(
                title=form.cleaned_data["title"],
                text=form.cleaned_data["text"],
                email=form.cleaned_data["email"],
                language=get_language() or "sv",
                base_url=request.build_absolute_uri("/"),
            )
            return redirect("focusgroups:idea_sent")
    return render(request, "focusgroups/idea_form.html", {"form": form})


def idea_sent(request):
    return render(request, "focusgroups/idea_sent.html")


def idea_confirm(request, token):
    try:
        idea = services.idea_confirm(token=token)
    except services.InvalidToken:
        return render(request, "focusgroups/idea_confirm.html", {"idea": None}, status=400)
    return render(request, "focusgroups/idea_confirm.html", {"idea": idea})
