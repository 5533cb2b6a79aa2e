"""Staff read the history: every entry (filtered by kind, origin, type of object), and the
« Historique » button of each tracked object's change page (`HistoryAdminMixin`)."""

from dataclasses import dataclass

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import PAGE_VAR
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst

from aidess.history.display import ACTIONS, changes_of, object_text, origin_text
from aidess.history.models import AuditEntry


@dataclass
class Row:
    entry: AuditEntry
    action: str
    origin: str
    changes: list


def rows_of(entries):
    return [
        Row(entry, ACTIONS[entry.action], origin_text(entry), changes_of(entry))
        for entry in entries
    ]


class HistoryAdminMixin:
    """The change page's « Historique » lists the object's history entries (django-auditlog)
    instead of the admin's own log, which knows nothing of pages, API and commands."""

    object_history_template = "admin/history/object_history.html"
    history_per_page = 50

    def history_entries(self, obj):
        """The object's entries; a model admin adds those of records it shows inline."""
        return AuditEntry.objects.get_for_object(obj)

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        entries = self.history_entries(obj).select_related("actor", "content_type")
        paginator = self.get_paginator(
            request, entries.order_by("-timestamp", "-id"), self.history_per_page
        )
        page = paginator.get_page(request.GET.get(PAGE_VAR))
        context = {
            **self.admin_site.each_context(request),
            "title": f"Historique : {obj}",
            "subtitle": None,
            "module_name": str(capfirst(self.opts.verbose_name_plural)),
            "object": obj,
            "opts": self.opts,
            "page_obj": page,
            "page_var": PAGE_VAR,
            "rows": rows_of(page),
            **(extra_context or {}),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.object_history_template, context)


class ContentTypeFilter(admin.SimpleListFilter):
    title = "type d'objet"
    parameter_name = "type"

    def lookups(self, request, model_admin):
        used = AuditEntry.objects.values_list("content_type", flat=True).distinct()
        types = ContentType.objects.filter(pk__in=used)
        return sorted(
            ((kind.pk, capfirst(kind.model_class()._meta.verbose_name)) for kind in types
             if kind.model_class()),
            key=lambda item: item[1],
        )  # fmt: skip

    def queryset(self, request, queryset):
        return queryset.filter(content_type=self.value()) if self.value() else queryset


if admin.site.is_registered(AuditEntry):  # django-auditlog's admin is in English
    admin.site.unregister(AuditEntry)


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["when", "what", "action_label", "actor", "from_where", "summary"]
    list_filter = ["action", "origin", ContentTypeFilter]
    list_select_related = ["actor", "content_type"]
    search_fields = ["object_repr", "origin_detail", "actor__email", "actor__last_name"]
    date_hierarchy = "timestamp"
    fields = ["when", "what", "action_label", "actor", "from_where", "details"]
    readonly_fields = fields
    show_full_result_count = False

    @admin.display(description="date", ordering="timestamp")
    def when(self, entry):
        return entry.timestamp

    @admin.display(description="objet")
    def what(self, entry):
        return object_text(entry)

    @admin.display(description="action", ordering="action")
    def action_label(self, entry):
        return ACTIONS[entry.action]

    @admin.display(description="origine", ordering="origin")
    def from_where(self, entry):
        return origin_text(entry)

    @admin.display(description="changements")
    def summary(self, entry):
        return ", ".join(change.label for change in changes_of(entry))

    @admin.display(description="changements (avant → après)")
    def details(self, entry):
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                "<li>{} : {} → {}</li>",
                ((c.label, c.before, c.after) for c in changes_of(entry)),
            ),
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
