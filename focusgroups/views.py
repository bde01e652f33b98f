from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from actors.choices import PortalRole
from actors.districts import district_choice as district_choice_of
from actors.formerrors import saved
from actors.pagecache import varies_on_query
from actors.pagination import page_of
from actors.permissions import is_coordinator, role_required
from actors.publicforms import public_form
from networks.models import Network
from networks.permissions import get_network_for_user

from . import selectors, services
from .forms import ConsultationAnswerForm, ConsultationForm, FocusGroupForm, IdeaForm, InsightForm
from .models import CouncilConsultation, FocusGroup, Insight
from .permissions import get_consultation_for_user, get_focus_group_for_user, get_insight_for_user

coordinator_required = role_required(PortalRole.COORDINATOR)


# Focus groups -------------------------------------------------------------------------------


@varies_on_query("district", "page")
def focusgroup_list(request):
    district_choice = district_choice_of(request)
    page = page_of(request, selectors.focus_group_list(district=district_choice.chosen))
    return render(
        request,
        "focusgroups/focusgroup_list.html",
        {
            "page": page,
            "district_choice": district_choice,
            "query": urlencode(district_choice.query),
            "can_edit": is_coordinator(request.user),
        },
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
    result = saved(
        request,
        form,
        lambda f: services.focus_group_save(
            focus_group=f.save(commit=False),
            actor=request.user,
            target_groups=f.cleaned_data["target_groups"],
        ),
        _("The focus group was saved."),
    )
    if result:
        return redirect(result)
    context = {
        "form": form,
        "focus_group": focus_group if focus_group.pk else None,
        "cancel_url": focus_group.get_absolute_url()
        if focus_group.pk
        else reverse("focusgroups:focusgroup_list"),
    }
    return render(request, "focusgroups/focusgroup_form.html", context)


@coordinator_required
def focusgroup_create(request):
    return _focus_group_form(request, FocusGroup())


@coordinator_required
def focusgroup_edit(request, pk):
    return _focus_group_form(request, get_focus_group_for_user(request.user, pk, "edit"))


def _insight_form(request, insight: Insight):
    form = InsightForm(request.POST or None, instance=insight)
    result = saved(
        request,
        form,
        lambda f: services.insight_save(
            insight=f.save(commit=False),
            focus_areas=f.cleaned_data["focus_areas"],
            actor=request.user,
        ),
        _("The insight was saved."),
    )
    if result:
        return redirect(insight.focus_group)
    context = {
        "form": form,
        "focus_group": insight.focus_group,
        "insight": insight if insight.pk else None,
    }
    return render(request, "focusgroups/insight_form.html", context)


@coordinator_required
def insight_create(request, pk):
    focus_group = get_focus_group_for_user(request.user, pk, "edit")
    return _insight_form(request, Insight(focus_group=focus_group))


@coordinator_required
def insight_edit(request, pk):
    return _insight_form(request, get_insight_for_user(request.user, pk, "edit"))


@require_POST
@coordinator_required
def insight_delete(request, pk):
    insight = get_insight_for_user(request.user, pk, "edit")
    focus_group = insight.focus_group
    services.insight_delete(insight=insight, actor=request.user)
    messages.success(request, _("The insight was removed."))
    return redirect(focus_group)


# Council consultations ----------------------------------------------------------------------


@varies_on_query("page")
def consultation_list(request):
    return render(
        request,
        "focusgroups/consultation_list.html",
        {
            "page": page_of(request, selectors.consultation_list()),
            "can_edit": is_coordinator(request.user),
        },
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
    result = saved(
        request,
        form,
        lambda f: services.consultation_save(consultation=f.save(commit=False), actor=request.user),
        _("The consultation was saved."),
    )
    if result:
        return redirect(result)
    context = {
        "form": form,
        "consultation": consultation if consultation.pk else None,
        "cancel_url": consultation.get_absolute_url()
        if consultation.pk
        else reverse("focusgroups:consultation_list"),
    }
    return render(request, "focusgroups/consultation_form.html", context)


@coordinator_required
def consultation_create(request):
    return _consultation_form(request, CouncilConsultation())


@coordinator_required
def consultation_edit(request, pk):
    return _consultation_form(request, get_consultation_for_user(request.user, pk, "edit"))


@require_POST
@coordinator_required
def consultation_answer(request, pk):
    consultation = get_consultation_for_user(request.user, pk, "edit")
    form = ConsultationAnswerForm(request.POST)
    if saved(
        request,
        form,
        lambda f: services.consultation_answer(
            consultation=consultation, actor=request.user, **f.cleaned_data
        ),
        _("The council's answer was recorded."),
    ):
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
    return _idea_form(request, network=None)


def idea_submit_to_network(request, pk):
    """The idea form sent from a network's page: the idea also reaches the network's contact
    persons once its sender confirms it."""
    return _idea_form(request, network=get_network_for_user(request.user, pk))


def _idea_form(request, *, network: Network | None):
    def send(data: dict, address: str) -> None:
        services.idea_submit(
            title=data["title"],
            text=data["text"],
            email=data["email"],
            language=get_language() or "sv",
            address=address,
            tell_me_what_became=data["tell_me_what_became"],
            network=network,
        )

    return public_form(
        request,
        IdeaForm,
        template="focusgroups/idea_form.html",
        send=send,
        check=lambda data, address: services.idea_limit_check(
            address=address, email=data.get("email", "")
        ),
        refused=services.TooManyIdeas,
        sent="focusgroups:idea_sent",
        context={"network": network},
    )


def idea_sent(request):
    return render(request, "focusgroups/idea_sent.html")


@never_cache  # a page behind a signed link, whose answer changes once the button is pressed
def idea_confirm(request, token):
    """The link in the mail opens a page with a button; only the button (a POST) confirms, so a
    mail scanner that follows every link confirms nothing."""
    try:
        idea = services.idea_to_confirm(token=token)
        if request.method == "POST" and not idea.is_confirmed:
            idea = services.idea_confirm(token=token)
            return render(request, "focusgroups/idea_confirmed.html", {"idea": idea})
    except services.InvalidToken:
        return render(request, "focusgroups/idea_confirm_invalid.html", status=400)
    if idea.is_confirmed:
        return render(request, "focusgroups/idea_confirmed_before.html")
    return render(request, "focusgroups/idea_confirm.html", {"token": token})
