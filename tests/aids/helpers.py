"""Building aids with controlled texts, and reading pages the way a person sees them."""

import re
from html import unescape

from aidess.aids.enums import AidKind, AidSource, AidStatus
from aidess.aids.fulltext import reindex
from aidess.aids.models import Aid, AidSector, unique_slug
from aidess.organizations.enums import OrganizationKind, ScopeLevel
from tests.factories import OrganizationFactory
from tests.html import Page

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


def form_data(html, **changes):
    """The page's form as submitted, with `changes` typed over it (lists for multiple values)."""
    data = Page(html).own_form().data()
    for name, value in changes.items():
        data[name] = value if isinstance(value, list) else [value]
    return {name: values for name, values in data.items() if values}
