"""LongSelect writes the same <select> as Django's Select: chosen option, escaping, attributes."""

import re

from django import forms

from aidess.core.widgets import LongSelect
from tests.html import Page

CHOICES = [
    ("", "---------"),
    ("90.01Z", "Arts du spectacle vivant"),
    ("x<y", 'Libellé "à échapper" & <b>'),
]


def parsed(html):
    """The select's attributes and its options as [value, label, selected]."""
    (select,) = Page(html).fields
    options = [
        [value, label, selected]
        for (value, selected), label in zip(select["options"], select["labels"], strict=True)
    ]
    return select["attrs"], options


def rendered(widget_class, data):
    class Form(forms.Form):
        activity = forms.ChoiceField(choices=CHOICES, required=True, widget=widget_class)

    form = Form(data)
    form.is_valid()
    return str(form["activity"])


def test_long_select_gives_the_same_select_as_django():
    for data in ({}, {"activity": "90.01Z"}, {"activity": "x<y"}, {"activity": "inconnu"}):
        django_html, ours = rendered(forms.Select, data), rendered(LongSelect, data)
        assert parsed(ours) == parsed(django_html)


def test_long_select_marks_the_chosen_option_and_escapes_labels():
    html = rendered(LongSelect, {"activity": "x<y"})
    _, options = parsed(html)
    assert options[2] == ["x<y", 'Libellé "à échapper" & <b>', True]
    assert [selected for _value, _label, selected in options] == [False, False, True]
    assert "<b>" not in html and re.search(r'value="x&lt;y"', html)
