from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from actors.districts import district_choice as district_choice_of
from actors.formerrors import add_service_error, saved
from actors.i18n import SOURCE, language_name, offered_languages
from actors.models import Organisation
from actors.pagecache import varies_on_query
from actors.pagination import page_of
from actors.permissions import (
    PortalRole,
    has_role,
    is_coordinator,
)
from prioritization.models import FocusArea, Intervention, TargetGroup
from workshops.choices import ItemKind
from workshops.models import WorkshopItem

from . import process, sections, selectors, services
from .charts import follow_up_chart
from .choices import PROCESS_STEPS, InitiativeStep, WayOfWorking
from .forms import (
    DecisionForm,
    EvaluationForm,
    FollowUpForm,
    InitiativeForm,
    MoveForm,
    ProcessStepsForm,
)
from .models import Initiative, step_name, step_names, used_steps
from .permissions import can_propose, can_see_pipeline, get_initiative_for_user, is_lead


def _way(request) -> str | None:
    """The way of working a list is filtered by (`?way=`), None for all."""
    way = request.GET.get("way")
    return way if way in WayOfWorking.values else None


@varies_on_query("focus_area", "step", "district", "way", "page")
def initiative_list(request):
    focus_area = request.GET.get("focus_area") or None
    # The public reads the steps the collaboration uses past the draft, and where they end.
    names = step_names()
    steps = [
        (code, names[code])
        for code in InitiativeStep.values
        if code != InitiativeStep.NEEDS and (code in used_steps() or code not in PROCESS_STEPS)
    ]
    step = request.GET.get("step")
    step = step if step in dict(steps) else None
    way = _way(request)
    district_choice = district_choice_of(request)
    # The filters in use, kept in the links to other pages.
    filters = {
        key: value
        for key, value in (("focus_area", focus_area), ("step", step), ("way", way))
        if value
    }
    filters.update(district_choice.query)
    initiatives = selectors.initiative_list_public(
        focus_area=focus_area, step=step, district=district_choice.chosen, way=way
    )
    return render(
        request,
        "initiatives/initiative_list.html",
        {
            "page": page_of(request, initiatives),
            "district_choice": district_choice,
            "focus_areas": FocusArea.objects.all(),
            "steps": steps,
            "process_steps": [names[code] for code in used_steps()],
            "ways": WayOfWorking.choices,
            "focus_area": focus_area,
            "step": step,
            "way": way,
            "query": urlencode(filters),
            "can_propose": can_propose(request.user),
        },
    )


def initiative_detail(request, pk):
    initiative = get_initiative_for_user(request.user, pk)
    thread = selectors.initiative_thread(initiative.pk)
    follow_ups = list(thread.follow_ups.all())
    quoted = {insight.pk for need in thread.needs.all() for insight in need.insights.all()}
    used = used_steps()
    return render(
        request,
        "initiatives/initiative_detail.html",
        {
            "initiative": thread,
            "follow_ups": follow_ups,
            "more_insights": [i for i in thread.insights.all() if i.pk not in quoted],
            "chart": follow_up_chart(follow_ups),
            "transitions": process.available_transitions(request.user, thread),
            "can_edit": is_lead(request.user, thread) and not thread.is_closed,
            "can_follow_up": is_lead(request.user, thread)
            and thread.step in (InitiativeStep.EXECUTION, InitiativeStep.EVALUATION),
            "can_decide": is_coordinator(request.user) and thread.step == InitiativeStep.DECISION,
            "can_evaluate": has_role(request.user, PortalRole.EVALUATOR)
            and thread.step == InitiativeStep.EVALUATION,
            "sees_internal": initiative.sees_drafts,
            "move_form": MoveForm(initial={"expected_step": thread.step}),
            # A process without a decision or funding step shows no section for it, unless
            # the initiative was decided before the step was left out.
            "uses_decision": InitiativeStep.DECISION in used,
            "uses_funding": InitiativeStep.FUNDING in used,
            "funding_sections": (
                sections.funding_sections(thread, request.user)
                if InitiativeStep.FUNDING in used
                else []
            ),
            "result_sections": sections.result_sections(thread, request.user),
        },
    )


def _carried(translations: dict, **names: str) -> dict:
    """The translations of where a proposal starts, under the proposal's names (`summary=
    "description"` carries the origin's description as the summary), cut to the proposal's
    lengths. Each keeps the fingerprint of the Swedish text it was made from: it stays current
    while the proposal keeps that text, and turns stale once the coordinator rewrites it."""
    carried = {}
    for language, entries in translations.items():
        for name, source in names.items():
            if source in entries:
                limit = Initiative._meta.get_field(f"{name}_{SOURCE}").max_length
                entry = entries[source]
                carried.setdefault(language, {})[name] = {**entry, "text": entry["text"][:limit]}
    return carried


def _starting_point(request) -> tuple[dict, dict]:
    """Initial values, and what the proposal keeps of where it started (the intervention (III)
    or the workshop decision or parked idea, and the translations of its texts), when a
    coordinator starts a proposal from one."""
    if not is_coordinator(request.user):
        return {}, {}
    intervention_id = request.GET.get("intervention", "")
    item_id = request.GET.get("workshop_item", "")
    if intervention_id.isdigit():
        intervention = get_object_or_404(
            Intervention.objects.select_related("outcome__need"), pk=intervention_id
        )
        need = intervention.outcome.need
        initial = {
            "title_sv": intervention.title_sv,
            "summary_sv": intervention.description_sv,
            "focus_area": need.focus_area_id,
            "needs": [need.pk],
            "outcomes": [intervention.outcome_id],
        }
        translations = _carried(intervention.translations, title="title", summary="description")
        return initial, {"intervention": intervention, "translations": translations}
    if item_id.isdigit():
        item = get_object_or_404(
            WorkshopItem.objects.filter(kind__in=[ItemKind.DECISION, ItemKind.PARKED]), pk=item_id
        )
        initial = {"title_sv": item.text_sv[:200], "summary_sv": item.text_sv}
        translations = _carried(item.translations, title="text", summary="text")
        return initial, {"workshop_item": item, "translations": translations}
    return {}, {}


