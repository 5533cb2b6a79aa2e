from django.contrib import admin

from aidess.core.versioning import VersionedAdmin
from aidess.history.admin import HistoryAdminMixin
from aidess.history.models import AuditEntry
from aidess.structures.models import (
    JoinRequest,
    Structure,
    StructureMembership,
    StructureSituation,
)


class MembershipInline(admin.TabularInline):
    model = StructureMembership
    extra = 0
    raw_id_fields = ["user"]


class SituationInline(admin.TabularInline):
    model = StructureSituation
    extra = 0


@admin.register(Structure)
class StructureAdmin(HistoryAdminMixin, VersionedAdmin, admin.ModelAdmin):
    list_display = ["name", "siret", "legal_form", "sector", "department", "employees_fte"]
    list_filter = ["legal_form", "sector", "is_ess", "is_esus", "is_iae", "region"]
    search_fields = ["name", "siret", "rna_number"]
    list_select_related = ["department"]
    raw_id_fields = ["commune", "legal_category", "naf_activity"]
    readonly_fields = ["department", "region", "created_at", "updated_at"]
    inlines = [MembershipInline, SituationInline]
    show_full_result_count = False  # counting millions of demo rows on every page is slow

    def history_entries(self, structure):
        """The structure's own history page: its records too (members, situations, plans…)."""
        return AuditEntry.objects.filter(structure_id=structure.pk)


@admin.register(StructureMembership)
class StructureMembershipAdmin(HistoryAdminMixin, admin.ModelAdmin):
    list_display = ["user", "structure", "is_admin", "is_active", "confirmation"]
    list_filter = ["is_admin", "is_active", "confirmation"]
    search_fields = ["user__email", "structure__name", "structure__siret"]
    raw_id_fields = ["user", "structure", "confirmed_by", "confirming_organization"]


@admin.register(JoinRequest)
class JoinRequestAdmin(HistoryAdminMixin, admin.ModelAdmin):
    """Read here; decided on the structure's members page (its lifecycle logs each step)."""

    list_display = ["user", "structure", "status", "created_at", "decided_by"]
    list_filter = ["status"]
    search_fields = ["user__email", "structure__name", "structure__siret"]
    readonly_fields = [f.name for f in JoinRequest._meta.fields]

    def has_add_permission(self, request):
        return False
