from django.contrib import admin

from aidess.history.admin import HistoryAdminMixin
from aidess.organizations.models import Organization, OrganizationMembership


class MembershipInline(admin.TabularInline):
    model = OrganizationMembership
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Organization)
class OrganizationAdmin(HistoryAdminMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "scope_level"]
    list_filter = ["kind", "scope_level"]
    search_fields = ["name", "siret"]
    filter_horizontal = ["regions", "departments"]
    inlines = [MembershipInline]


@admin.register(OrganizationMembership)
class OrganizationMembershipAdmin(HistoryAdminMixin, admin.ModelAdmin):
    list_display = ["user", "organization", "is_admin", "is_active"]
    list_filter = ["organization__kind", "is_active"]
    search_fields = ["user__email", "organization__name"]
    raw_id_fields = ["user", "organization"]
