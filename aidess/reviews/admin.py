from django.contrib import admin

from aidess.history.admin import HistoryAdminMixin
from aidess.reviews.models import Testimony


@admin.register(Testimony)
class TestimonyAdmin(HistoryAdminMixin, admin.ModelAdmin):
    list_display = ["structure", "author_name", "aid", "plan", "consent_to_publish", "created_at"]
    list_filter = ["consent_to_publish", "on_behalf"]
    search_fields = ["structure__name", "author_name", "quote"]
    raw_id_fields = ["structure", "aid", "plan", "recorded_by"]
    readonly_fields = ["consented_at", "withdrawn_at", "recorded_by", "on_behalf"]
