"""DSFR field groups written in Python, for the forms of the pages everyone opens (catalog search,
simulation, Mes aides): the HTML of django-dsfr's field templates
(dsfr/form_field_snippets/*.html, compared field by field in tests/core/test_field_groups.py)
without a template render per field and per checkbox, most of a search page's time.

Inputs, selects, a checkbox and a list of checkboxes are written here; any other field (radio
buttons, a field with its own template, rich labels) goes through django-dsfr's templates."""

from django.utils.safestring import mark_safe
from dsfr.forms import DsfrBaseForm, DsfrBoundField
from dsfr.templatetags.dsfr_tags import dsfr_mark_optionnal_fields
from dsfr.utils import dsfr_input_class_attr

from aidess.core.widgets import text

SNIPPETS = "dsfr/form_field_snippets/"


def attributes(attrs):
    """django/forms/widgets/attrs.html: False left out, True as a bare name."""
    return "".join(
        f" {name}" if value is True else f' {name}="{text(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


class QuickBoundField(DsfrBoundField):
    def as_field_group(self):
        writer = {
            f"{SNIPPETS}input_snippet.html": self.input_group,
            f"{SNIPPETS}checkbox_snippet.html": self.checkbox_group,
            f"{SNIPPETS}checkboxselectmultiple_snippet.html": self.checkboxes_group,
        }.get(self.template_name)
        if writer is None:
            return super().as_field_group()
        return mark_safe(writer())  # noqa: S308 - every text is escaped in the writers

    def heading(self, help_id):
        """Label, optional mark and help text, as the snippets write them."""
        help_text = (
            f'<span class="fr-hint-text" id="{help_id}_helptext">{self.help_text}</span>'
            if self.help_text
            else ""
        )
        return f"{text(self.label)}{text(dsfr_mark_optionnal_fields(self))}{help_text}"

    def error_block(self):
        return f'<div id="{self.auto_id}-desc-error">{self.errors}</div>' if self.errors else ""

    def input_group(self):
        group = getattr(self.field.widget, "group_class", "") or "fr-input-group"
        classes = group + (f" {group}--error" if self.errors else "")
        classes += " fr-input-group--disabled" if self.field.disabled else ""
        label_id = self.id_for_label
        widget = str(dsfr_input_class_attr(self))
        return (
            f'<div class="{classes}"><label for="{label_id}" class="fr-label">'
            f"{self.heading(label_id)}</label>{widget}{self.error_block()}</div>"
        )

    def checkbox_group(self):
        classes = "fr-checkbox-group" + (" fr-checkbox-group--error" if self.errors else "")
        classes += " fr-input-group--disabled" if self.field.disabled else ""
        widget = str(dsfr_input_class_attr(self))
        return (
            f'<div class="{classes} fr-mb-2w">{widget}'
            f'<label for="{self.id_for_label}" class="fr-label">{self.heading(self.auto_id)}'
            f"</label>{self.error_block()}</div>"
        )

    def checkboxes_group(self):
        auto_id = self.auto_id
        field = dsfr_input_class_attr(self)
        inline = " fr-fieldset__element--inline" if getattr(field.field.widget, "inline", 0) else ""
        options = []
        for subwidget in field.subwidgets:
            option = subwidget.data
            if not isinstance(option["label"], str):  # rich labels: django-dsfr's template
                return str(super().as_field_group())
            option_id = option["attrs"].get("id")
            value = "" if option["value"] is None else f' value="{text(option["value"])}"'
            label_for = f' for="{text(option_id)}"' if option_id else ""
            tag = (
                f'<input type="{option["type"]}" name="{text(option["name"])}"{value}'
                f'{attributes(option["attrs"])}><label class="fr-label"{label_for}>'
                f"{text(option['label'])}</label>"
            )
            if option["attrs"].get("dsfr") == "dsfr":
                tag = f'<div class="fr-checkbox-group">{tag}</div>'
            options.append(f'<div class="fr-fieldset__element{inline}">{tag}</div>')
        errors = " fr-fieldset--error" if self.errors else ""
        described = f" {auto_id}-messages" if self.errors else ""
        return (
            f'<fieldset class="fr-fieldset{errors} fr-fieldsets" id="checkboxes-{auto_id}" '
            f'aria-labelledby="{auto_id}-legend{described}">'
            f'<legend class="fr-fieldset__legend fr-fieldset__legend--regular" '
            f'id="{auto_id}-legend">{self.heading(auto_id)}</legend>'
            f"{''.join(options)}{self.error_block()}</fieldset>"
        )


class QuickDsfrForm(DsfrBaseForm):
    """A django-dsfr form whose common fields are written in Python (see the module)."""

    bound_field_class = QuickBoundField
