from django.contrib import admin

from .models import (
    DataPoint,
    FocusArea,
    Indicator,
    Intervention,
    Need,
    Outcome,
    OutcomeIndicator,
    PrioritisationRound,
    RoundResult,
    Score,
    TargetGroup,
)


@admin.register(FocusArea, TargetGroup)
class OrderedNameAdmin(admin.ModelAdmin):
    list_display = ["name_sv", "position"]
    prepopulated_fields = {"slug": ["name_sv"]}
    exclude = ["insights", "focus_groups"]


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["name_sv", "focus_area", "unit", "direction", "source"]
    list_filter = ["focus_area"]
    prepopulated_fields = {"slug": ["name_sv"]}


@admin.register(DataPoint)
class DataPointAdmin(admin.ModelAdmin):
    list_display = ["indicator", "period", "target_group", "value"]
    list_filter = ["indicator", "target_group"]


@admin.register(Need)
class NeedAdmin(admin.ModelAdmin):
    list_display = ["title_sv", "focus_area", "status", "prioritised_at"]
    list_filter = ["status", "focus_area"]
    filter_horizontal = ["target_groups", "indicators", "insights", "ideas", "consultations"]


class ResultInline(admin.TabularInline):
    model = RoundResult
    extra = 0
    readonly_fields = ["need", "rank", "urgency", "capacity", "score_count"]
    can_delete = False


@admin.register(PrioritisationRound)
class PrioritisationRoundAdmin(admin.ModelAdmin):
    list_display = ["title_sv", "status", "opened_at", "closes_on", "closed_at"]
    readonly_fields = ["opened_at", "closed_at", "opened_by", "closed_by"]
    inlines = [ResultInline]


@admin.register(Score)
class ScoreAdmin(admin.ModelAdmin):
    list_display = ["round", "need", "organisation", "urgency", "capacity", "updated"]
    list_filter = ["round", "organisation"]


class MeasureInline(admin.TabularInline):
    model = OutcomeIndicator
    extra = 0


@admin.register(Outcome)
class OutcomeAdmin(admin.ModelAdmin):
    list_display = ["title_sv", "need"]
    inlines = [MeasureInline]


@admin.register(Intervention)
class InterventionAdmin(admin.ModelAdmin):
    list_display = ["title_sv", "outcome", "evidence_strength", "status"]
    list_filter = ["status", "evidence_strength"]
