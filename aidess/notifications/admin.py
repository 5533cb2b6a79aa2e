from django.contrib import admin

from aidess.history.admin import HistoryAdminMixin
from aidess.notifications.models import NotificationPreference, Webhook, WebhookDelivery


@admin.register(Webhook)
class WebhookAdmin(HistoryAdminMixin, admin.ModelAdmin):
    list_display = ["url", "organization", "is_active", "last_status", "last_delivery_at"]
    list_filter = ["is_active"]
    exclude = ["secret"]
    readonly_fields = ["created_by", "created_at", "last_status", "last_delivery_at"]


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    list_display = ["event", "attempt", "attempted_at", "status_code", "error", "next_retry_at"]
    list_select_related = ["event"]

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(HistoryAdminMixin, admin.ModelAdmin):
    list_display = ["user", "daily_digest", "last_digest_on"]
    raw_id_fields = ["user"]
