"""Form widgets shared by the apps."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join


class LongSelect(forms.Select):
    """A <select> for long flat lists (732 NAF activities, 260 legal categories, 101
    departments…), written in Python: Django renders each <option> through a template of its
    own, about 60 µs an option, 45 ms for the NAF list on every page that shows it. Same HTML
    as Django's, without optgroups."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        options = (option for _group, group, _index in widget["optgroups"] for option in group)
        return format_html(
            '<select name="{}"{}>{}</select>',
            widget["name"],
            flatatt(widget["attrs"]),
            format_html_join(
                "",
                '<option value="{}"{}>{}</option>',
                (
                    (option["value"], flatatt(option["attrs"]), option["label"])
                    for option in options
                ),
            ),
        )
