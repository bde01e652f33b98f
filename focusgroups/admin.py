from django.contrib import admin

from .models import CouncilConsultation, FocusGroup, Idea, Insight


class InsightInline(admin.TabularInline):
    model = Insight
    extra = 0


@admin.register(FocusGroup)
class FocusGroupAdmin(admin.ModelAdmin):
    list_display = ["title_sv", "held_on", "host", "participant_count", "age_band"]
    list_filter = ["host"]
    date_hierarchy = "held_on"
    inlines = [InsightInline]


@admin.register(CouncilConsultation)
class CouncilConsultationAdmin(admin.ModelAdmin):
    list_display = ["__str__", "asked_on", "status", "answered_on"]
    list_filter = ["status"]


@admin.register(Idea)
class IdeaAdmin(admin.ModelAdmin):
    list_display = ["title", "status", "created", "moderated_at"]
    list_filter = ["status"]
    readonly_fields = ["created", "confirmed_at", "moderated_at", "moderated_by"]
