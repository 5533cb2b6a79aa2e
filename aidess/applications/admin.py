from django.contrib import admin

from aidess.applications.models import Agrement, ApplicationFile, BudgetLine, Document
from aidess.history.admin import HistoryAdminMixin


class BudgetLineInline(admin.TabularInline):
    model = BudgetLine
    extra = 0


class AgrementInline(admin.TabularInline):
    model = Agrement
    extra = 0


class DocumentInline(admin.TabularInline):
    """Read-only: a document enters through the page that checks its content."""

    model = Document
    extra = 0
    fields = ["kind", "original_name", "content_type", "size", "valid_until", "uploaded_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(ApplicationFile)
class ApplicationFileAdmin(HistoryAdminMixin, admin.ModelAdmin):
    list_display = ["structure", "representative_name", "updated_at"]
    search_fields = ["structure__name", "structure__siret"]
    raw_id_fields = ["structure"]
    readonly_fields = ["updated_by"]
    inlines = [BudgetLineInline, AgrementInline, DocumentInline]
    history_inlines = [(BudgetLine, "file"), (Agrement, "file"), (Document, "file")]
