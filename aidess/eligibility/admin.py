from django.contrib import admin

from aidess.eligibility.models import AidCriteria
from aidess.history.admin import HistoryAdminMixin


@admin.register(AidCriteria)
class AidCriteriaAdmin(HistoryAdminMixin, admin.ModelAdmin):
    list_display = ["aid", "ess_required", "employer_required", "fte_max", "budget_min"]
    search_fields = ["aid__name", "aid__slug"]
    raw_id_fields = ["aid"]
