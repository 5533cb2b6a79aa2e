from django.contrib import admin

from aidess.nomenclatures.models import LegalCategory, NafActivity


@admin.register(LegalCategory)
class LegalCategoryAdmin(admin.ModelAdmin):
    list_display = ["code", "label", "legal_form"]
    list_filter = ["legal_form"]
    search_fields = ["code", "label"]


@admin.register(NafActivity)
class NafActivityAdmin(admin.ModelAdmin):
    list_display = ["code", "label"]
    search_fields = ["code", "label"]
