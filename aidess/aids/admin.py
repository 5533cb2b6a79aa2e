from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.text import capfirst

from aidess.aids.enums import AidStatus
from aidess.aids.fulltext import reindex
from aidess.aids.importers import RowError, import_aides_territoires
from aidess.aids.models import Aid, AidNeed, AidSector
from aidess.aids.permissions import can_publish_aid
from aidess.history.admin import HistoryAdminMixin
from aidess.history.bulk import update_logged

MAX_IMPORT_BYTES = 5 * 1024 * 1024


class ImportForm(forms.Form):
    file = forms.FileField(label="Export CSV Aides-territoires (UTF-8, 5 Mo au plus)")

    def clean_file(self):
        """Checked by content, not by name: size, UTF-8 text, and the export's header."""
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise ValidationError("Le fichier dépasse 5 Mo.")
        raw = upload.read()
        if b"\x00" in raw[:4096]:
            raise ValidationError("Ce fichier n'est pas un fichier texte CSV.")
        try:
            return raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationError("Le fichier doit être encodé en UTF-8.") from None


class SectorInline(admin.TabularInline):
    model = AidSector
    extra = 0


class NeedInline(admin.TabularInline):
    model = AidNeed
    extra = 0


@admin.register(Aid)
class AidAdmin(HistoryAdminMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "status", "source", "is_national", "closing_date"]
    list_filter = ["status", "kind", "source", "is_national", "recurrence"]
    search_fields = ["name", "slug", "provider_names"]
    readonly_fields = ["created_at", "updated_at"]
    filter_horizontal = ["providers", "co_funders", "regions", "departments"]
    raw_id_fields = ["epcis", "communes"]
    inlines = [SectorInline, NeedInline]
    actions = ["publish", "archive"]
    change_list_template = "admin/aids/aid/change_list.html"

    def get_urls(self):
        return [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="aids_aid_import",
            ),
            *super().get_urls(),
        ]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        reindex(Aid.objects.filter(pk=form.instance.pk))

    @admin.action(description="Publier les aides sélectionnées (brouillons)")
    def publish(self, request, queryset):
        publishable = [aid.pk for aid in queryset if can_publish_aid(request.user, aid)]
        count = update_logged(Aid.objects.filter(pk__in=publishable), status=AidStatus.PUBLISHED)
        self.message_user(request, f"{count} aide(s) publiée(s).")

    @admin.action(description="Archiver les aides sélectionnées")
    def archive(self, request, queryset):
        count = update_logged(queryset, status=AidStatus.ARCHIVED)
        self.message_user(request, f"{count} aide(s) archivée(s).")

    def import_view(self, request):
        if not self.has_add_permission(request):
            return redirect("admin:aids_aid_changelist")
        form = ImportForm(request.POST or None, request.FILES or None)
        report = None
        if request.method == "POST" and form.is_valid():
            try:
                report = import_aides_territoires(form.cleaned_data["file"])
            except RowError as error:
                form.add_error("file", capfirst(str(error)) + ".")
            else:
                messages.success(
                    request,
                    f"{report.imported} aides importées ({report.created} créées, "
                    f"{report.updated} mises à jour, {report.unchanged} inchangées).",
                )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "form": form,
            "report": report,
            "title": "Importer un export Aides-territoires",
        }
        return TemplateResponse(request, "admin/aids/aid/import.html", context)
