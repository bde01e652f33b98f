from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from actors.districts import district_choice as district_choice_of
from actors.formerrors import add_service_error, saved
from actors.pagecache import varies_on_query
from actors.pagination import PER_PAGE, page_of
from actors.permissions import is_coordinator
from focusgroups.choices import IdeaStatus
from focusgroups.models import Idea

from . import charts, selectors, services
from .choices import NeedStatus
from .forms import (
    FocusAreaForm,
    IdeaModerationForm,
    ImportForm,
    IndicatorForm,
    InterventionForm,
    MeasureFormSet,
    NeedForm,
    OutcomeForm,
    TargetGroupForm,
)
from .models import FocusArea, Indicator, Intervention, Need, Outcome, TargetGroup
from .permissions import (
    coordinator_required,
    get_indicator_for_user,
    get_need_for_user,
    get_outcome_for_user,
)

# Focus areas and target groups --------------------------------------------------------------


def focusarea_list(request):
    return render(
        request,
        "prioritization/focusarea_list.html",
        {
            "focus_areas": selectors.focus_area_list(),
            "target_groups": selectors.target_group_list(),
            "can_edit": is_coordinator(request.user),
        },
    )


def focusarea_detail(request, slug):
    focus_area = get_object_or_404(FocusArea, slug=slug)
    return render(
        request,
        "prioritization/focusarea_detail.html",
        {
            "focus_area": focus_area,
            "can_edit": is_coordinator(request.user),
            **selectors.focus_area_page(focus_area),
        },
    )


@varies_on_query("page")
def targetgroup_detail(request, slug):
    target_group = get_object_or_404(TargetGroup, slug=slug)
    return render(
        request,
        "prioritization/targetgroup_detail.html",
        {
            "target_group": target_group,
            "page": page_of(request, selectors.insights_for(target_group=target_group)),
            "needs": list(selectors.need_list().filter(target_groups=target_group)[:PER_PAGE]),
            "can_edit": is_coordinator(request.user),
        },
    )


def _vocabulary_form(request, form_class, item, heading):
    form = form_class(request.POST or None, instance=item)
    result = saved(
        request,
        form,
        lambda f: services.vocabulary_save(item=f.save(commit=False), actor=request.user),
        _("Saved."),
    )
    if result:
        return redirect(result)
    context = {"form": form, "item": item, "heading": heading}
    return render(request, "prioritization/vocabulary_form.html", context)


@coordinator_required
def focusarea_create(request):
    return _vocabulary_form(request, FocusAreaForm, FocusArea(), _("Add a focus area"))


@coordinator_required
def focusarea_edit(request, slug):
    area = get_object_or_404(FocusArea, slug=slug)
    return _vocabulary_form(request, FocusAreaForm, area, _("Edit %(name)s") % {"name": area.name})


@coordinator_required
def targetgroup_create(request):
    return _vocabulary_form(request, TargetGroupForm, TargetGroup(), _("Add a target group"))


@coordinator_required
def targetgroup_edit(request, slug):
    group = get_object_or_404(TargetGroup, slug=slug)
    return _vocabulary_form(
        request, TargetGroupForm, group, _("Edit %(name)s") % {"name": group.name}
    )


# Indicators ---------------------------------------------------------------------------------


def indicator_list(request):
    return render(
        request,
        "prioritization/indicator_list.html",
        {
            "indicators": selectors.indicators_with_latest(Indicator.objects.all()),
            "can_edit": is_coordinator(request.user),
        },
    )


def indicator_detail(request, slug):
    indicator = get_indicator_for_user(request.user, slug)
    series = [
        (label or _("All residents"), values)
        for label, values in selectors.indicator_series(indicator)
    ]
    chart = charts.line_chart(series)
    rows = (
        [(period, [values.get(period) for _label, values in series]) for period in chart["periods"]]
        if chart
        else []
    )
    return render(
        request,
        "prioritization/indicator_detail.html",
        {
            "indicator": indicator,
            "chart": chart,
            "labels": [label for label, _values in series],
            "rows": rows,
            "can_edit": is_coordinator(request.user),
        },
    )


def _indicator_form(request, indicator):
    form = IndicatorForm(request.POST or None, instance=indicator)
    result = saved(
        request,
        form,
        lambda f: services.indicator_save(indicator=f.save(commit=False), actor=request.user),
        _("The indicator was saved."),
    )
    if result:
        return redirect(result)
    context = {"form": form, "indicator": indicator}
    return render(request, "prioritization/indicator_form.html", context)


@coordinator_required
def indicator_create(request):
    return _indicator_form(request, Indicator())


@coordinator_required
def indicator_edit(request, slug):
    return _indicator_form(request, get_indicator_for_user(request.user, slug, "edit"))


@coordinator_required
def datapoint_import(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        try:
            summary = services.data_points_import(
                raw=form.cleaned_data["file"].read(), actor=request.user
            )
        except services.ImportFailed as failure:
            errors = failure.errors
            form.add_error(None, _("Nothing was imported: the file has errors, listed below."))
        else:
            messages.success(
                request,
                _("Imported: %(created)d new values, %(updated)d changed.")
                % {"created": summary.created, "updated": summary.updated},
            )
            return redirect("prioritization:indicator_list")
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "prioritization/datapoint_import.html",
        {"form": form, "errors": errors},
        status=status,
    )


