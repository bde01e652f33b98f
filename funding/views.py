import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from actors.formerrors import add_service_error, saved
from actors.pagination import page_of
from actors.permissions import role_required

from . import selectors, services
from .balances import Balance
from .charts import paired_bars
from .forms import (
    DutyForm,
    EntryForm,
    FunderForm,
    GrantEditForm,
    GrantForm,
    LedgerFilterForm,
    RequestDeclineForm,
    RequestForm,
    RequestGrantForm,
    ReverseForm,
)
from .permissions import (
    READ_ROLES,
    WRITE_ROLES,
    can_ask_for_money,
    can_book,
    get_duty_for_user,
    get_entry_for_user,
    get_funder_for_user,
    get_grant_for_user,
    get_request_for_user,
)


@role_required(*READ_ROLES)
def overview(request):
    by_area = selectors.focus_area_balances()
    by_funder = selectors.funder_balances()
    return render(
        request,
        "funding/overview.html",
        {
            "pool": selectors.pool_balance(),
            "by_area": by_area,
            "by_funder": by_funder,
            "area_chart": paired_bars(
                [(area.name, b.allocated, b.disbursed) for area, b in by_area],
                (_("Allocated"), _("Disbursed")),
            ),
            "funder_chart": paired_bars(
                [(funder.organisation.name, b.pledged, b.received) for funder, b in by_funder],
                (_("Pledged"), _("Received")),
            ),
            "by_earmark": selectors.earmark_balances(),
            "duties": selectors.duties_due(),
            "today": timezone.localdate(),
            "can_book": can_book(request.user),
        },
    )


@role_required(*READ_ROLES)
def ledger(request):
    form = LedgerFilterForm(request.GET or None)
    filters = form.filters()
    page = page_of(request, selectors.ledger(**filters))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "funding/ledger.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "can_book": can_book(request.user),
        },
    )


def safe_cell(value) -> str:
    """A cell a spreadsheet will not run as a formula (CSV injection)."""
    text = "" if value is None else str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


class _Echo:
    def write(self, value):
        return value


CSV_HEADER = [
    "id",
    "booked_on",
    "kind",
    "funder",
    "grant",
    "initiative",
    "amount_sek",
    "paid_back_sek",
    "reverses",
    "reversed_by",
    "note",
    "booked_by",
    "booked_at",
]


@role_required(*READ_ROLES)
def ledger_csv(request):
    form = LedgerFilterForm(request.GET or None)
    entries = selectors.ledger(**form.filters())

    def rows():
        # Text a person typed is made safe; numbers and dates the ledger wrote stay numbers, so
        # a reversal's "-400.00" still sums in a spreadsheet.
        yield CSV_HEADER
        for entry in entries.iterator(chunk_size=500):
            reversed_by = getattr(entry, "reversed_by", None)
            paid_back = -entry.paid_back if entry.is_reversal else entry.paid_back
            yield [
                entry.pk,
                entry.booked_on.isoformat(),
                safe_cell(entry.get_kind_display()),
                safe_cell(entry.grant.funder.organisation.name),
                safe_cell(entry.grant.title),
                safe_cell(entry.initiative.title if entry.initiative else ""),
                f"{entry.signed_amount:.2f}",
                f"{paid_back:.2f}",
                entry.reverses_id or "",
                reversed_by.pk if reversed_by else "",
                safe_cell(entry.note),
                safe_cell(entry.created_by.email if entry.created_by else ""),
                timezone.localtime(entry.created).isoformat(timespec="seconds"),
            ]

    writer = csv.writer(_Echo())
    response = StreamingHttpResponse(
        (writer.writerow(row) for row in rows()), content_type="text/csv; charset=utf-8"
    )
    name = f"ledger-{timezone.localdate().isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@role_required(*WRITE_ROLES)
def entry_create(request):
    initial = {
        key: request.GET[key]
        for key in ("kind", "initiative", "grant")
        if request.GET.get(key, "").replace("_", "").isalnum()
    }
    form = EntryForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            entry = services.entry_book(
                kind=data["kind"],
                grant=data["grant"],
                initiative=data["initiative"],
                amount=data["amount"],
                booked_on=data["booked_on"],
                note=data["note"],
                actor=request.user,
            )
        except services.FundingError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("Booked: %(kind)s of %(amount)s SEK.")
                % {"kind": entry.get_kind_display(), "amount": services.sek(entry.amount)},
            )
            if entry.initiative and request.GET.get("back") == "initiative":
                return redirect(entry.initiative)
            return redirect("funding:ledger")
    return render(request, "funding/entry_form.html", {"form": form})


@role_required(*WRITE_ROLES)
def entry_reverse(request, pk):
    entry = get_entry_for_user(request.user, pk, "book")
    form = ReverseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.entry_reverse(
                entry=entry,
                note=form.cleaned_data["note"],
                booked_on=form.cleaned_data["booked_on"],
                actor=request.user,
            )
        except services.FundingError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The entry was reversed. Both stay in the ledger."))
            return redirect("funding:ledger")
    return render(request, "funding/entry_reverse.html", {"form": form, "entry": entry})


@role_required(*WRITE_ROLES)
def funder_create(request):
    form = FunderForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            funder = services.funder_create(
                organisation=form.cleaned_data["organisation"],
                notes=form.cleaned_data["notes"],
                actor=request.user,
            )
        except services.FundingError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The funder was registered."))
            return redirect(funder)
    return render(request, "funding/funder_form.html", {"form": form})


