from django.contrib import admin, messages
from django.utils import timezone

from aidess.history.admin import HistoryAdminMixin
from aidess.organizations.models import ApiToken, Organization, OrganizationMembership
from aidess.organizations.tokens import TOKEN_START, digest, new_secret, revoke


class MembershipInline(admin.TabularInline):
    model = OrganizationMembership
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Organization)
class OrganizationAdmin(HistoryAdminMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "scope_level", "is_active"]
    list_filter = ["kind", "scope_level", "is_active"]
    search_fields = ["name", "siret"]
    filter_horizontal = ["regions", "departments"]
    inlines = [MembershipInline]
    history_inlines = [(OrganizationMembership, "organization")]


@admin.register(OrganizationMembership)
class OrganizationMembershipAdmin(HistoryAdminMixin, admin.ModelAdmin):
    list_display = ["user", "organization", "is_admin", "is_active"]
    list_filter = ["organization__kind", "is_active"]
    search_fields = ["user__email", "organization__name"]
    raw_id_fields = ["user", "organization"]


@admin.register(ApiToken)
class ApiTokenAdmin(HistoryAdminMixin, admin.ModelAdmin):
    """Created here like on the organisation's page: the token is shown once, in the message."""

    list_display = ["name", "prefix", "organization", "created_by", "last_used_at", "revoked_at"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter), "organization__kind"]
    search_fields = ["name", "prefix", "organization__name"]
    raw_id_fields = ["organization"]
    actions = ["revoke_tokens"]

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["organization", "name"]
        return [
            "organization",
            "name",
            "prefix",
            "created_by",
            "created_at",
            "last_used_at",
            "revoked_at",
            "revoked_by",
        ]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        return [
            "organization",
            "prefix",
            "created_by",
            "created_at",
            "last_used_at",
            "revoked_at",
            "revoked_by",
        ]

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        obj.prefix, secret = new_secret()
        clear = f"{TOKEN_START}{obj.prefix}_{secret}"
        obj.secret_hash, obj.created_by = digest(clear), request.user
        super().save_model(request, obj, form, change)
        messages.warning(
            request,
            f"Jeton « {obj.name} » : {clear} — copiez-le maintenant, il ne sera plus affiché. "
            "Les actions faites avec lui sont enregistrées à votre nom.",
        )

    @admin.action(description="Révoquer les jetons choisis")
    def revoke_tokens(self, request, queryset):
        for token in queryset.filter(revoked_at__isnull=True):
            revoke(token, request.user)
        messages.success(request, f"Jetons révoqués le {timezone.localdate():%d/%m/%Y}.")
