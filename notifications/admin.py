from django.contrib import admin

from actors.admin import AppendOnlyAdmin

from .models import Notification, Preference


@admin.register(Notification)
class NotificationAdmin(AppendOnlyAdmin):
    """To look at only: the fan-out makes notices and their readers mark them, each time keeping
    the person's unread count in step, which a change here would not."""

    list_display = ["recipient", "kind", "created", "read_at"]
    list_filter = ["kind"]
    list_select_related = ["recipient"]


@admin.register(Preference)
class PreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "frequency"]
    list_filter = ["kind", "frequency"]
    list_select_related = ["user"]
    raw_id_fields = ["user"]
