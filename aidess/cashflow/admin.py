from django.contrib import admin

from aidess.cashflow.models import CashflowLine, CashflowPlan
from aidess.core.versioning import VersionedAdmin
from aidess.history.admin import HistoryAdminMixin


class LineInline(admin.TabularInline):
    model = CashflowLine
    extra = 0


@admin.register(CashflowPlan)
class CashflowPlanAdmin(HistoryAdminMixin, VersionedAdmin, admin.ModelAdmin):
    list_display = ["title", "structure", "start", "months", "updated_at"]
    search_fields = ["structure__name", "title"]
    raw_id_fields = ["structure", "created_by"]
    inlines = [LineInline]
    history_inlines = [(CashflowLine, "plan")]
