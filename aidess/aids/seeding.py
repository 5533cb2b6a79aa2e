"""Load the national schemes of data/seed_aids.json (idempotent; slugs are stable)."""

import json
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from aidess.aids.enums import AidSource
from aidess.aids.fulltext import reindex
from aidess.aids.models import Aid, set_needs
from aidess.organizations.enums import OrganizationKind, ScopeLevel
from aidess.organizations.models import Organization

SEED_FILE = Path(__file__).resolve().parent / "data" / "seed_aids.json"
SCALAR_FIELDS = [
    "name",
    "short_description",
    "description",
    "kind",
    "amount_kind",
    "amount_note",
    "is_national",
    "opening_date",
    "closing_date",
    "recurrence",
    "is_call_for_projects",
    "status",
    "application_url",
    "contact_url",
    "provenance",
]
SCOPES = {"national": ScopeLevel.NATIONAL, "regional": ScopeLevel.REGIONAL}


def seed_provider(spec):
    organization, _ = Organization.objects.update_or_create(
        name=spec["name"],
        kind=OrganizationKind.PROVIDER,
        defaults={"scope_level": SCOPES[spec["scope"]]},
    )
    organization.regions.set(spec.get("regions", []))
    return organization


@transaction.atomic
def load_seed_aids():
    data = json.loads(SEED_FILE.read_text(encoding="utf-8"))
    providers = {key: seed_provider(spec) for key, spec in data["providers"].items()}
    slugs = []
    for spec in data["aids"]:
        values = {name: spec.get(name) for name in SCALAR_FIELDS if name in spec}
        for name in ("amount_min_eur", "amount_max_eur", "rate_percent"):
            values[name] = Decimal(spec[name]) if spec.get(name) else None
        values["source_key"] = spec["slug"]
        aid, _ = Aid.objects.update_or_create(
            slug=spec["slug"], defaults={**values, "source": AidSource.SEED}
        )
        aid.providers.set([providers[key] for key in spec["providers"]])
        aid.co_funders.set([providers[key] for key in spec.get("co_funders", [])])
        aid.regions.set(spec.get("regions", []))
        set_needs(aid, spec.get("needs", []))
        slugs.append(aid.slug)
    reindex(Aid.objects.filter(slug__in=slugs))
    return data["version"], slugs
