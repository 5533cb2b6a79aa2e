"""Building aids with controlled texts, and reading pages the way a person sees them."""

import re
from html import unescape
from html.parser import HTMLParser

from aidess.aids.enums import AidKind, AidSource, AidStatus
from aidess.aids.fulltext import reindex
from aidess.aids.models import Aid, AidSector, unique_slug
from aidess.organizations.enums import OrganizationKind, ScopeLevel
from tests.factories import OrganizationFactory

TAG = re.compile(r"<[^>]+>")


def provider_organization(name="Fondation d'essai", scope_level=ScopeLevel.NATIONAL, **kwargs):
    return OrganizationFactory(
        name=name, kind=OrganizationKind.PROVIDER, scope_level=scope_level, **kwargs
    )


def make_aid(
    name,
    *,
    providers=(),
    sectors=(),
    regions=(),
    departments=(),
    epcis=(),
    communes=(),
    **fields,
):
    """A published aid (national unless a territory is given), indexed for search."""
    territory = regions or departments or epcis or communes
    values = {
        "short_description": f"{name}.",
        "kind": AidKind.GRANT,
        "status": AidStatus.PUBLISHED,
        "source": AidSource.PROVIDER,
        "is_national": not territory,
        **fields,
    }
    slug = values.pop("slug", None) or unique_slug(name)
    aid = Aid.objects.create(name=name, slug=slug, **values)
    aid.providers.set(providers)
    aid.regions.set(regions)
    aid.departments.set(departments)
    aid.epcis.set(epcis)
    aid.communes.set(communes)
    AidSector.objects.bulk_create(AidSector(aid=aid, sector=sector) for sector in sectors)
    reindex(Aid.objects.filter(pk=aid.pk))
    return aid


def text_of(html):
    """The visible text of an HTML fragment, whitespace collapsed."""
    return " ".join(unescape(TAG.sub(" ", html)).split())


def field_error(html, field_id):
    """The error message DSFR shows under the field `id_<name>` (empty when none)."""
    match = re.search(rf'<div id="{field_id}-desc-error">(.*?)</div>', html, re.S)
    return text_of(match[1]) if match else ""


class FormReader(HTMLParser):
    """What a browser would submit for the first POST form of a page, as the page left it."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.data = {}
        self._in_form = self._done = False
        self._select = None
        self._textarea = None
        self.feed(html)

    def add(self, name, value):
        self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            posts_here = (attrs.get("method") or "").lower() == "post" and not attrs.get("action")
            self._in_form = posts_here and not self._done
            return
        if not self._in_form:
            return
        name = attrs.get("name")
        if tag == "input" and name and name != "csrfmiddlewaretoken":
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.add(name, attrs.get("value") or "on")
            elif kind not in ("submit", "button"):
                self.add(name, attrs.get("value") or "")
        elif tag == "select" and name:
            self._select = name
            self.data.setdefault(name, [])
        elif tag == "option" and self._select and "selected" in attrs:
            self.add(self._select, attrs.get("value") or "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.add(name, "")

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea][-1] += data

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:
            self.data[self._textarea][-1] = self.data[self._textarea][-1].lstrip("\n")
            self._textarea = None
        elif tag == "form" and self._in_form:
            self._in_form, self._done = False, True


def form_data(html, **changes):
    """The page's form as submitted, with `changes` typed over it (lists for multiple values)."""
    data = FormReader(html).data
    for name, value in changes.items():
        data[name] = value if isinstance(value, list) else [value]
    return {name: values for name, values in data.items() if values}
