from django.contrib import admin
from django.contrib.contenttypes.models import ContentType

from aidess.cashflow.models import CashflowLine, CashflowPlan
from aidess.history.admin import HistoryAdminMixin
from aidess.history.models import AuditEntry


class LineInline(admin.TabularInline):
    model = CashflowLine
    extra = 0


@admin.register(CashflowPlan)
class CashflowPlanAdmin(HistoryAdminMixin, admin.ModelAdmin):
    list_display = ["title", "structure", "start", "months", "updated_at"]
    search_fields = ["structure__name", "title"]
    raw_id_fields = ["structure", "created_by"]
    inlines = [LineInline]

    def history_entries(self, plan):
        """The plan and its lines (their monthly amounts)."""
        lines = AuditEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(CashflowLine),
            structure_id=plan.structure_id,
            object_id__in=plan.lines.values("pk"),
        )
        return super().history_entries(plan) | lines
