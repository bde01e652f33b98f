from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import ReportRequest


@admin.register(ReportRequest)
class ReportRequestAdmin(admin.ModelAdmin):
    list_display = [
        "pk",
        "kind",
        "initiative",
        "period_start",
        "period_end",
        "language",
        "status",
        "published",
        "requested_at",
    ]
    list_filter = ["kind", "status", "language", "published"]
    readonly_fields = [
        "data_version",
        "download",
        "pages",
        "attempts",
        "requested_at",
        "started_at",
        "finished_at",
    ]
    exclude = ["file", "package"]
    raw_id_fields = ["initiative", "requested_by", "published_by"]

    # Stored files are served by the report's own views, which check who asks; the media folder
    # itself is not served, so the file fields' own links would lead nowhere.
    @admin.display(description=_("Files"))
    def download(self, report: ReportRequest):
        if not report.is_ready:
            return "–"
        return format_html(
            '<a href="{}">PDF</a> · <a href="{}">{}</a>',
            reverse("reports:report_download", args=[report.pk]),
            reverse("reports:report_package", args=[report.pk]),
            _("data package"),
        )