@role_required(*READ_ROLES)
def funder_detail(request, pk):
    funder = get_funder_for_user(request.user, pk)
    grants = selectors.grants_with_balances(funder.grants.all())
    page = page_of(request, grants)
    return render(
        request,
        "funding/funder_detail.html",
        {
            "funder": funder,
            "page": page,
            "rows": [(grant, Balance.of(grant)) for grant in page],
            "balance": selectors.funder_balance(funder),
            "can_book": can_book(request.user),
        },
    )


@role_required(*WRITE_ROLES)
def grant_create(request):
    initial = {"funder": request.GET["funder"]} if request.GET.get("funder", "").isdigit() else {}
    form = GrantForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            grant = services.grant_register(
                grant=form.save(commit=False),
                pledged_on=form.cleaned_data["pledged_on"],
                actor=request.user,
            )
        except services.FundingError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The grant was registered and its pledge booked."))
            return redirect(grant)
    return render(request, "funding/grant_form.html", {"form": form})


@role_required(*WRITE_ROLES)
def grant_edit(request, pk):
    grant = get_grant_for_user(request.user, pk, "book")
    form = GrantEditForm(request.POST or None, instance=grant)
    if request.method == "POST" and form.is_valid():
        services.grant_update(grant=grant, data=form.cleaned_data, actor=request.user)
        messages.success(request, _("The grant was saved."))
        return redirect(grant)
    return render(request, "funding/grant_edit.html", {"form": form, "grant": grant})


@role_required(*READ_ROLES)
def grant_detail(request, pk):
    grant = get_grant_for_user(request.user, pk)
    page = page_of(request, selectors.ledger(grant=grant))
    return render(
        request,
        "funding/grant_detail.html",
        {
            "grant": grant,
            "balance": selectors.grant_balance(grant),
            "duties": grant.duties.all(),
            "page": page,
            "today": timezone.localdate(),
            "can_book": can_book(request.user),
        },
    )


@role_required(*WRITE_ROLES)
def duty_create(request, pk):
    grant = get_grant_for_user(request.user, pk, "book")
    form = DutyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.duty_add(
            grant=grant,
            description=form.cleaned_data["description"],
            due_on=form.cleaned_data["due_on"],
            actor=request.user,
        )
        messages.success(request, _("The reporting duty was added."))
        return redirect(grant)
    return render(request, "funding/duty_form.html", {"form": form, "grant": grant})


@require_POST
@login_required
def duty_done(request, pk):
    duty = get_duty_for_user(request.user, pk, "book")
    try:
        services.duty_mark_done(duty=duty, actor=request.user)
    except services.FundingError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The report is marked as sent."))
    if request.POST.get("next") == "overview":
        return redirect("funding:overview")
    return redirect(duty.grant)


def public(request):
    return render(request, "funding/public.html", {"totals": selectors.public_totals()})


@login_required
def request_create(request):
    if not can_ask_for_money(request.user):
        raise PermissionDenied
    initial = (
        {"initiative": request.GET["initiative"]}
        if request.GET.get("initiative", "").isdigit()
        else {}
    )
    form = RequestForm(request.POST or None, initial=initial, user=request.user)
    asked = saved(
        request,
        form,
        lambda form: services.allocation_request_make(**form.cleaned_data, actor=request.user),
        _("Your request was sent to the treasurer. You are told the answer."),
    )
    if asked:
        return redirect(asked.initiative)
    return render(request, "funding/request_form.html", {"form": form})


@role_required(*READ_ROLES)
def request_list(request):
    return render(
        request,
        "funding/request_list.html",
        {
            "open": selectors.requests_open(),
            "answered": selectors.requests_answered(),
            "can_book": can_book(request.user),
        },
    )


def _request_page(request, asked, *, grant_form=None, decline_form=None):
    """The request with, while it is open and the user books, the two answers a treasurer can
    give; a refused answer comes back in its own form, with the reason, even when the request
    was answered meanwhile."""
    if asked.is_open and can_book(request.user):
        grant_form = grant_form or RequestGrantForm(request=asked)
        decline_form = decline_form or RequestDeclineForm()
    return render(
        request,
        "funding/request_detail.html",
        {
            "asked": asked,
            "funding": selectors.initiative_funding(asked.initiative),
            "grant_form": grant_form,
            "decline_form": decline_form,
        },
    )


@role_required(*READ_ROLES)
def request_detail(request, pk):
    return _request_page(request, get_request_for_user(request.user, pk))


def _answer(request, pk, *, form_for, answer, message: str, slot: str):
    """A treasurer's answer to a request: on success back to the list, else the request's page
    with the refused answer's form in its `slot`."""
    asked = get_request_for_user(request.user, pk, "book")
    form = form_for(asked)
    if saved(
        request,
        form,
        lambda form: answer(request=asked, **form.cleaned_data, actor=request.user),
        message,
    ):
        return redirect("funding:request_list")
    return _request_page(request, asked, **{slot: form})


@require_POST
@login_required
def request_grant(request, pk):
    return _answer(
        request,
        pk,
        form_for=lambda asked: RequestGrantForm(request.POST, request=asked),
        answer=services.allocation_request_grant,
        message=_("The request was granted and the allocation booked."),
        slot="grant_form",
    )


@require_POST
@login_required
def request_decline(request, pk):
    return _answer(
        request,
        pk,
        form_for=lambda asked: RequestDeclineForm(request.POST),
        answer=services.allocation_request_decline,
        message=_("The request was declined; the lead organisation is told why."),
        slot="decline_form",
    )
