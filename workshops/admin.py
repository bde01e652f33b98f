from django.contrib import admin

from .models import Attendance, MinutesComment, ThemeSuggestion, Workshop, WorkshopItem


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 0
    autocomplete_fields = ["organisation"]


class ItemInline(admin.StackedInline):
    model = WorkshopItem
    extra = 0
    fields = [
        "kind",
        "position",
        "text_sv",
        "owner",
        "responsible",
        "due",
        "look_again_on",
    ]


@admin.register(Workshop)
class WorkshopAdmin(admin.ModelAdmin):
    list_display = ["starts_at", "theme_sv", "status", "minutes_state", "host"]
    list_filter = ["status", "minutes_state", "format"]
    search_fields = ["theme_sv", "place"]
    date_hierarchy = "starts_at"
    inlines = [AttendanceInline, ItemInline]


@admin.register(WorkshopItem)
class WorkshopItemAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "workshop", "owner", "due", "done_at", "look_again_on"]
    list_filter = ["kind"]
    search_fields = ["text_sv"]
    list_select_related = ["workshop", "owner"]


@admin.register(MinutesComment)
class MinutesCommentAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "workshop", "organisation", "created"]
    list_select_related = ["workshop", "organisation"]


@admin.register(ThemeSuggestion)
class ThemeSuggestionAdmin(admin.ModelAdmin):
    list_display = ["title", "status", "organisation", "created"]
    list_filter = ["status"]
