"""The privacy notice, the accessibility statement with its form for reporting a barrier, and a
person's own data: downloading it and deleting the account."""

import datetime

from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import StreamingHttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from actors.formerrors import add_service_error
from actors.mail import KEEP_SENT_FOR
from actors.publicforms import public_form
from focusgroups.services import IDEA_CONFIRM_MAX_AGE

from . import export, services
from .forms import AccountDeleteForm, BarrierForm

# When the accessibility statement was last checked against the site, as the law asks it to say.
STATEMENT_REVIEWED = datetime.date(2026, 11, 30)


def notice(request):
    return render(
        request,
        "privacy/notice.html",
        {
            "unconfirmed_days": services.UNCONFIRMED_KEPT.days,
            "confirm_days": IDEA_CONFIRM_MAX_AGE // 86400,
            "sent_mail_days": KEEP_SENT_FOR.days,
        },
    )


def accessibility(request):
    return public_form(
        request,
        BarrierForm,
        template="privacy/accessibility.html",
        context={"reviewed": STATEMENT_REVIEWED},
        send=lambda data, address: services.barrier_report(
            page=data["page"], description=data["description"], email=data["email"], address=address
        ),
        check=lambda _data, address: services.barrier_limit_check(address=address),
        refused=services.TooManyReports,
        sent="privacy:barrier_sent",
    )


def barrier_sent(request):
    return render(request, "privacy/barrier_sent.html")


@login_required
def account(request):
    return render(
        request,
        "privacy/account.html",
        {"blocked": services.account_deletion_blocked(user=request.user)},
    )


@login_required
def data_download(request):
    """The person's data as a ZIP, written while it is sent (privacy.export)."""
    readme = render_to_string(
        "privacy/export_readme.txt",
        {
            "user": request.user,
            "at": timezone.now(),
            "notice_url": request.build_absolute_uri(reverse("privacy:notice")),
        },
        request,
    )
    response = StreamingHttpResponse(
        export.export_zip(user=request.user, readme=readme), content_type="application/zip"
    )
    filename = f"my-data-{timezone.localdate():%Y-%m-%d}.zip"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def account_delete(request):
    form = AccountDeleteForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.account_delete(user=request.user, password=form.cleaned_data["password"])
            except ValidationError as error:
                add_service_error(form, error)
                status = 429 if getattr(error, "code", None) == "rate_limited" else 400
            else:
                logout(request)
                return redirect("privacy:account_deleted")
    return render(
        request,
        "privacy/account_delete.html",
        {"form": form, "blocked": services.account_deletion_blocked(user=request.user)},
        status=status,
    )


def account_deleted(request):
    return render(request, "privacy/account_deleted.html")
