"""The pages of prioritisation rounds: opening one, scoring it, closing it, and the matrix of
the results."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from actors.formerrors import add_service_error
from actors.pagecache import varies_on_query
from actors.pagination import page_of
from actors.permissions import is_coordinator

from . import charts, selectors, services
from .forms import (
    RoundCloseForm,
    RoundForm,
    ScoreForm,
)
from .permissions import (
    LoginRequired,
    coordinator_required,
    get_round_for_user,
    scoring_organisations,
)


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