@login_required
def initiative_create(request):
    if not can_propose(request.user):
        raise PermissionDenied
    initial, origin = _starting_point(request)
    form = InitiativeForm(request.POST or None, user=request.user, initial=initial)
    submit_step = process.forward_from(InitiativeStep.NEEDS).target_label
    initiative = saved(
        request,
        form,
        lambda f: services.initiative_save(data={**f.cleaned_data, **origin}, actor=request.user),
        _(
            "The proposal was saved as a draft. When it is ready, move it to “%(step)s” with "
            "the button under “%(box)s”."
        )
        % {"step": submit_step, "box": _("Move the initiative")},
    )
    if initiative:
        return redirect(initiative)
    return render(
        request,
        "initiatives/initiative_form.html",
        {
            "form": form,
            "initiative": None,
            "origin": origin.get("intervention") or origin.get("workshop_item"),
            "proposal_step": submit_step,
        },
    )


@login_required
def initiative_edit(request, pk):
    initiative = get_initiative_for_user(request.user, pk, "edit")
    form = InitiativeForm(request.POST or None, instance=initiative, user=request.user)
    if saved(
        request,
        form,
        lambda f: services.initiative_save(
            initiative=initiative, data=f.cleaned_data, actor=request.user
        ),
        _("The initiative was saved."),
    ):
        return redirect(initiative)
    return render(
        request,
        "initiatives/initiative_form.html",
        {
            "form": form,
            "initiative": initiative,
            "proposal_step": process.forward_from(InitiativeStep.NEEDS).target_label,
        },
    )


@require_POST
@login_required
def initiative_move(request, pk):
    initiative = get_initiative_for_user(request.user, pk)
    form = MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The request was incomplete. Nothing was changed."))
        return redirect(initiative)
    try:
        change = services.initiative_advance(
            initiative=initiative,
            to_step=form.cleaned_data["to_step"],
            actor=request.user,
            note=form.cleaned_data["note"],
            override_reason=form.cleaned_data["override_reason"],
            expected_step=form.cleaned_data["expected_step"],
        )
    except services.TransitionError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The initiative moved to “%(step)s”.") % {"step": step_name(change.to_step)},
        )
    return redirect(initiative)


def _record(request, pk, *, action, template, build_form, save):
    """The shared shape of the record pages: check, bind, save through the service, redirect."""
    initiative = get_initiative_for_user(request.user, pk, action)
    form = build_form(initiative, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            save(initiative, form)
        except ValidationError as error:
            if hasattr(error, "error_dict"):  # about one of the form's fields
                add_service_error(form, error)
            else:
                messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Saved."))
            return redirect(initiative)
    return render(request, template, {"form": form, "initiative": initiative})


@login_required
def decision_edit(request, pk):
    return _record(
        request,
        pk,
        action="decide",
        template="initiatives/decision_form.html",
        build_form=lambda i, data: DecisionForm(data, instance=getattr(i, "decision", None)),
        save=lambda i, form: services.decision_record(
            initiative=i, data=form.cleaned_data, actor=request.user
        ),
    )


@login_required
def follow_up_create(request, pk):
    return _record(
        request,
        pk,
        action="follow_up",
        template="initiatives/follow_up_form.html",
        build_form=lambda i, data: FollowUpForm(data, initiative=i),
        save=lambda i, form: services.follow_up_report(
            initiative=i,
            data=form.record_data,
            reach=form.reach,
            measures=form.measures,
            actor=request.user,
        ),
    )


@login_required
def evaluation_edit(request, pk):
    return _record(
        request,
        pk,
        action="evaluate",
        template="initiatives/evaluation_form.html",
        build_form=lambda i, data: EvaluationForm(
            data, instance=getattr(i, "evaluation", None), initiative=i
        ),
        save=lambda i, form: services.evaluation_record(
            initiative=i, data=form.record_data, achievements=form.achievements, actor=request.user
        ),
    )


@login_required
def pipeline(request):
    if not can_see_pipeline(request.user):
        raise PermissionDenied
    filters = {
        "focus_area": request.GET.get("focus_area") or None,
        "organisation": request.GET.get("organisation") or None,
        "target_group": request.GET.get("target_group") or None,
        "way": _way(request),
    }
    district_choice = district_choice_of(request)
    return render(
        request,
        "initiatives/pipeline.html",
        {
            "columns": selectors.pipeline(
                user=request.user, district=district_choice.chosen, **filters
            ),
            "filters": filters,
            "district_choice": district_choice,
            "focus_areas": FocusArea.objects.only("slug", "name_sv", "translations"),
            "organisations": Organisation.objects.active().only("slug", "name"),
            "target_groups": TargetGroup.objects.only("slug", "name_sv", "translations"),
            "ways": WayOfWorking.choices,
            "can_edit_steps": is_coordinator(request.user),
        },
    )


@login_required
def process_steps_edit(request):
    if not is_coordinator(request.user):
        raise PermissionDenied
    form = ProcessStepsForm(request.POST or None)
    if saved(
        request,
        form,
        lambda f: services.process_steps_save(steps=f.step_data, actor=request.user),
        _("The steps of the process were saved."),
    ):
        return redirect("initiatives:process_steps")
    return render(
        request,
        "initiatives/process_steps_form.html",
        {
            "form": form,
            "translation_languages": [
                (code, language_name(code)) for code in offered_languages() if code != SOURCE
            ],
        },
    )
