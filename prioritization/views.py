from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from actors.choices import PortalRole
from actors.formerrors import add_service_error, saved
from actors.pagecache import varies_on_query
from actors.pagination import PER_PAGE, page_of
from actors.permissions import is_coordinator, role_required
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
    RoundCloseForm,
    RoundForm,
    ScoreForm,
    TargetGroupForm,
)
from .models import FocusArea, Indicator, Intervention, Need, Outcome, TargetGroup
from .permissions import (
    LoginRequired,
    get_indicator_for_user,
    get_need_for_user,
    get_outcome_for_user,
    get_round_for_user,
    scoring_organisations,
)

coordinator_required = role_required(PortalRole.COORDINATOR)


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


@varies_on_query("focus_area", "status", "page")
def need_list(request):
    focus_area = None
    if request.GET.get("focus_area"):
        focus_area = FocusArea.objects.filter(slug=request.GET["focus_area"]).first()
    status = request.GET.get("status") if request.GET.get("status") in NeedStatus.values else None
    return render(
        request,
        "prioritization/need_list.html",
        {
            "page": page_of(request, selectors.need_list(focus_area=focus_area, status=status)),
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


# Prioritisation rounds -----------------------------------------------------------------------


@varies_on_query("page")
def round_list(request):
    return render(
        request,
        "prioritization/round_list.html",
        {
            "page": page_of(request, selectors.round_list_for(request.user)),
            "can_edit": is_coordinator(request.user),
        },
    )


def _round_context(request, round_):
    context = {"round": round_, "can_edit": is_coordinator(request.user)}
    if round_.is_open:
        context["needs"] = list(round_.needs.select_related("focus_area"))
        context["turnout"] = selectors.round_turnout(round_, need_count=len(context["needs"]))
        context["can_score"] = bool(
            request.user.is_authenticated and scoring_organisations(request.user)
        )
    else:
        results = selectors.round_results(round_)
        context["results"] = results
        context["matrix"] = charts.matrix_chart(results)
        contributions = selectors.round_contributions(round_)
        for result in results:
            result.contributions = contributions.get(result.need_id, [])
        context["has_contributions"] = bool(contributions)
    return context


def round_detail(request, pk):
    try:
        round_ = get_round_for_user(request, pk)
    except LoginRequired as redirect_:
        return redirect_.response()
    return render(request, "prioritization/round_detail.html", _round_context(request, round_))


def matrix(request):
    """The latest closed round's matrix, the public face of the prioritisation."""
    round_ = selectors.latest_closed_round()
    context = _round_context(request, round_) if round_ else {"round": None}
    return render(request, "prioritization/matrix.html", context)


@coordinator_required
def round_create(request):
    form = RoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            round_ = services.round_open(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The round is open: member organisations can now score."))
            return redirect(round_)
    return render(request, "prioritization/round_form.html", {"form": form})


def round_score(request, pk):
    try:
        round_ = get_round_for_user(request, pk, "score")
    except LoginRequired as redirect_:
        return redirect_.response()
    organisations = scoring_organisations(request.user)
    chosen = request.POST.get("organisation") or request.GET.get("organisation")
    organisation = next((o for o in organisations if o.slug == chosen), organisations[0])
    try:
        services.round_ensure_scorable(round_=round_)
    except services.RoundClosed as error:
        messages.error(request, error.message)
        return redirect(round_)
    needs = list(round_.needs.select_related("focus_area"))
    existing = {s.need_id: s for s in round_.scores.filter(organisation=organisation)}
    data = request.POST if request.method == "POST" else None
    forms = [
        (
            need,
            ScoreForm(
                data,
                prefix=f"need-{need.pk}",
                initial=(
                    {
                        "urgency": existing[need.pk].urgency,
                        "capacity": existing[need.pk].capacity,
                        "contribution": existing[need.pk].contribution,
                    }
                    if need.pk in existing
                    else None
                ),
            ),
        )
        for need in needs
    ]
    if request.method == "POST":
        results = [form.is_valid() for _need, form in forms]  # every form, so each shows errors
        valid = all(results)
        scored = [
            services.ScoreInput(
                need.pk,
                form.cleaned_data["urgency"],
                form.cleaned_data["capacity"],
                form.cleaned_data["contribution"],
            )
            for need, form in forms
            if valid and form.cleaned_data["urgency"] is not None
        ]
        if valid:
            try:
                services.round_score(
                    round_=round_, organisation=organisation, scores=scored, actor=request.user
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(
                    request,
                    _(
                        "%(organisation)s's scores were saved. "
                        "You can change them until the round closes."
                    )
                    % {"organisation": organisation.name},
                )
                return redirect(round_)
    return render(
        request,
        "prioritization/round_score.html",
        {
            "round": round_,
            "forms": forms,
            "organisation": organisation,
            "organisations": organisations,
        },
        status=400 if request.method == "POST" else 200,
    )


@coordinator_required
def round_close(request, pk):
    """Closing publishes the matrix at once, so the coordinator first sees who has scored."""
    round_ = get_round_for_user(request, pk, "close")
    if not round_.is_open:
        messages.error(request, _("The round is already closed."))
        return redirect(round_)
    turnout = selectors.round_turnout(round_, need_count=round_.needs.count())
    form = RoundCloseForm(request.POST if request.method == "POST" else None, turnout=turnout)
    if request.method == "POST" and form.is_valid():
        try:
            services.round_close(
                round_=round_,
                actor=request.user,
                without_missing=form.cleaned_data["without_missing"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The round is closed and its matrix is public."))
            return redirect(round_)
    return render(
        request,
        "prioritization/round_close.html",
        {"round": round_, "turnout": turnout, "form": form},
        status=400 if form.errors else 200,
    )


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
