"""Form widgets shared by the apps."""

import html

from django import forms
from django.forms.utils import flatatt
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe


def text(value):
    """What `{{ value }}` writes: escaped, unless already safe (as conditional_escape)."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


class LongSelect(forms.Select):
    """A <select> written in Python, for long lists such as 732 NAF activities, 101 departments
    or 106 providers, and the short ones of the forms everyone opens (search, simulation):
    Django builds a dict per option then renders it through a template of its own, about 30 µs
    an option, 4 ms for the departments on every search page. Same HTML as Django's Select
    (tests/core/test_widgets.py), without optgroups."""

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        chosen = set(self.format_value(value))
        options, found = [], False
        for option_value, escaped_value, label in self.escaped_choices():
            # As Select.optgroups: only the first option with the value is selected (one choice).
            selected = option_value in chosen and (self.allow_multiple_selected or not found)
            found = found or selected
            options.append(
                f'<option value="{escaped_value}"{" selected" if selected else ""}>{label}</option>'
            )
        return mark_safe(  # noqa: S308 - every value and label above is escaped
            f'<select name="{conditional_escape(name)}"{flatatt(attrs)}>{"".join(options)}</select>'
        )

    def escaped_choices(self):
        """[(value, value escaped, label escaped)]; kept with the choices when they are kept
        (core.choices: the search page's reference lists), else made on each call."""
        rendering_memo = getattr(self.choices, "rendering_memo", None)
        memo = rendering_memo() if rendering_memo else None
        if memo is not None and "escaped" in memo:
            return memo["escaped"]
        escaped = []
        for value, label in self.choices:
            value = "" if value is None else str(value)
            escaped.append((value, html.escape(value), text(label)))
        if memo is not None:
            memo["escaped"] = escaped
        return escaped


class LongSelectMultiple(LongSelect, forms.SelectMultiple):
    """A <select multiple> written in Python (LongSelect's rendering, SelectMultiple's reading)."""

    def render(self, name, value, attrs=None, renderer=None):
        return super().render(name, value, {**(attrs or {}), "multiple": True}, renderer)
