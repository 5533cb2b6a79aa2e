from django.contrib import admin

from aidess.diagnosis.models import Diagnosis, SharingConsent
from aidess.history.admin import HistoryAdminMixin


@admin.register(Diagnosis)
class DiagnosisAdmin(HistoryAdminMixin, admin.ModelAdmin):
    list_display = ["structure", "created_at", "step", "completed_at"]
    search_fields = ["structure__name", "structure__siret"]
    raw_id_fields = ["structure", "created_by"]
    readonly_fields = ["created_at", "updated_at"]


@admin.register(SharingConsent)
class SharingConsentAdmin(HistoryAdminMixin, admin.ModelAdmin):
    list_display = ["structure", "organization", "granted_at", "revoked_at"]
    search_fields = ["structure__name", "organization__name"]
    raw_id_fields = ["structure", "organization", "granted_by"]
