from django.contrib import admin

from aidess.lifecycles.models import TransitionLog


@admin.register(TransitionLog)
class TransitionLogAdmin(admin.ModelAdmin):
    """Read-only: a log is written by `Lifecycle.apply` only."""

    list_display = ["created_at", "content_type", "object_id", "from_state", "to_state", "actor"]
    list_filter = ["content_type", "transition", "to_state"]
    search_fields = ["actor__email", "comment"]
    list_select_related = ["content_type", "actor"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
