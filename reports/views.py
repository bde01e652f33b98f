from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from actors.models import SiteSettings
from actors.pagination import page_of
from actors.permissions import PortalRole, role_required

from . import packages, rendering, services
from .builders import open_data as open_data_builder
from .choices import ReportKind
from .forms import ReportRequestForm
from .models import ReportRequest
from .permissions import REPORT_ROLES, get_report_for_user

OPEN_DATA_CACHE_KEY = "reports:open-data"
OPEN_DATA_SECONDS = 600


def _list_page(request, form):
    reports = ReportRequest.objects.select_related("initiative", "district").order_by(
        "-requested_at", "-pk"
    )
    page = page_of(request, reports)
    return render(request, "reports/report_list.html", {"form": form, "page": page})


@role_required(*REPORT_ROLES)
def report_list(request):
    form = ReportRequestForm()
    initiative = request.GET.get("initiative", "")
    if initiative.isdigit():
        form = ReportRequestForm(
            initial={**form.initial, "kind": ReportKind.INITIATIVE, "initiative": int(initiative)}
        )
    return _list_page(request, form)


@role_required(*REPORT_ROLES)
def report_create(request):
    if request.method != "POST":
        # A visit (a reload, the back button after a form came back with errors): the form is
        # on the list page, filled in as the same query would fill it there.
        query = request.GET.urlencode()
        return redirect(reverse("reports:report_list") + (f"?{query}" if query else ""))
    form = ReportRequestForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The report could not be asked for: see the form."))
        return _list_page(request, form)
    data = form.cleaned_data
    try:
        report = services.report_request(
            kind=data["kind"],
            language=data["language"],
            actor=request.user,
            initiative=data["initiative"],
            start=data["start"],
            end=data["end"],
            district=data.get("district"),
            way=data.get("way") or "",
        )
    except ValidationError as exc:
        form.add_error(None, exc)
        return _list_page(request, form)
    # The report's page shows how far it has come, and follows it: a message saying so would
    # stay behind once it is ready.
    messages.success(request, _("The report has been asked for."))
    return redirect(report)


@role_required(*REPORT_ROLES)
def report_detail(request, pk):
    report = get_report_for_user(request.user, pk)
    report = services.report_expire_if_stale(report=report)
    return render(request, "reports/report_detail.html", {"report": report})


def _status(report: ReportRequest) -> dict:
    return {
        "status": report.status,
        "label": report.get_status_display(),
        "reason": report.failure_reason,
        "pages": report.pages,
        "download_url": reverse("reports:report_download", args=[report.pk])
        if report.is_ready
        else None,
        "package_url": reverse("reports:report_package", args=[report.pk])
        if report.is_ready
        else None,
    }


@never_cache
@role_required(*REPORT_ROLES)
def report_status(request, pk):
    report = get_report_for_user(request.user, pk)
    report = services.report_expire_if_stale(report=report)
    return JsonResponse(_status(report))


def _serve(request, pk, field: str, content_type: str, suffix: str):
    report = _report_to_download(request, pk)
    if not isinstance(report, ReportRequest):
        return report
    stored = getattr(report, field)
    path = rendering.media_path(stored.name) if stored else None
    if not report.is_ready or path is None or not path.exists():
        raise Http404
    response = FileResponse(
        path.open("rb"),
        content_type=content_type,
        as_attachment=True,
        filename=report.download_name(suffix),
    )
    response["Cache-Control"] = (
        "private, no-store" if not report.published else "public, max-age=300"
    )
    return response


def _report_to_download(request, pk):
    """Published reports are anyone's; others send anonymous visitors to the login page."""
    report = ReportRequest.objects.filter(pk=pk, published=True).first()
    if report is not None:
        return report
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return get_report_for_user(request.user, pk, "download")


def report_download(request, pk):
    return _serve(request, pk, "file", "application/pdf", "pdf")


def report_package(request, pk):
    return _serve(request, pk, "package", "application/zip", "zip")


@require_POST
@role_required(*REPORT_ROLES)
def report_retry(request, pk):
    report = get_report_for_user(request.user, pk, "retry")
    try:
        services.report_retry(report=report, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The report has been asked for again."))
    return redirect(report)


def _publish(request, pk, published: bool):
    report = get_report_for_user(request.user, pk, "publish")
    try:
        services.report_publish(report=report, actor=request.user, published=published)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("The report is published on the initiative's page.")
            if published
            else _("The report is no longer published."),
        )
    return redirect(report)


@require_POST
@role_required(PortalRole.COORDINATOR)
def report_publish(request, pk):
    return _publish(request, pk, True)


@require_POST
@role_required(PortalRole.COORDINATOR)
def report_unpublish(request, pk):
    return _publish(request, pk, False)


def open_data(request):
    return render(request, "reports/open_data.html")


def open_data_download(request):
    """Everything public as one ZIP, made at most once every ten minutes."""
    content = cache.get(OPEN_DATA_CACHE_KEY)
    if content is None:
        content = packages.open_data_package(
            open_data_builder.build(), site_name=SiteSettings.current().name_sv
        )
        cache.set(OPEN_DATA_CACHE_KEY, content, OPEN_DATA_SECONDS)
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = 'attachment; filename="open-data.zip"'
    response["Cache-Control"] = f"public, max-age={OPEN_DATA_SECONDS}"
    return response
