"""The national schemes written from the seed documents: stable slugs, facts, idempotent loading."""

import json
import re
import unicodedata
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings

from aidess.aids.enums import AidKind, AidSource, AidStatus, AmountKind
from aidess.aids.models import Aid
from aidess.aids.seeding import SEED_FILE, load_seed_aids
from aidess.organizations.models import Organization

pytestmark = pytest.mark.django_db

STABLE_SLUGS = [
    "dsess",
    "dla",
    "france-active-accompagnement",
    "sos-employeurs-ess",
    "guid-asso",
    "mediateur-des-entreprises",
    "dreets-paca-aci",
    "ptce",
]
SEEDS_DIR = Path(settings.BASE_DIR).parent / "shared" / "seeds"


def region_codes(aid):
    return set(aid.regions.values_list("code", flat=True))


def test_stable_slugs_are_seed_schemes_with_a_cited_source():
    aids = {aid.slug: aid for aid in Aid.objects.filter(slug__in=STABLE_SLUGS)}
    assert sorted(aids) == sorted(STABLE_SLUGS)
    for aid in aids.values():
        assert aid.source == AidSource.SEED
        assert re.match(r"seeds/\d{3}_[0-9a-f]{16}\.txt", aid.provenance), aid.slug
        assert aid.providers.exists(), aid.slug


def test_dsess_is_a_closed_flat_grant_of_5000_euros():
    dsess = Aid.objects.get(slug="dsess")
    assert dsess.kind == AidKind.GRANT
    assert dsess.amount_kind == AmountKind.FLAT
    assert dsess.amount_max_eur == Decimal("5000")
    assert dsess.status == AidStatus.CLOSED
    assert dsess.is_national
    assert dsess.provenance.startswith("seeds/000_0bddf8cefad5bf3e.txt")
    assert "5 000" in dsess.provenance
    assert not dsess.is_open()


def test_sos_employeurs_ess_covers_only_its_six_regions():
    sos = Aid.objects.get(slug="sos-employeurs-ess")
    assert not sos.is_national
    assert region_codes(sos) == {"32", "53", "28", "52", "84", "93"}
    assert list(sos.providers.values_list("name", flat=True)) == [
        "UDES (Union des employeurs de l'économie sociale et solidaire)"
    ]


def test_dreets_paca_only_covers_provence_alpes_cote_d_azur():
    dreets = Aid.objects.get(slug="dreets-paca-aci")
    assert not dreets.is_national
    assert region_codes(dreets) == {"93"}
    assert not dreets.departments.exists()


def test_ptce_grants_up_to_100000_euros():
    ptce = Aid.objects.get(slug="ptce")
    assert ptce.amount_kind == AmountKind.RANGE
    assert ptce.amount_max_eur == Decimal("100000")
    assert ptce.is_call_for_projects
    assert ptce.status == AidStatus.PUBLISHED


def test_free_services_have_no_amount_and_are_national():
    for slug in ["dla", "guid-asso", "mediateur-des-entreprises", "france-active-accompagnement"]:
        aid = Aid.objects.get(slug=slug)
        assert aid.amount_kind == AmountKind.NONE, slug
        assert aid.amount_max_eur is None, slug
        assert aid.is_national, slug
        assert aid.status == AidStatus.PUBLISHED, slug


def normalized(text):
    text = unicodedata.normalize("NFKC", text).replace("’", "'")
    return " ".join(text.split())


@pytest.mark.skipif(not SEEDS_DIR.is_dir(), reason="seed documents not available here")
def test_every_quotation_in_provenance_is_in_the_cited_seed_document():
    """« … » passages are quoted word for word from the file cited just before them."""
    checked = 0
    for aid in Aid.objects.filter(source=AidSource.SEED):
        cited = None
        for part in re.split(r"(seeds/\d{3}_[0-9a-f]{16}\.txt)", aid.provenance):
            if part.startswith("seeds/"):
                cited = normalized((SEEDS_DIR / part.removeprefix("seeds/")).read_text("utf-8"))
                continue
            for quotation in re.findall(r"«\s*(.*?)\s*»", part):
                for fragment in re.split(r"\[…\]|…", quotation):
                    fragment = normalized(fragment).strip(" .")
                    if fragment:
                        assert cited is not None, aid.slug
                        assert fragment in cited, (aid.slug, fragment)
                        checked += 1
    assert checked >= 15


def test_loading_the_seed_again_restores_edits_and_duplicates_nothing():
    before = dict(Aid.objects.filter(source=AidSource.SEED).values_list("slug", "pk"))
    organizations = Organization.objects.count()
    providers = {
        slug: set(Aid.objects.get(slug=slug).providers.values_list("pk", flat=True))
        for slug in STABLE_SLUGS
    }
    Aid.objects.filter(slug="ptce").update(amount_max_eur=Decimal("1"), name="Modifié")

    version, slugs = load_seed_aids()

    assert version == json.loads(SEED_FILE.read_text("utf-8"))["version"]
    assert sorted(slugs) == sorted(before)
    assert dict(Aid.objects.filter(source=AidSource.SEED).values_list("slug", "pk")) == before
    assert Organization.objects.count() == organizations
    for slug in STABLE_SLUGS:
        aid = Aid.objects.get(slug=slug)
        assert set(aid.providers.values_list("pk", flat=True)) == providers[slug], slug
    assert region_codes(Aid.objects.get(slug="sos-employeurs-ess")) == {
        "32",
        "53",
        "28",
        "52",
        "84",
        "93",
    }
    ptce = Aid.objects.get(slug="ptce")
    assert ptce.amount_max_eur == Decimal("100000")
    assert ptce.name == "Soutien aux pôles territoriaux de coopération économique (PTCE)"
