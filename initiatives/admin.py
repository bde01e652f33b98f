from django.contrib import admin

from .models import Decision, Evaluation, FollowUp, Initiative, InitiativeStepChange


class StepChangeInline(admin.TabularInline):
    """The log is append-only: shown here, never edited."""

    model = InitiativeStepChange
    extra = 0
    can_delete = False
    readonly_fields = ["at", "from_step", "to_step", "actor", "note", "override_reason"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Initiative)
class InitiativeAdmin(admin.ModelAdmin):
    list_display = ["title_sv", "step", "lead_organisation", "focus_area", "budget"]
    list_filter = ["step", "focus_area"]
    search_fields = ["title_sv"]
    # Steps change only through the process, so that every move is logged.
    readonly_fields = ["step", "parked_from", "exit_reason", "submitted_at"]
    filter_horizontal = [
        "needs",
        "outcomes",
        "target_groups",
        "partners",
        "insights",
        "consultations",
    ]
    inlines = [StepChangeInline]

    def get_readonly_fields(self, request, obj=None):
        # The budget of a saved initiative changes on its own page, where the service checks it
        # against what the fund has allocated.
        if obj is None:
            return self.readonly_fields
        return [*self.readonly_fields, "budget"]


admin.site.register(Decision)
admin.site.register(FollowUp)
admin.site.register(Evaluation)
