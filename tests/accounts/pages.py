"""Read what a person sees on a rendered page: the error shown under a form field."""

import html
import re


def text(response):
    return html.unescape(response.content.decode())


def field_errors(response, field):
    """The error messages displayed right under `field` (DSFR: `<div id="id_<field>-desc-error">`)."""
    match = re.search(rf'<div id="id_{field}-desc-error">(.*?)</div>', text(response), re.DOTALL)
    if not match:
        return []
    return [
        " ".join(item.split()) for item in re.findall(r"<li[^>]*>(.*?)</li>", match[1], re.DOTALL)
    ]


def input_value(response, field):
    match = re.search(rf'<input[^>]*name="{field}"[^>]*>', text(response))
    assert match, f"no <input name={field}> on the page"
    value = re.search(r'value="([^"]*)"', match[0])
    return value[1] if value else ""


def link_in(message):
    """The one link (http…) of an e-mail's body."""
    (link,) = re.findall(r"https?://\S+", message.body)
    return link
