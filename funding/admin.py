from django.contrib import admin

from actors.admin import AppendOnlyAdmin

from .models import AllocationRequest, Funder, Grant, LedgerEntry, ReportingDuty


@admin.register(Funder)
class FunderAdmin(admin.ModelAdmin):
    list_display = ["organisation", "created"]
    search_fields = ["organisation__name"]


class DutyInline(admin.TabularInline):
    model = ReportingDuty
    extra = 0
    readonly_fields = ["done_by"]


@admin.register(Grant)
class GrantAdmin(admin.ModelAdmin):
    """Grants are registered through the portal, which books their pledge; here they are read
    and their texts and duties kept up to date. The amount is in the ledger and stays."""

    list_display = ["title_sv", "funder", "amount", "starts_on", "ends_on", "earmark"]
    list_filter = ["earmark", "funder"]
    search_fields = ["title_sv", "funder__organisation__name"]
    readonly_fields = ["funder", "amount", "earmark", "focus_area", "initiative", "created_by"]
    inlines = [DutyInline]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(LedgerEntry)
class LedgerEntryAdmin(AppendOnlyAdmin):
    """The ledger is append-only: read here, booked and reversed only through the portal."""

    list_display = ["booked_on", "kind", "grant", "initiative", "amount", "reverses"]
    list_filter = ["kind", "grant__funder"]
    search_fields = ["note", "grant__title_sv", "initiative__title_sv"]
    list_select_related = ["grant__funder__organisation", "initiative", "reverses"]
    date_hierarchy = "booked_on"


@admin.register(AllocationRequest)
class AllocationRequestAdmin(AppendOnlyAdmin):
    """Requests are asked for and answered through the portal, which books the allocation and
    records the events that tell the people concerned; here they are only read."""

    list_display = ["initiative", "amount", "status", "created", "answered_at"]
    list_filter = ["status"]
    search_fields = ["initiative__title_sv", "justification"]
    list_select_related = ["initiative"]
