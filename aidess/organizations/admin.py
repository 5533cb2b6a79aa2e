from django import forms
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
    list_display = ["user", "organization", "is_admin", "is_active", "expires_on"]
    list_filter = ["organization__kind", "is_active"]
    search_fields = ["user__email", "organization__name"]
    raw_id_fields = ["user", "organization"]
    actions = ["renew_memberships"]

    @admin.action(description="Renouveler pour six mois (à partir d'aujourd'hui)")
    def renew_memberships(self, request, queryset):
        for membership in queryset:  # one save each: the history records every renewal
            membership.renew()
        self.message_user(request, f"{queryset.count()} appartenance(s) renouvelée(s).")


class ApiTokenAddForm(forms.ModelForm):
    class Meta:
        model = ApiToken
        fields = ["organization", "name", "created_by"]
        labels = {"created_by": "au nom de"}
        help_texts = {
            "created_by": "Un membre actif de l'organisation : ce qui est fait avec le jeton est "
            "enregistré à son nom, et le jeton cesse de fonctionner s'il la quitte."
        }

    def clean(self):
        data = super().clean()
        organization, person = data.get("organization"), data.get("created_by")
        active = organization and organization.memberships.filter(user=person, is_active=True)
        if organization and person and not active.exists():
            self.add_error("created_by", "Cette personne n'est pas membre actif de l'organisation.")
        return data


@admin.register(ApiToken)
class ApiTokenAdmin(HistoryAdminMixin, admin.ModelAdmin):
    """Created here like on the organisation's page, in the name of one of its members: the
    token is shown once, in the message."""

    list_display = ["name", "prefix", "organization", "created_by", "last_used_at", "revoked_at"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter), "organization__kind"]
    search_fields = ["name", "prefix", "organization__name"]
    raw_id_fields = ["organization", "created_by"]
    actions = ["revoke_tokens"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = ApiTokenAddForm
        return super().get_form(request, obj, change, **kwargs)

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["organization", "name", "created_by"]
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
        obj.secret_hash = digest(clear)
        super().save_model(request, obj, form, change)
        messages.warning(
            request,
            f"Jeton « {obj.name} » : {clear} — copiez-le maintenant, il ne sera plus affiché. "
            f"Les actions faites avec lui sont enregistrées au nom de {obj.created_by}.",
        )

    @admin.action(description="Révoquer les jetons choisis")
    def revoke_tokens(self, request, queryset):
        for token in queryset.filter(revoked_at__isnull=True):
            revoke(token, request.user)
        messages.success(request, f"Jetons révoqués le {timezone.localdate():%d/%m/%Y}.")
