from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from . import events
from .models import (
    Event,
    Goal,
    GovernanceBody,
    Membership,
    Organisation,
    Principle,
    RoleAssignment,
    SiteSettings,
    User,
)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["organisation"]


class RoleInline(admin.TabularInline):
    model = RoleAssignment
    extra = 0


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "is_active", "is_superuser"]
    search_fields = ["email", "first_name", "last_name"]
    inlines = [RoleInline, MembershipInline]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Personal info"), {"fields": ("first_name", "last_name")}),
        (_("Permissions"), {"fields": ("is_active", "is_staff", "is_superuser")}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "active", "joined"]
    list_filter = ["kind", "active"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    # A logo is changed on the organisation's own page, which measures and re-encodes it; this
    # form would store the file as it came.
    readonly_fields = ["logo"]


@admin.register(SiteSettings)
class SiteSettingsAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return not SiteSettings.objects.exists()


admin.site.register(Principle)
admin.site.register(Goal)
admin.site.register(GovernanceBody)


class EventKindFilter(admin.SimpleListFilter):
    """The kinds every app registered, by their names in the reader's language."""

    title = _("what")
    parameter_name = "kind"

    def lookups(self, request, model_admin):
        return events.kind_choices()

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(kind=self.value())
        return queryset


class AppendOnlyAdmin(admin.ModelAdmin):
    """An append-only table, read in the admin and written only by the services."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Event)
class EventAdmin(AppendOnlyAdmin):
    """The event stream: who did what, when, on which object."""

    list_display = ["at", "what", "actor", "subject_type", "subject_id", "public"]
    list_filter = [EventKindFilter, "public"]
    list_select_related = ["actor", "subject_type"]
    date_hierarchy = "at"

    @admin.display(description=_("what"), ordering="kind")
    def what(self, event):
        return events.kind_label(event.kind)
