"""One commune component on every form that asks for a commune: same box, same suggestions."""

import html
import re

import pytest
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SUGGESTIONS = reverse("territories:commune_suggestions")


def commune_box(page):
    """The commune <input> and what follows it up to the end of its field group."""
    match = re.search(r'(<input[^>]*name="commune"[^>]*>)\s*(<datalist[^>]*></datalist>)?', page)
    assert match, "no commune box on the page"
    attrs = dict(re.findall(r'([\w-]+)="([^"]*)"', match[1]))
    return {name: html.unescape(value) for name, value in attrs.items()}, match[2]


@pytest.mark.parametrize(
    ("url", "query", "signed_in"),
    [
        (reverse("structures:create"), {}, True),
        (reverse("eligibility:simulation"), {"commune": "Aubusson (23008)"}, False),
        (reverse("aids:search"), {"commune": "Aubusson (23008)"}, False),
    ],
)
def test_every_commune_field_is_the_same_component(client, login, url, query, signed_in):
    if signed_in:
        login(UserFactory())
    box, datalist = commune_box(client.get(url, query).content.decode())

    assert box["list"] == "commune-options"
    assert datalist == '<datalist id="commune-options"></datalist>', "its list right after it"
    assert box["hx-get"] == SUGGESTIONS
    assert box["hx-target"] == "#commune-options"
    assert box["hx-trigger"] == "input changed delay:250ms"
    assert box["autocomplete"] == "off", "the browser's history would hide the suggestions"
    assert box["class"] == "fr-input"
    assert box.get("value", "") == query.get("commune", "")


def test_the_suggestions_read_the_box_under_its_field_name(client):
    """HTMX sends the box's value under the field's name (« commune »), not « q »."""
    page = client.get(SUGGESTIONS, {"commune": "aubusson"}).content.decode()
    assert '<option value="Aubusson (23008)">' in page


def test_a_refused_commune_keeps_its_text_and_says_why_under_the_box(client, login):
    login(UserFactory())
    page = client.post(
        reverse("structures:create"), {"action": "save", "name": "X", "commune": "Trifouillis"}
    ).content.decode()
    box, _ = commune_box(page)
    assert box["value"] == "Trifouillis"
    assert box["aria-invalid"] == "true"
    error = re.search(rf'<div id="{box["aria-describedby"]}">(.*?)</div>', page, re.DOTALL)[1]
    assert "Commune inconnue" in html.unescape(error)
