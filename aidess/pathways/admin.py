from django.contrib import admin

from aidess.history.admin import HistoryAdminMixin
from aidess.pathways.models import (
    AreaOfChange,
    CollectiveAction,
    Effect,
    Pathway,
    PathwayAction,
    PathwayDocument,
    PathwayStep,
)


class StepInline(admin.TabularInline):
    model = PathwayStep
    extra = 0
    can_delete = False


class AreaInline(admin.TabularInline):
    model = AreaOfChange
    extra = 0


class ActionInline(admin.TabularInline):
    model = PathwayAction
    extra = 0


class EffectInline(admin.TabularInline):
    model = Effect
    extra = 0


class DocumentInline(admin.TabularInline):
    """Read-only: a document enters through the page that checks its content."""

    model = PathwayDocument
    extra = 0
    fields = ["step", "title", "original_name", "content_type", "size", "uploaded_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Pathway)
class PathwayAdmin(HistoryAdminMixin, admin.ModelAdmin):
    """The status changes through the pages (its lifecycle); here it is only read."""

    list_display = ["structure", "organization", "kind", "current_step", "status", "started_on"]
    list_filter = ["status", "current_step", "kind"]
    search_fields = ["structure__name", "organization__name"]
    raw_id_fields = ["structure", "organization", "recipient", "advisor"]
    readonly_fields = ["status"]
    inlines = [StepInline, AreaInline, ActionInline, EffectInline, DocumentInline]


@admin.register(CollectiveAction)
class CollectiveActionAdmin(HistoryAdminMixin, admin.ModelAdmin):
    list_display = ["title", "organization", "starts_on", "ends_on"]
    search_fields = ["title", "organization__name"]
    raw_id_fields = ["organization"]
