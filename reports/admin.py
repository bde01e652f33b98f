from django.contrib import admin

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
        "file",
        "package",
        "pages",
        "attempts",
        "requested_at",
        "started_at",
        "finished_at",
    ]
    raw_id_fields = ["initiative", "requested_by", "published_by"]
