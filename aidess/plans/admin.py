from django.contrib import admin

from aidess.history.admin import HistoryAdminMixin
from aidess.plans.models import EmergencyPlan, PlanTarget


@admin.register(EmergencyPlan)
class EmergencyPlanAdmin(HistoryAdminMixin, admin.ModelAdmin):
    list_display = ["name", "level", "cell", "status", "starts_on", "ends_on", "targeted_count"]
    list_filter = ["level", "status"]
    search_fields = ["name", "trigger"]
    readonly_fields = ["status", "targeted_count", "activated_at"]
    filter_horizontal = [
        "aids",
        "support_offers",
        "organizations",
        "managers",
        "regions",
        "departments",
    ]


@admin.register(PlanTarget)
class PlanTargetAdmin(HistoryAdminMixin, admin.ModelAdmin):
    list_display = ["structure", "plan", "status", "department", "sector"]
    list_filter = ["status", "plan"]
    raw_id_fields = ["structure", "helped_with_aid", "helped_with_offer"]
    readonly_fields = ["status"]
