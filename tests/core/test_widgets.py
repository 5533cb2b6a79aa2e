"""LongSelect writes the same <select> as Django's Select: chosen option, escaping, attributes."""

import re
from html.parser import HTMLParser

from django import forms

from aidess.core.widgets import LongSelect

CHOICES = [
    ("", "---------"),
    ("90.01Z", "Arts du spectacle vivant"),
    ("x<y", 'Libellé "à échapper" & <b>'),
]


class Parsed(HTMLParser):
    """The select's attributes and its options as (value, label, selected)."""

    def __init__(self, html):
        super().__init__()
        self.select, self.options, self._current = None, [], None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "select":
            self.select = attrs
        elif tag == "option":
            self._current = [attrs["value"], "", "selected" in attrs]
            self.options.append(self._current)

    def handle_data(self, data):
        if self._current is not None:
            self._current[1] += data

    def handle_endtag(self, tag):
        if tag == "option":
            self._current = None


def rendered(widget_class, data):
    class Form(forms.Form):
        activity = forms.ChoiceField(choices=CHOICES, required=True, widget=widget_class)

    form = Form(data)
    form.is_valid()
    return str(form["activity"])


def test_long_select_gives_the_same_select_as_django():
    for data in ({}, {"activity": "90.01Z"}, {"activity": "x<y"}, {"activity": "inconnu"}):
        django_html, ours = rendered(forms.Select, data), rendered(LongSelect, data)
        assert Parsed(ours).select == Parsed(django_html).select
        assert Parsed(ours).options == Parsed(django_html).options


def test_long_select_marks_the_chosen_option_and_escapes_labels():
    html = rendered(LongSelect, {"activity": "x<y"})
    options = Parsed(html).options
    assert options[2] == ["x<y", 'Libellé "à échapper" & <b>', True]
    assert [selected for _value, _label, selected in options] == [False, False, True]
    assert "<b>" not in html and re.search(r'value="x&lt;y"', html)
