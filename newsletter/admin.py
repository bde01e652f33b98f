from django.contrib import admin

from .models import Delivery, Edition, Subscriber


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    list_display = ["__str__", "status", "language", "signed_up_at", "consented_at"]
    list_filter = ["status", "language"]
    search_fields = ["email", "name"]
    readonly_fields = [
        "email_hash", "consent_text", "consent_language", "signed_up_at", "consented_at",
        "unsubscribed_at", "confirmation_requested_at",
    ]  # fmt: skip
    filter_horizontal = ["interests"]


@admin.register(Edition)
class EditionAdmin(admin.ModelAdmin):
    list_display = ["subject_sv", "status", "audience", "created_at", "sent_at"]
    list_filter = ["status"]
    readonly_fields = ["status", "send_started_at", "sent_at", "sent_by", "created_by"]


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ["edition", "subscriber", "status", "attempts", "sent_at"]
    list_filter = ["status", "edition"]
    list_select_related = ["edition", "subscriber"]
    raw_id_fields = ["edition", "subscriber"]
    readonly_fields = ["message_id", "queued_at", "sent_at", "attempts", "error"]
