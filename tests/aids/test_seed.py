"""The national schemes written from the seed documents: stable slugs, facts, idempotent loading."""

import json
import re
from decimal import Decimal

import pytest

from aidess.aids.enums import AidKind, AidSource, AidStatus, AmountKind
from aidess.aids.models import Aid
from aidess.aids.seeding import SEED_FILE, load_seed_aids
from aidess.organizations.models import Organization
from tests.shared_data import quotations

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
SEED = json.loads(SEED_FILE.read_text("utf-8"))


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


@pytest.mark.parametrize("spec", SEED["aids"], ids=lambda spec: spec["slug"])
def test_quotations_are_word_for_word_in_the_cited_seed_documents(spec, seed_documents):
    """« … » passages of an aid's provenance and of its criteria's are quoted from the document
    cited just before them; criteria are justified by at least one quotation."""
    aid = Aid.objects.select_related("criteria").get(slug=spec["slug"])
    assert quotations(aid.provenance), "no quoted passage in the aid's provenance"
    if set(spec["criteria"]) - {"provenance"}:
        assert quotations(aid.criteria.provenance), "criteria without a quoted passage"
    assert seed_documents.misquoted(aid.provenance) == []
    assert seed_documents.misquoted(aid.criteria.provenance) == []


def test_loading_the_seed_again_restores_edits_and_duplicates_nothing():
    before = dict(Aid.objects.filter(source=AidSource.SEED).values_list("slug", "pk"))
    organizations = Organization.objects.count()
    providers = {
        slug: set(Aid.objects.get(slug=slug).providers.values_list("pk", flat=True))
        for slug in STABLE_SLUGS
    }
    Aid.objects.filter(slug="ptce").update(amount_max_eur=Decimal("1"), name="Modifié")

    version, slugs = load_seed_aids()

    assert version == SEED["version"]
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