# Needs ---------------------------------------------------------------------------------------


@varies_on_query("focus_area", "status", "district", "page")
def need_list(request):
    focus_area = None
    if request.GET.get("focus_area"):
        focus_area = FocusArea.objects.filter(slug=request.GET["focus_area"]).first()
    status = request.GET.get("status") if request.GET.get("status") in NeedStatus.values else None
    district_choice = district_choice_of(request)
    needs = selectors.need_list(
        focus_area=focus_area, status=status, district=district_choice.chosen
    )
    return render(
        request,
        "prioritization/need_list.html",
        {
            "page": page_of(request, needs),
            "district_choice": district_choice,
            "focus_areas": FocusArea.objects.all(),
            "statuses": NeedStatus.choices,
            "focus_area": focus_area,
            "status": status,
            "can_edit": is_coordinator(request.user),
        },
    )


def need_detail(request, pk):
    get_need_for_user(request.user, pk)
    return render(
        request,
        "prioritization/need_detail.html",
        {"need": selectors.need_detail(pk), "can_edit": is_coordinator(request.user)},
    )


def _need_form(request, need):
    form = NeedForm(request.POST or None, instance=need)
    result = saved(
        request,
        form,
        lambda f: services.need_save(
            need=f.save(commit=False), actor=request.user, relations=f.relations()
        ),
        _("The need was saved."),
    )
    if result:
        return redirect(result)
    return render(request, "prioritization/need_form.html", {"form": form, "need": need})


@coordinator_required
def need_create(request):
    return _need_form(request, Need())


@coordinator_required
def need_edit(request, pk):
    return _need_form(request, get_need_for_user(request.user, pk, "edit"))


# Residents' ideas (moderation) --------------------------------------------------------------


@coordinator_required
def idea_queue(request):
    ideas = Idea.objects.filter(status__in=[IdeaStatus.AWAITING, IdeaStatus.KEPT]).order_by(
        "status", "confirmed_at", "pk"
    )
    return render(request, "prioritization/idea_queue.html", {"page": page_of(request, ideas)})


@coordinator_required
def idea_moderate(request, pk):
    idea = get_object_or_404(Idea, pk=pk, status__in=[IdeaStatus.AWAITING, IdeaStatus.KEPT])
    form = IdeaModerationForm(request.POST or None, initial={"title_sv": idea.title})
    if request.method == "POST" and form.is_valid():
        try:
            need = services.idea_moderate(
                idea=idea,
                actor=request.user,
                **form.cleaned_data,
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The idea was moderated and its sender told."))
            return redirect(need if need else "prioritization:idea_queue")
    return render(request, "prioritization/idea_moderate.html", {"idea": idea, "form": form})


# Outcomes and interventions ------------------------------------------------------------------


def outcome_detail(request, pk):
    get_outcome_for_user(request.user, pk)
    return render(
        request,
        "prioritization/outcome_detail.html",
        {"outcome": selectors.outcome_detail(pk), "can_edit": is_coordinator(request.user)},
    )


def _outcome_form(request, outcome):
    data = request.POST or None
    form = OutcomeForm(data, instance=outcome)
    measures = MeasureFormSet(data, instance=outcome, prefix="measures")
    if request.method == "POST" and form.is_valid() and measures.is_valid():
        try:
            outcome = services.outcome_save(
                outcome=form.save(commit=False),
                insights=form.cleaned_data["insights"],
                measures=measures,
                actor=request.user,
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The outcome was saved."))
            return redirect(outcome)
    return render(
        request,
        "prioritization/outcome_form.html",
        {"form": form, "measures": measures, "outcome": outcome, "need": outcome.need},
    )


@coordinator_required
def outcome_create(request, pk):
    need = get_need_for_user(request.user, pk, "edit")
    return _outcome_form(request, Outcome(need=need))


@coordinator_required
def outcome_edit(request, pk):
    return _outcome_form(request, get_outcome_for_user(request.user, pk, "edit"))


def _intervention_form(request, intervention):
    form = InterventionForm(request.POST or None, instance=intervention)
    result = saved(
        request,
        form,
        lambda f: services.intervention_save(intervention=f.save(commit=False), actor=request.user),
        _("The intervention was saved."),
    )
    if result:
        return redirect(result.outcome)
    context = {"form": form, "intervention": intervention, "outcome": intervention.outcome}
    return render(request, "prioritization/intervention_form.html", context)


@coordinator_required
def intervention_create(request, pk):
    outcome = get_outcome_for_user(request.user, pk, "edit")
    return _intervention_form(request, Intervention(outcome=outcome))


@coordinator_required
def intervention_edit(request, pk):
    intervention = get_object_or_404(Intervention.objects.select_related("outcome"), pk=pk)
    return _intervention_form(request, intervention)
